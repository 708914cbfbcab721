"""The plain rules of production models and enterprises: no database, tested on their own.

- `model_size(revenue, thresholds)`: large / medium / small, or None under the counting floor (Hà Tĩnh counts
  models earning at least 100 million VND a year, OPERATIONS.md §2.1; the size thresholds are the province's
  setting, NOT FOUND in any source and shipped as a default).
- `thresholds_for(options, year)`: the version in force on 31 December of the year.
- `has_all_sizes(sizes)`: a commune with at least one large, one medium and one small model (the 2014 goal:
  "phấn đấu trên 75% xã có cả mô hình lớn, vừa và nhỏ").
- `operating_on(founded_on, closed_on, day)`: an enterprise or cooperative operating on a day.
- `TAX_CODE_RE`: a Vietnamese tax code, 10 digits, or 10 digits, a hyphen and 3 digits for a dependent unit.
"""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Protocol

LARGE, MEDIUM, SMALL = "large", "medium", "small"
SIZES = (LARGE, MEDIUM, SMALL)
TAX_CODE_RE = r"^\d{10}(-\d{3})?$"


class Thresholds(Protocol):
    valid_from: datetime.date
    counting_floor: Decimal
    medium_from: Decimal
    large_from: Decimal


def model_size(revenue: Decimal | None, thresholds: Thresholds | None) -> str | None:
    """The size of a model with this revenue (million VND a year), None when not counted.

    Not counted: no revenue recorded, no thresholds, or a revenue under the counting floor. A revenue equal to
    a threshold reaches it: with the defaults (floor 100, medium 500, large 1,000) 100 is small, 500 medium,
    1,000 large.
    """
    if revenue is None or thresholds is None or revenue < thresholds.counting_floor:
        return None
    if revenue >= thresholds.large_from:
        return LARGE
    if revenue >= thresholds.medium_from:
        return MEDIUM
    return SMALL


def thresholds_for(options: Sequence[Thresholds], year: int) -> Thresholds | None:
    """Of the versions, the one in force on 31 December of `year` (the latest `valid_from` not after it)."""
    end = datetime.date(year, 12, 31)
    in_force = [option for option in options if option.valid_from <= end]
    return max(in_force, key=lambda option: option.valid_from, default=None)


def has_all_sizes(sizes: Iterable[str | None]) -> bool:
    """True when the sizes include large, medium and small (uncounted models, None, are ignored)."""
    return set(SIZES) <= set(sizes)


def operating_on(founded_on: datetime.date, closed_on: datetime.date | None, day: datetime.date) -> bool:
    """Founded on or before `day` and not closed on or before it (closing on the day ends it)."""
    return founded_on <= day and (closed_on is None or closed_on > day)


def share(part: int, whole: int) -> float:
    """`part` of `whole` in per cent with one decimal; 0.0 of nothing."""
    return round(100 * part / whole, 1) if whole else 0.0
