"""The OCOP register in the authorization matrix: a product (with one rating) of the district officer's commune."""

import datetime
from decimal import Decimal

from ocop.models import OcopProduct, OcopRating, OcopRule
from ocop.reference import rules_load
from tests.authz_rows import row

READ = {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 405, 405, 405, 405)}
EDIT_OWN = {"GET": row("login", 403, 200, 403, 200), "POST": row("login", 403, 400, 403, 400)}
DELETE_OWN = {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 302, 403, 302)}

EXPECTED = {
    "ocop:list": READ,
    "ocop:create": {"GET": row("login", 403, 200, 200, 200), "POST": row("login", 403, 400, 400, 400)},
    "ocop:detail": READ,
    "ocop:edit": EDIT_OWN,
    "ocop:delete": DELETE_OWN,
    "ocop:rating_create": EDIT_OWN,
    "ocop:rating_edit": EDIT_OWN,
    "ocop:rating_delete": DELETE_OWN,
    "excel:ocop_products": READ,
}


def subjects(world) -> dict:
    rules_load()
    product = OcopProduct.objects.create(name="Cam Tùng Ảnh", commune=world["commune"], group="food")
    day = datetime.date(2024, 10, 15)
    rating = OcopRating(
        product=product,
        rule=OcopRule.objects.get(code="148/2023"),
        score_a=Decimal(30),
        score_b=Decimal(20),
        score_c=Decimal(25),
        level="province",
        decision_number="2394/QĐ-UBND",
        decision_date=day,
        recognised_on=day,
    )
    rating.save()
    return {
        "ocop:detail": {"pk": product.pk},
        "ocop:edit": {"pk": product.pk},
        "ocop:delete": {"pk": product.pk},
        "ocop:rating_create": {"pk": product.pk},
        "ocop:rating_edit": {"pk": rating.pk},
        "ocop:rating_delete": {"pk": rating.pk},
    }
