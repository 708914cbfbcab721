"""The pure scoring rules: every kind, every comparator, target choice by class, year and province."""

from decimal import Decimal

import pytest

from criteria import rules
from criteria.rules import TargetOption, band_for, criterion_met, is_at_least_as_strict, meets, pick_target


@pytest.mark.parametrize(
    "comparator, target, value, expected",
    [
        (">=", 70, 70, True),
        (">=", 70, Decimal("69.99"), False),
        (">", 35, 35, False),
        (">", 35, Decimal("35.1"), True),
        ("<=", Decimal("24.2"), Decimal("24.2"), True),
        ("<=", Decimal("24.2"), Decimal("24.3"), False),
        ("<", 7, Decimal("6.9"), True),
        ("<", 7, 7, False),
        ("==", 100, 100, True),
        ("==", 100, Decimal("99.9"), False),
    ],
)
def test_percentage_meets_each_comparator(comparator, target, value, expected):
    assert meets(rules.PERCENTAGE, comparator, target, value) is expected


def test_money_per_person_meets_when_income_reaches_the_threshold():
    assert meets(rules.MONEY, ">=", Decimal("17"), Decimal("17.0")) is True
    assert meets(rules.MONEY, ">=", Decimal("17"), Decimal("16.99")) is False


def test_number_kind_compares_ratios():
    assert meets(rules.NUMBER, ">=", Decimal("1.2"), Decimal("1.25")) is True
    assert meets(rules.NUMBER, ">=", Decimal("1.2"), Decimal("1.1")) is False


def test_yes_no_meets_when_answer_matches_target():
    assert meets(rules.BOOLEAN, "==", 1, True) is True
    assert meets(rules.BOOLEAN, "==", 1, False) is False


def test_yes_no_target_no_is_met_by_no():
    # "Nhà tạm, dột nát: Không" - the commune meets it by having none.
    assert meets(rules.BOOLEAN, "==", 0, False) is True
    assert meets(rules.BOOLEAN, "==", 0, True) is False


def test_missing_value_or_missing_target_cannot_be_judged():
    assert meets(rules.PERCENTAGE, ">=", 70, None) is None
    assert meets(rules.PERCENTAGE, ">=", None, 90) is None


def test_unknown_kind_or_comparator_is_an_error():
    with pytest.raises(ValueError):
        meets("colour", ">=", 1, 1)
    with pytest.raises(ValueError):
        meets(rules.NUMBER, "~", 1, 1)


OPTIONS = [
    TargetOption(Decimal("70"), "BTB"),
    TargetOption(Decimal("100"), "DBSH"),
    TargetOption(Decimal("15"), "BTB", 2013),
    TargetOption(Decimal("17"), "BTB", 2014),
    TargetOption(Decimal("21"), rules.ALL_CLASSES, 2013),
]


def _value(options, **kwargs):
    found = pick_target(options, **kwargs)
    return found.value if found else None


def test_target_depends_on_the_region():
    options = OPTIONS[:2]
    assert _value(options, target_class="BTB", year=2013, province_id=None) == 70
    assert _value(options, target_class="DBSH", year=2013, province_id=None) == 100
    assert _value(options, target_class="TN", year=2013, province_id=None) is None


def test_income_target_changes_by_year_and_carries_forward():
    yearly = OPTIONS[2:]
    assert _value(yearly, target_class="BTB", year=2013, province_id=None) == 15
    assert _value(yearly, target_class="BTB", year=2014, province_id=None) == 17
    assert _value(yearly, target_class="BTB", year=2015, province_id=None) == 17
    assert _value(yearly, target_class="BTB", year=2012, province_id=None) is None


def test_region_without_its_own_target_falls_back_to_the_national_one():
    assert _value(OPTIONS[2:], target_class="DNB", year=2014, province_id=None) == 21


def test_province_override_applies_only_to_that_province():
    options = OPTIONS[:1] + [TargetOption(Decimal("80"), "BTB", None, province_id=42)]
    assert _value(options, target_class="BTB", year=2014, province_id=42) == 80
    assert _value(options, target_class="BTB", year=2014, province_id=40) == 70


def test_province_override_for_every_class_beats_national_class_target():
    options = [TargetOption(Decimal("70"), "BTB"), TargetOption(Decimal("90"), rules.ALL_CLASSES, province_id=42)]
    assert _value(options, target_class="BTB", year=2014, province_id=42) == 90


def test_commune_group_classes_of_the_2026_set():
    options = [TargetOption(Decimal("80"), "nhom_1"), TargetOption(Decimal("60"), "nhom_3")]
    assert _value(options, target_class="nhom_1", year=2026, province_id=None) == 80
    assert _value(options, target_class="nhom_3", year=2026, province_id=None) == 60
    assert _value(options, target_class="nhom_2", year=2026, province_id=None) is None


@pytest.mark.parametrize(
    "comparator, national, override, allowed",
    [(">=", 70, 80, True), (">=", 70, 60, False), ("<", 7, 5, True), ("<", 7, 8, False), ("==", 100, 100, True)],
)
def test_province_may_only_tighten(comparator, national, override, allowed):
    assert is_at_least_as_strict(comparator, national, override) is allowed


def test_criterion_is_met_only_when_every_indicator_is():
    assert criterion_met([True, True]) is True
    assert criterion_met([True, False]) is False
    assert criterion_met([True, None]) is False
    assert criterion_met([]) is False


def test_band_for_places_counts_in_the_set_bands():
    bands = [
        rules.BandEdge("19", 19, 19),
        rules.BandEdge("15-18", 15, 18),
        rules.BandEdge("10-14", 10, 14),
        rules.BandEdge("5-9", 5, 9),
        rules.BandEdge("Dưới 5", 0, 4),
    ]
    assert [band_for(n, bands) for n in (19, 18, 15, 14, 10, 9, 5, 4, 0)] == [
        "19",
        "15-18",
        "15-18",
        "10-14",
        "10-14",
        "5-9",
        "5-9",
        "Dưới 5",
        "Dưới 5",
    ]
