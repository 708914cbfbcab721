"""The OCOP rating rules as plain functions over a rule's data (no database), tested on their own.

A rule (QĐ 1048/QĐ-TTg of 2019, QĐ 148/QĐ-TTg of 24/2/2023, stored as data in `OcopRule`) gives the most
points of parts A, B and C (35/25/40, then 40/25/35) and the star bands of the total out of 100: 5 stars from
90, 4 from 70, 3 from 50 (recognised as OCOP); 2 stars from 30 and 1 star below, not recognised. A certificate
of 3 to 5 stars is valid for 36 months from its recognition (OPERATIONS.md §2.3).
"""

import calendar
import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

RECOGNISED_STARS = 3
WARN_DAYS = 90
VALID, EXPIRING, EXPIRED, NOT_RECOGNISED = "valid", "expiring", "expired", "not_recognised"


class Rule(Protocol):
    valid_from: datetime.date
    valid_until: datetime.date | None
    max_a: int
    max_b: int
    max_c: int
    star2_from: int
    star3_from: int
    star4_from: int
    star5_from: int
    validity_months: int


def rule_for(options: Sequence[Rule], day: datetime.date) -> Rule | None:
    """The rule in force on `day`: `valid_from` on or before it and `valid_until` (exclusive) after it."""
    in_force = [r for r in options if r.valid_from <= day and (r.valid_until is None or day < r.valid_until)]
    return max(in_force, key=lambda r: r.valid_from, default=None)


def stars_for(total: Decimal, rule: Rule) -> int:
    """Stars of a total out of 100 by the rule's bands: 90+ five, 70+ four, 50+ three, 30+ two, else one."""
    for stars, low in ((5, rule.star5_from), (4, rule.star4_from), (3, rule.star3_from), (2, rule.star2_from)):
        if total >= low:
            return stars
    return 1


def score_errors(scores: dict[str, Decimal | None], rule: Rule) -> dict[str, tuple[Decimal, int]]:
    """The parts ("a", "b", "c") whose score is below 0 or above the rule's most points: part -> (score, most)."""
    most = {"a": rule.max_a, "b": rule.max_b, "c": rule.max_c}
    return {
        part: (score, most[part])
        for part, score in scores.items()
        if score is not None and not (0 <= score <= most[part])
    }


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31/1 + 1 month = 28/2 or 29/2)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def expiry(recognised_on: datetime.date, stars: int, rule: Rule) -> datetime.date | None:
    """When a certificate stops being valid (recognition + the rule's months); None when not recognised (< 3)."""
    if stars < RECOGNISED_STARS:
        return None
    return add_months(recognised_on, rule.validity_months)


def status(stars: int | None, expires_on: datetime.date | None, today: datetime.date, warn_days: int = WARN_DAYS):
    """valid, expiring (within `warn_days`, the day itself included), expired (before today) or not_recognised."""
    if stars is None or stars < RECOGNISED_STARS or expires_on is None:
        return NOT_RECOGNISED
    if expires_on < today:
        return EXPIRED
    if expires_on <= today + datetime.timedelta(days=warn_days):
        return EXPIRING
    return VALID
