"""The office's rules as plain functions, without the database: tested on their own (tests/operations/test_rules.py).

- `request_status`: open / answered / done / overdue of a request (kiến nghị) on a given day.
- `inspection_refusal`: whether an inspection may move to a status, and why not.
- `verdict_of`: whether a value found by an inspection shows the commune's recorded value overstated.
- `next_sequence`, `format_number`, `number_format_error`: the office's document numbering (`12/KH-VPĐP`).
- `plan_share`: how far an actual figure has come towards its target.

Legal and practical sources: shared/domain/OPERATIONS.md §3.4 (inspection record structure, a proposal [U]);
Nghị định 30/2020/NĐ-CP on administrative documents (number and symbol "Số: 12/KH-VPĐP") [U: its appendix was
not read here, so every number format is data the office edits].
"""

import datetime
import re
import string
from collections.abc import Iterable
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    REPORT_ISSUED = "report_issued", _("report issued")
    CLOSED = "closed", _("closed")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("answered")
    DONE = "done", _("done")
    OVERDUE = "overdue", _("overdue")

    @classmethod
    def stored_choices(cls) -> list[tuple[str, str]]:
        """What is stored; "overdue" is never stored, it is an open request past its deadline."""
        return [(value, label) for value, label in cls.choices if value != cls.OVERDUE]


class EvidenceState(models.TextChoices):
    SEEN = "seen", _("evidence seen")
    PARTIAL = "partial", _("evidence incomplete")
    MISSING = "missing", _("evidence missing")
    NOT_CHECKED = "not_checked", _("not checked")


class Severity(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("as recorded")
    OVERSTATED = "overstated", _("recorded higher than found")
    UNDERSTATED = "understated", _("recorded lower than found")
    NOT_ASSESSED = "not_assessed", _("could not be assessed")


def request_status(stored: str, deadline: datetime.date, today: datetime.date) -> str:
    """The status people see: an open request whose deadline has passed (deadline < today) is overdue.

    An answered request waits for the office and is never overdue; a done one is done.
    """
    if stored == RequestStatus.OPEN and deadline < today:
        return RequestStatus.OVERDUE
    return stored


# Which status may follow which, and what each needs (facts about the inspection, not the database).
INSPECTION_STEPS = {
    InspectionStatus.PLANNED: (InspectionStatus.HELD,),
    InspectionStatus.HELD: (InspectionStatus.REPORT_ISSUED, InspectionStatus.PLANNED),
    InspectionStatus.REPORT_ISSUED: (InspectionStatus.CLOSED, InspectionStatus.HELD),
    InspectionStatus.CLOSED: (InspectionStatus.REPORT_ISSUED,),
}


def inspection_refusal(
    current: str,
    target: str,
    *,
    held_start: datetime.date | None,
    visits_done: int,
    conclusion_number: str,
    conclusion_date: datetime.date | None,
    requests_not_done: int,
) -> str | None:
    """Why the inspection may not move from `current` to `target` (a sentence), or None when it may.

    held: needs the date it started and at least one commune visited; report issued: needs the conclusion
    notice's number and date; closed: every request done.
    """
    if target not in INSPECTION_STEPS.get(current, ()):
        return str(_("This step is not possible from the current status."))
    if target == InspectionStatus.HELD and current == InspectionStatus.PLANNED:
        if held_start is None:
            return str(_("Give the date the inspection was held first."))
        if visits_done == 0:
            return str(_("Record at least one commune visited (with its date) first."))
    if target == InspectionStatus.REPORT_ISSUED and current == InspectionStatus.HELD:
        if not conclusion_number or conclusion_date is None:
            return str(_("Give the conclusion notice's number and date first."))
    if target == InspectionStatus.CLOSED and requests_not_done:
        return str(_("%(count)s request(s) are not done yet.") % {"count": requests_not_done})
    return None


LOWER_IS_BETTER = ("<", "<=")


def verdict_of(*, recorded, found, comparator: str = ">=") -> str | None:
    """Compare a recorded value with the value found; None when either is missing (the team decides).

    For an indicator where more is better (road paved 85 % recorded, 70 % found) a recorded value above the
    found one is overstated; where less is better (poor households, comparator < or <=) a recorded value
    below the found one is. Yes/no values are 1 / 0 (recorded yes, found no: overstated).
    """
    if recorded is None or found is None:
        return None
    recorded, found = Decimal(str(recorded)), Decimal(str(found))
    if recorded == found:
        return Verdict.CONFIRMED
    better = recorded < found if comparator in LOWER_IS_BETTER else recorded > found
    return Verdict.OVERSTATED if better else Verdict.UNDERSTATED


FIELDS_ALLOWED = {"number", "year"}


def number_format_error(number_format: str) -> str | None:
    """Why a number format is unusable (a sentence), or None. It must hold {number}; only {number} and {year}."""
    try:
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(number_format) if name is not None}
    except ValueError:
        return str(_("The braces { } of the format do not match."))
    if "number" not in fields:
        return str(_("The format must contain {number}."))
    unknown = fields - FIELDS_ALLOWED
    if unknown:
        return str(
            _("Unknown field in the format: %(fields)s. Use {number} and {year}.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    return None


def format_number(number_format: str, *, number: int, year: int) -> str:
    """`"{number}/KH-VPĐP"` with 12 -> `"12/KH-VPĐP"`; `"{number}/{year}/NQ-HĐND"` -> `"12/2014/NQ-HĐND"`."""
    return number_format.format(number=number, year=year)


def next_sequence(used: Iterable[int | None]) -> int:
    """The number a new document of a type gets in a year: one more than the highest used (1 for the first)."""
    return max((n for n in used if n is not None), default=0) + 1


def sequence_of(number_format: str, text: str, *, year: int) -> int | None:
    """The running number inside a number written in `number_format` ("12/KH-VPĐP" -> 12), None if it does not fit."""
    pattern = re.escape(number_format.replace("{year}", str(year))).replace(re.escape("{number}"), r"(\d+)", 1)
    match = re.fullmatch(pattern, text.strip())
    return int(match.group(1)) if match else None


def plan_share(actual: float | int | Decimal | None, target: float | int | Decimal | None) -> float | None:
    """Actual as a percentage of target, one decimal (19 of 13 -> 146.2); None without a positive target."""
    if actual is None or not target or target <= 0:
        return None
    return round(100 * float(actual) / float(target), 1)


def months_cumulative(dates: Iterable[datetime.date], year: int) -> list[int]:
    """Twelve running totals: how many of `dates` fall in `year` up to the end of each month."""
    per_month = [0] * 12
    for day in dates:
        if day is not None and day.year == year:
            per_month[day.month - 1] += 1
    totals, running = [], 0
    for count in per_month:
        running += count
        totals.append(running)
    return totals
