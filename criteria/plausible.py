"""Plausible ranges: a value far outside what an indicator can hold is a typing slip, refused with a suggestion.

Income per person is tens of million VND a year; `25500` typed for 25,5 (a Vietnamese decimal comma read as a
thousands separator, or `1.234.567` typed in VND instead of million VND) would silently make a commune meet the
criterion. Each numeric indicator may carry a range (`Indicator.plausible_min` / `plausible_max`, edited in the
admin); the shipped defaults cover percentages (0-100) and the income indicators (0-500 million VND per person a
year: Hà Tĩnh's 2014 average was about 24, the richest province's about 150 by 2024, per the GSO yearbooks).
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ntm.lib.numbers import shown

from . import rules

# unit of the indicator -> (min, max) shipped when the criteria set is loaded; the office edits them in the admin.
SHIPPED_RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "%": (Decimal(0), Decimal(100)),
    "triệu đồng/người/năm": (Decimal(0), Decimal(500)),
}


def shipped_range(kind: str, unit: str) -> tuple[Decimal | None, Decimal | None]:
    """The default (min, max) for an indicator of `kind` measured in `unit`; (None, None) where none is shipped."""
    if kind == rules.BOOLEAN:
        return None, None
    if kind == rules.PERCENTAGE:
        return SHIPPED_RANGES["%"]
    return SHIPPED_RANGES.get((unit or "").strip(), (None, None))


def _suggestion(value: Decimal, low: Decimal | None, high: Decimal | None) -> Decimal | None:
    """The value divided by 1,000 (then 1,000,000): the slip of a decimal comma read as a thousands separator."""
    for divisor in (Decimal(1000), Decimal(1_000_000)):
        candidate = value / divisor
        if (low is None or candidate >= low) and (high is None or candidate <= high):
            return candidate.normalize()
    return None


def plausible_problem(value: Decimal | None, low: Decimal | None, high: Decimal | None, unit: str = "") -> str | None:
    """A message when `value` lies outside [low, high] (either bound may be None: unbounded), else None.

    (Decimal('25500'), 0, 500, 'triệu đồng/người/năm') -> '25.500 triệu đồng/người/năm is outside the plausible
    range 0-500: did you mean 25,5?' (in the page's language and number format).
    """
    if value is None or ((low is None or value >= low) and (high is None or value <= high)):
        return None
    unit = f" {unit}" if unit and unit != "%" else ("%" if unit == "%" else "")
    bounds = f"{shown(low) if low is not None else '…'} – {shown(high) if high is not None else '…'}"
    message = _("%(value)s%(unit)s is outside the plausible range %(bounds)s.") % {
        "value": shown(value),
        "unit": unit,
        "bounds": bounds,
    }
    suggestion = _suggestion(value, low, high) if high is not None and value > high else None
    if suggestion is not None:
        message += " " + _("Did you mean %(suggestion)s?") % {"suggestion": number_format(suggestion, use_l10n=True)}
    return message
