"""The notification pages in the authorization matrix: every role reads its own; anonymous users log in."""

from notifications.models import Notification
from tests.authz_rows import row

EXPECTED = {
    "notifications:list": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    # One notification, the district officer's: only its recipient opens it.
    "notifications:open": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 404, 302, 404, 404),
    },
    "notifications:mark_read": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 302, 302, 302, 302),
    },
}


def subjects(world) -> dict:
    notification = Notification.objects.create(
        recipient=world["users"]["district_officer"], kind="commune_year.verified", params={}, url="/"
    )
    return {"notifications:open": {"pk": notification.pk}}
