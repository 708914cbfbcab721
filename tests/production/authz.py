"""Production models, size thresholds, enterprises and their Excel lists in the authorization matrix.

Everyone with a role reads; office staff change everything; a district officer the records of their own
district's communes (and may enter new ones there: an empty form is 400); leadership changes nothing.
"""

import datetime

from production.models import Enterprise, SizeThresholds
from production.reference import thresholds_load
from tests.authz_rows import row
from tests.resources_fixtures import make_model

READ = {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 405, 405, 405, 405)}
ENTER = {"GET": row("login", 403, 200, 200, 200), "POST": row("login", 403, 400, 400, 400)}
EDIT_OWN = {"GET": row("login", 403, 200, 403, 200), "POST": row("login", 403, 400, 403, 400)}
DELETE_OWN = {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 302, 403, 302)}

EXPECTED = {
    "production:model_list": READ,
    "production:model_create": ENTER,
    "production:model_detail": READ,
    "production:model_edit": EDIT_OWN,
    "production:model_delete": DELETE_OWN,
    "production:thresholds": {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 403, 403, 403, 400)},
    "production:thresholds_edit": {"GET": row("login", 403, 403, 403, 200), "POST": row("login", 403, 403, 403, 400)},
    "production:enterprise_list": READ,
    "production:enterprise_create": ENTER,
    "production:enterprise_edit": EDIT_OWN,
    "production:enterprise_delete": DELETE_OWN,
    "excel:production_models": READ,
    "excel:enterprises": READ,
    "dashboard:resources": READ,
}


def subjects(world) -> dict:
    thresholds_load()
    model = make_model(world["commune"], revenue=650, year=world["year"])
    enterprise = Enterprise.objects.create(
        name="HTX Tùng Ảnh",
        kind="cooperative",
        commune=world["commune"],
        founded_on=datetime.date(2012, 1, 1),
        sector="crops",
    )
    version = SizeThresholds.objects.order_by("valid_from").first()
    return {
        "production:model_detail": {"pk": model.pk},
        "production:model_edit": {"pk": model.pk},
        "production:model_delete": {"pk": model.pk},
        "production:thresholds_edit": {"pk": version.pk},
        "production:enterprise_edit": {"pk": enterprise.pk},
        "production:enterprise_delete": {"pk": enterprise.pk},
    }
