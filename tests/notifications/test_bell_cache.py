"""The bell's unread count is kept per user in the cache: a page costs no count query once it is known, and every
way a notification is written (sent, opened, all marked read, edited in the admin, deleted) shows on the next
page."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notify
from tests.conftest import client_for

VERIFIED = {"commune": "Xã Tùng Ảnh", "year": "2014"}


def _bell(client) -> str | None:
    match = re.search(r'data-unread="(\d+)"', client.get(reverse("communes:list")).content.decode())
    return match.group(1) if match else None


def _counts_unread(client) -> bool:
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("communes:list"))
    return any('FROM "notifications_notification"' in q["sql"] for q in captured.captured_queries)


def test_a_known_count_costs_no_query(district_officer):
    client = client_for(district_officer)
    notify(recipients=[district_officer], kind="commune_year.verified", params=VERIFIED)
    assert _counts_unread(client)
    assert not _counts_unread(client)
    assert _bell(client) == "1"


def test_every_write_shows_on_the_next_page(district_officer):
    client = client_for(district_officer)
    for name in ("Xã A", "Xã B", "Xã C"):
        notify(recipients=[district_officer], kind="commune_year.verified", params={"commune": name, "year": "2014"})
    assert _bell(client) == "3"

    first = Notification.objects.order_by("pk").first()
    client.post(reverse("notifications:open", args=[first.pk]))
    assert _bell(client) == "2"

    second = Notification.objects.unread().order_by("pk").first()
    second.delete()
    assert _bell(client) == "1"

    first.refresh_from_db()
    first.read_at = None
    first.save()  # as the admin's change form saves it
    assert _bell(client) == "2"

    client.post(reverse("notifications:mark_read"), {"all": "1"})
    assert _bell(client) is None


def test_the_bell_counts_from_the_table_while_the_cache_server_is_down(district_officer, settings):
    notify(recipients=[district_officer], kind="commune_year.verified", params=VERIFIED)
    client = client_for(district_officer)
    settings.CACHES = {  # nothing listens on port 1
        "default": {"BACKEND": "ntm.lib.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client.force_login(district_officer)
    assert _bell(client) == "1"
