"""Reads of the OCOP register: the work queue's expiring certificates and the dashboard section."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from accounts import policy
from accounts.models import Role
from communes.models import District

from . import rules
from .models import OcopProduct


def products_with_current() -> QuerySet[OcopProduct]:
    return OcopProduct.objects.with_current().select_related("commune__district", "owner")


def product_status(product: OcopProduct, today: datetime.date) -> str | None:
    """valid / expiring / expired / not_recognised, or None when the product has no rating yet."""
    if product.current_rating_id is None:
        return None
    return rules.status(product.current_stars, product.current_expires_on, today)


@dataclass(frozen=True)
class ExpiringRow:
    """One certificate expiring soon, for the office's work queue."""

    product: OcopProduct
    stars: int
    expires_on: datetime.date
    days_left: int
    url: str

    @property
    def commune(self):
        return self.product.commune

    @property
    def district(self):
        return self.product.commune.district


def ocop_expiring(user, *, today: datetime.date, days: int = rules.WARN_DAYS) -> list[ExpiringRow]:
    """Current certificates (3-5 stars) expiring between `today` and `days` later, soonest first.

    Office staff and leadership see the province's; a district officer their own district's; others none.
    One query.
    """
    role = policy.role_of(user)
    if role is None:
        return []
    products = products_with_current().filter(
        current_stars__gte=rules.RECOGNISED_STARS,
        current_expires_on__gte=today,
        current_expires_on__lte=today + datetime.timedelta(days=days),
    )
    if role == Role.DISTRICT:
        products = products.filter(commune__district_id=policy.district_id_of(user))
    return [
        ExpiringRow(
            product=p,
            stars=p.current_stars,
            expires_on=p.current_expires_on,
            days_left=(p.current_expires_on - today).days,
            url=p.get_absolute_url(),
        )
        for p in products.order_by("current_expires_on", "pk")
    ]


@dataclass
class StarsRow:
    district: District | None
    stars: dict[int, int] = field(default_factory=lambda: {5: 0, 4: 0, 3: 0})
    expiring: int = 0
    expired: int = 0
    not_recognised: int = 0

    @property
    def valid(self) -> int:
        return sum(self.stars.values())


@dataclass
class OcopBoard:
    today: datetime.date
    districts: list[StarsRow]
    province: StarsRow
    expiring: list[OcopProduct]
    expired: list[OcopProduct]
    groups: dict[str, int]


def ocop_board(*, today: datetime.date, province=None) -> OcopBoard:
    """The OCOP section on `today`: products with a valid certificate by stars and district (those expiring within
    90 days included), expired certificates, products rated below 3 stars, and the lists of expiring and expired
    certificates. 1 query."""
    products = products_with_current().filter(current_rating_id__isnull=False)
    if province is not None:
        products = products.filter(commune__province=province)
    rows: dict[int | None, StarsRow] = {}
    total = StarsRow(district=None)
    expiring, expired = [], []
    groups: Counter = Counter()
    for product in products.order_by("current_expires_on", "pk"):
        district = product.commune.district
        row = rows.setdefault(product.commune.district_id, StarsRow(district=district))
        state = rules.status(product.current_stars, product.current_expires_on, today)
        for target in (row, total):
            if state in (rules.VALID, rules.EXPIRING):
                target.stars[product.current_stars] += 1
                target.expiring += state == rules.EXPIRING
            elif state == rules.EXPIRED:
                target.expired += 1
            else:
                target.not_recognised += 1
        if state == rules.EXPIRING:
            expiring.append(product)
        elif state == rules.EXPIRED:
            expired.append(product)
        if state in (rules.VALID, rules.EXPIRING):
            groups[product.group] += 1
    districts = sorted((r for r in rows.values() if r.district is not None), key=lambda r: r.district.code)
    without_district = rows.get(None)
    if without_district is not None:
        districts.append(without_district)
    return OcopBoard(
        today=today,
        districts=districts,
        province=total,
        expiring=expiring,
        expired=sorted(expired, key=lambda p: p.current_expires_on, reverse=True),
        groups=dict(groups),
    )
