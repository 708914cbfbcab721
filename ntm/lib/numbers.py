"""The one number parser, the same whatever the page's language, and the formatter whose output it reads back.

Offices type numbers both ways: `17,5` (Vietnamese) and `17.5` (English keyboards, copied from elsewhere).
The rules, for text typed in a form or stored as text in a spreadsheet cell:

- one separator followed by 1, 2 or 4+ digits is the decimal separator: `17,5` = `17.5` = 17.5;
- a separator repeated, or both separators present, groups thousands: `1.234.567` = `1,234,567` = 1234567,
  `1.234,5` = `1,234.5` = 1234.5 (the last separator is the decimal one); groups must have three digits;
- one separator followed by exactly three digits (`1.500`, `25,500`) is ambiguous (1.5 or 1500?) and refused,
  unless the integer part is 0 (`0,125`);
- spaces (and non-breaking spaces) between groups of three digits are grouping: `1 234 567`;
- a leading `-` or `−` makes it negative; nothing else (no exponents, no currency, no `%`: callers strip
  a unit they accept).

`format_decimal` writes a value so that `parse_decimal` gives it back in either language: no grouping, and a
value whose decimal part has exactly three digits gets a fourth (`1,2340`), which is never ambiguous.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _

from .text import normalize

_SPACES_IN_NUMBER = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}(?:\D|$))")
_BODY = re.compile(r"\d*(?:[.,]\d*)*")
_GROUPED = re.compile(r"\d{1,3}(?:X\d{3})+")


class NumberError(ValueError):
    """A text that is not a number, or an ambiguous one; `message` is for people, `code` for programs.

    For an ambiguous text, `readings` holds its two possible values (as a decimal, as grouped thousands).
    """

    def __init__(self, message, *, code: str, readings: tuple[Decimal, Decimal] | None = None):
        super().__init__(str(message))
        self.message, self.code, self.readings = message, code, readings


def parse_decimal(raw: str) -> Decimal:
    """The number written in `raw` (see the module's rules). Raises NumberError ("invalid" or "ambiguous").

    `parse_decimal("85,5") == parse_decimal("85.5") == Decimal("85.5")`;
    `parse_decimal("1.234.567") == Decimal("1234567")`; `parse_decimal("1.500")` raises ("ambiguous").
    """
    text = normalize(str(raw))
    text = _SPACES_IN_NUMBER.sub("", text)
    sign = ""
    if text[:1] in ("-", "−", "+"):
        sign, text = ("-" if text[0] != "+" else ""), text[1:].lstrip()
    if not text or not _BODY.fullmatch(text) or not any(ch.isdigit() for ch in text):
        raise NumberError(_('"%(value)s" is not a number.') % {"value": raw}, code="invalid")
    separators = [ch for ch in text if ch in ".,"]
    if not separators:
        return _decimal(sign + text, raw)
    kinds = set(separators)
    if len(kinds) == 2:
        decimal_separator = text[max(text.rfind("."), text.rfind(","))]
        whole, _sep, fraction = text.rpartition(decimal_separator)
        grouping = "." if decimal_separator == "," else ","
        if decimal_separator in whole:
            raise NumberError(_('"%(value)s" is not a number.') % {"value": raw}, code="invalid")
        return _decimal(sign + _ungroup(whole, grouping, raw) + "." + fraction, raw)
    separator = separators[0]
    if len(separators) > 1:
        return _decimal(sign + _ungroup(text, separator, raw), raw)
    whole, _sep, fraction = text.partition(separator)
    if len(fraction) == 3 and whole.lstrip("0") != "":
        as_decimal = _decimal(sign + whole + "." + fraction, raw)
        as_grouped = _decimal(sign + whole + fraction, raw)
        raise NumberError(
            _('"%(value)s" is ambiguous: %(decimal)s or %(grouped)s? Type it without a thousands separator.')
            % {"value": raw, "decimal": format_decimal(as_decimal), "grouped": as_grouped},
            code="ambiguous",
            readings=(as_decimal, as_grouped),
        )
    return _decimal(sign + (whole or "0") + "." + (fraction or "0"), raw)


def _ungroup(text: str, separator: str, raw) -> str:
    if not _GROUPED.fullmatch(text.replace(separator, "X")):
        raise NumberError(
            _('"%(value)s" is not a number: thousands are grouped by three digits (1.234.567).') % {"value": raw},
            code="invalid",
        )
    return text.replace(separator, "")


def _decimal(text: str, raw) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise NumberError(_('"%(value)s" is not a number.') % {"value": raw}, code="invalid") from None
    if not value.is_finite():
        raise NumberError(_('"%(value)s" is not a number.') % {"value": raw}, code="invalid")
    return value


def format_decimal(value: Decimal | int | float, *, decimal_separator: str | None = None) -> str:
    """`value` as typed back into a form: no grouping, no trailing zeros, and never ambiguous.

    `format_decimal(Decimal("85.50")) == "85,5"`; `format_decimal(Decimal("1.234")) == "1,2340"` (three
    decimals would read as a thousands group). The separator is the active language's unless given.
    """
    if decimal_separator is None:
        decimal_separator = get_format("DECIMAL_SEPARATOR")
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    text = format(number.normalize(), "f")
    if "." in text:
        whole, fraction = text.split(".")
        if len(fraction) == 3 and whole.lstrip("-0") != "":
            fraction += "0"
        text = f"{whole}{decimal_separator}{fraction}"
    return "0" if text in ("-0", "") else text


def shown(value: Decimal | int | float) -> str:
    """`value` for a message, in the page's format: grouped, no trailing zeros, never in exponent form.

    In Vietnamese `shown(Decimal("150.00")) == "150"`, `shown(Decimal("1234.5")) == "1.234,5"` (English:
    "1,234.5"); `Decimal("150").normalize()` alone would print "1.5E+2".
    """
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    plain = Decimal(format(number.normalize(), "f"))
    return number_format(plain, use_l10n=True, force_grouping=True)
