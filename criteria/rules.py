"""The scoring rules, as plain functions with no database access.

`meets` answers "does this value meet this target"; `pick_target` chooses the
target that applies to a commune's class, a year and a province; `band_for`
places a count of criteria met into the set's bands.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

BOOLEAN = "boolean"
PERCENTAGE = "percentage"
NUMBER = "number"
MONEY = "money_per_capita"
KINDS = (BOOLEAN, PERCENTAGE, NUMBER, MONEY)

GE, LE, GT, LT, EQ = ">=", "<=", ">", "<", "=="
COMPARATORS = (GE, LE, GT, LT, EQ)

ALL_CLASSES = ""  # a target that applies to every target class


def _compare(value: Decimal, comparator: str, target: Decimal) -> bool:
    if comparator == GE:
        return value >= target
    if comparator == LE:
        return value <= target
    if comparator == GT:
        return value > target
    if comparator == LT:
        return value < target
    if comparator == EQ:
        return value == target
    raise ValueError(f"unknown comparator {comparator!r}")


def meets(kind: str, comparator: str, target, value) -> bool | None:
    """True or False when the value can be judged; None when there is no value or no target.

    Booleans compare yes (True) / no (False) with the target's yes / no: "Đạt"
    and "Có" are yes, "Không" (e.g. no temporary housing) is no.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown indicator kind {kind!r}")
    if value is None or target is None:
        return None
    if kind == BOOLEAN:
        return bool(value) == bool(target)
    return _compare(Decimal(str(value)), comparator, Decimal(str(target)))


def is_at_least_as_strict(comparator: str, national, override) -> bool:
    """A province may only tighten a national target."""
    if national is None or override is None:
        return True
    national, override = Decimal(str(national)), Decimal(str(override))
    if comparator in (GE, GT):
        return override >= national
    if comparator in (LE, LT):
        return override <= national
    return override == national


@dataclass(frozen=True)
class TargetOption:
    """One row of an indicator's target table, detached from the database."""

    value: Decimal | None
    target_class: str = ALL_CLASSES
    from_year: int | None = None
    province_id: int | None = None
    verified: bool = field(default=False, compare=False)
    disputed: bool = field(default=False, compare=False)  # sources disagree: `note` gives every reading
    note: str = field(default="", compare=False)


def pick_target(
    options: Iterable[TargetOption], *, target_class: str, year: int, province_id: int | None
) -> TargetOption | None:
    """The target that applies, or None.

    A row applies when its class is the commune's class or every class, its
    from_year is empty or not after `year`, and it is national or this
    province's override. Among those, a province override beats the national
    target, then an exact class beats "every class", then the latest from_year wins.
    """
    best, best_rank = None, None
    for option in options:
        if option.target_class not in (ALL_CLASSES, target_class):
            continue
        if option.from_year is not None and option.from_year > year:
            continue
        if option.province_id is not None and option.province_id != province_id:
            continue
        rank = (
            option.province_id is not None,
            option.target_class == target_class,
            option.from_year or 0,
        )
        if best_rank is None or rank > best_rank:
            best, best_rank = option, rank
    return best


def criterion_met(indicator_results: Sequence[bool | None]) -> bool:
    """A criterion is met when it has indicators and every one of them is met."""
    return bool(indicator_results) and all(result is True for result in indicator_results)


class CriterionStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_ASSESSABLE = "not_assessable"  # no indicator yet, or an indicator without a target for the commune's class


def criterion_status(*, indicator_count: int, without_target: int, met: int) -> CriterionStatus:
    """Whether a commune meets a criterion, fails it, or the criterion cannot be judged.

    A criterion with no indicator (the 2026 set as published so far) or with an indicator that has no target
    for the commune's class (region or group) and year cannot be judged: it is neither met nor failed, and is
    counted apart (a missing target is the data's gap, not the commune's failure). Otherwise it is met when
    every indicator is met (`met` == `indicator_count`); an indicator without a value is not met yet.
    """
    if indicator_count == 0 or without_target > 0:
        return CriterionStatus.NOT_ASSESSABLE
    return CriterionStatus.MET if met == indicator_count else CriterionStatus.NOT_MET


def numbers_mask(numbers) -> int:
    """Criterion numbers as a bit mask (bit n for criterion n; numbers 1-62), as the score summary stores them."""
    mask = 0
    for number in numbers:
        if not 0 <= number < 63:
            raise ValueError(f"criterion number {number} does not fit the mask")
        mask |= 1 << number
    return mask


def mask_numbers(mask: int) -> frozenset[int]:
    """The criterion numbers of a bit mask (`numbers_mask`'s inverse)."""
    return frozenset(n for n in range(63) if mask >> n & 1)


@dataclass(frozen=True)
class BandEdge:
    label: str
    min_met: int
    max_met: int


def band_for(criteria_met: int, bands: Sequence[BandEdge]) -> str | None:
    for band in bands:
        if band.min_met <= criteria_met <= band.max_met:
            return band.label
    return None
