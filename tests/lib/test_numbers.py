"""The one number parser: the same reading on every page, grouped thousands, ambiguity refused, round trips."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format
from hypothesis import given
from hypothesis import strategies as st

from ntm.lib.numbers import NumberError, format_decimal, parse_decimal


@pytest.mark.parametrize(
    "text, value",
    [
        ("17,5", "17.5"),
        ("17.5", "17.5"),
        ("1,5", "1.5"),
        ("85,5", "85.5"),
        ("0,125", "0.125"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1 234 567", "1234567"),
        ("1\u00a0234\u00a0567,25", "1234567.25"),
        ("-4,5", "-4.5"),
        ("−4,5", "-4.5"),
        ("  42 ", "42"),
        (",5", "0.5"),
        ("1,2340", "1.234"),
    ],
)
def test_numbers_read_the_same_in_every_language(text, value):
    for language in ("vi", "en"):
        with translation.override(language):
            assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize(
    "text, readings", [("1.500", ("1.5", "1500")), ("25,500", ("25.5", "25500")), ("-2.015", ("-2.015", "-2015"))]
)
def test_one_separator_before_three_digits_is_ambiguous_and_refused(text, readings):
    with pytest.raises(NumberError) as refused:
        parse_decimal(text)
    assert refused.value.code == "ambiguous"
    assert refused.value.readings == tuple(Decimal(r) for r in readings)
    with translation.override("vi"):
        assert "không rõ" in str(refused.value.message).lower() or "ambiguous" in str(refused.value.message)


@pytest.mark.parametrize(
    "text", ["", "abc", "1.23.4", "12,34,5", "1e25", "1,2.3,4", "--5", "5%", "1.234,5,6", "inf", "NaN"]
)
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(NumberError) as refused:
        parse_decimal(text)
    assert refused.value.code == "invalid"


# Values as the product stores them: up to 14 digits, up to 3 decimals (amounts), negative numbers included.
VALUES = st.decimals(min_value=Decimal("-99999999999.999"), max_value=Decimal("99999999999.999"), places=3)


@given(VALUES, st.sampled_from(["vi", "en"]))
def test_formatting_any_value_for_a_form_and_reading_it_back_gives_the_value(value, language):
    with translation.override(language):
        assert parse_decimal(format_decimal(value)) == value


@given(VALUES, st.sampled_from(["vi", "en"]), st.sampled_from([1, 2]))
def test_a_grouped_display_with_decimals_reads_back(value, language, places):
    """What the pages show (1.234.567,5 in Vietnamese, 1,234,567.5 in English; one or two decimals, as every
    page shows them: three would make 1,000 ambiguous), copied into a form."""
    value = value.quantize(Decimal(1).scaleb(-places))
    with translation.override(language):
        shown = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
        assert parse_decimal(shown) == value


@given(st.integers(min_value=1_000_000, max_value=10**12), st.sampled_from(["vi", "en"]))
def test_grouped_whole_numbers_of_a_million_and_more_read_back(value, language):
    with translation.override(language):
        assert parse_decimal(number_format(value, use_l10n=True, force_grouping=True)) == value
