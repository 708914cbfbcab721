"""Deterministic demo OCOP products for `seed_demo`.

OCOP began in 2018 (its rating rules in 2019), after the demo's 2011-2015 programme years, so the demo
products are rated from 2020 on: first under QĐ 1048/2019, re-rated under QĐ 148/2023. A few certificates
are dated so that they expire within the next 90 days of the day the demo is seeded, and a few have expired,
so the reminders, the work queue and the dashboard have something to show. Names and scores are invented.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from communes.models import Commune
from production.models import Enterprise

from . import rules
from .models import Level, OcopProduct, OcopRating, OcopRule, ProductGroup

SEED = 2014
PRODUCTS = [
    ("Cam chanh", ProductGroup.FOOD),
    ("Bưởi đặc sản", ProductGroup.FOOD),
    ("Mật ong rừng", ProductGroup.FOOD),
    ("Nước mắm truyền thống", ProductGroup.FOOD),
    ("Kẹo cu đơ", ProductGroup.FOOD),
    ("Tinh bột nghệ", ProductGroup.HERBAL),
    ("Trà xanh túi lọc", ProductGroup.BEVERAGES),
    ("Rượu nếp", ProductGroup.BEVERAGES),
    ("Chiếu cói", ProductGroup.HANDICRAFTS),
    ("Mây tre đan", ProductGroup.HANDICRAFTS),
    ("Cây cảnh bonsai", ProductGroup.ORNAMENTAL),
    ("Du lịch sinh thái làng quê", ProductGroup.TOURISM),
    ("Nhung hươu", ProductGroup.HERBAL),
    ("Gạo sạch", ProductGroup.FOOD),
]


def _scores(rng: random.Random, rule: OcopRule, stars: int) -> tuple[Decimal, Decimal, Decimal]:
    """Scores within the rule's parts giving a total in the band of `stars`."""
    low = {3: rule.star3_from, 4: rule.star4_from, 5: rule.star5_from}[stars]
    high = {3: rule.star4_from - 1, 4: rule.star5_from - 1, 5: 100}[stars]
    total = Decimal(rng.randint(low, high))
    parts = [Decimal(rule.max_a), Decimal(rule.max_b), Decimal(rule.max_c)]
    share = total / 100
    a, b = (parts[0] * share).quantize(Decimal("0.1")), (parts[1] * share).quantize(Decimal("0.1"))
    return a, b, total - a - b


def _rating(product, options, stars, recognised_on, number, rng, user) -> OcopRating:
    rule = rules.rule_for(options, recognised_on)
    a, b, c = _scores(rng, rule, stars)
    level = Level.CENTRAL if stars == 5 else (Level.PROVINCE if stars == 4 else Level.DISTRICT)
    rating = OcopRating(
        product=product,
        rule=rule,
        score_a=a,
        score_b=b,
        score_c=c,
        level=level,
        decision_number=f"{number}/QĐ-UBND",
        decision_date=recognised_on,
        recognised_on=recognised_on,
        created_by=user,
    )
    rating.compute()
    return rating


@transaction.atomic
def ocop_demo_seed(*, province, user=None, today: datetime.date | None = None) -> int:
    """Replace the province's OCOP products with the demo ones; returns how many products."""
    today = today or datetime.date.today()
    OcopProduct.objects.filter(commune__province=province).delete()
    options = list(OcopRule.objects.all())
    if not options:
        return 0
    rng = random.Random(SEED)
    communes = list(Commune.objects.current().filter(province=province, in_programme=True).order_by("code"))
    chosen = rng.sample(communes, min(36, len(communes)))
    owners = {}
    for enterprise in Enterprise.objects.filter(commune__in=chosen).exclude(kind="cooperative_group").order_by("pk"):
        owners.setdefault(enterprise.commune_id, enterprise)
    ratings, number = [], 2100
    for index, commune in enumerate(chosen):
        name, group = PRODUCTS[index % len(PRODUCTS)]
        product = OcopProduct(
            name=f"{name} {commune.name.removeprefix('Xã ')}",
            commune=commune,
            owner=owners.get(commune.pk),
            owner_name="" if commune.pk in owners else "Hộ kinh doanh (dữ liệu mẫu)",
            group=group,
            created_by=user,
        )
        product.refresh_name_columns()
        product.save()
        stars = 4 if rng.random() < 0.3 else 3
        year = {0: 2020 + (index // 3) % 2, 1: 2021, 2: 2023 + (index // 3) % 2}[index % 3]
        first = datetime.date(year, rng.randint(3, 11), rng.randint(1, 28))
        number += 7
        ratings.append(_rating(product, options, stars, first, number, rng, user))
        if index % 3 == 0:  # re-rated in time under the 2023 rules, sometimes a star higher
            again = rules.add_months(first, 35)
            number += 7
            ratings.append(_rating(product, options, min(stars + (rng.random() < 0.4), 5), again, number, rng, user))
        elif index % 3 == 1 and index not in (1, 4, 7) and index % 2 == 0:  # re-rated after it had expired
            again = rules.add_months(first, 38)
            number += 7
            ratings.append(_rating(product, options, stars, again, number, rng, user))
        elif index in (1, 4, 7):  # expires within the next 90 days
            recognised = rules.add_months(today, -36) + datetime.timedelta(days=15 + 25 * (index // 3))
            ratings[-1] = _rating(product, options, stars, recognised, number, rng, user)
    OcopRating.objects.bulk_create(ratings)
    return len(chosen)
