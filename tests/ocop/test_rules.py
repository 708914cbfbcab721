"""OCOP rules as plain functions: stars from the total by the bands, the parts' maxima, expiry and status."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from ocop import rules


@dataclass
class R:
    valid_from: datetime.date
    valid_until: datetime.date | None
    max_a: int
    max_b: int
    max_c: int
    star2_from: int = 30
    star3_from: int = 50
    star4_from: int = 70
    star5_from: int = 90
    validity_months: int = 36


OLD = R(datetime.date(2019, 8, 21), datetime.date(2023, 2, 24), 35, 25, 40)
NEW = R(datetime.date(2023, 2, 24), None, 40, 25, 35)


@pytest.mark.parametrize(
    "total, stars",
    [(0, 1), (29.99, 1), (30, 2), (49.99, 2), (50, 3), (69, 3), (70, 4), (89.5, 4), (90, 5), (100, 5)],
)
def test_stars_follow_the_bands(total, stars):
    assert rules.stars_for(Decimal(str(total)), NEW) == stars


def test_the_rule_in_force_on_the_decision_date():
    options = [NEW, OLD]
    assert rules.rule_for(options, datetime.date(2019, 8, 20)) is None
    assert rules.rule_for(options, datetime.date(2019, 8, 21)) is OLD
    assert rules.rule_for(options, datetime.date(2023, 2, 23)) is OLD
    assert rules.rule_for(options, datetime.date(2023, 2, 24)) is NEW
    assert rules.rule_for(options, datetime.date(2030, 1, 1)) is NEW


def test_part_a_may_have_40_points_under_148_but_only_35_under_1048():
    scores = {"a": Decimal(38), "b": Decimal(20), "c": Decimal(30)}
    assert rules.score_errors(scores, NEW) == {}
    assert rules.score_errors(scores, OLD) == {"a": (Decimal(38), 35)}
    assert rules.score_errors({"a": None, "b": Decimal(-1), "c": Decimal(36)}, NEW) == {
        "b": (Decimal(-1), 25),
        "c": (Decimal(36), 35),
    }


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (datetime.date(2024, 10, 15), 36, datetime.date(2027, 10, 15)),
        (datetime.date(2021, 1, 31), 1, datetime.date(2021, 2, 28)),
        (datetime.date(2020, 2, 29), 36, datetime.date(2023, 2, 28)),
        (datetime.date(2020, 12, 31), -1, datetime.date(2020, 11, 30)),
        (datetime.date(2024, 3, 31), -36, datetime.date(2021, 3, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_a_certificate_lasts_36_months_only_from_three_stars():
    day = datetime.date(2024, 10, 15)
    assert rules.expiry(day, 3, NEW) == datetime.date(2027, 10, 15)
    assert rules.expiry(day, 2, NEW) is None


def test_status_valid_expiring_expired_or_not_recognised():
    today = datetime.date(2025, 6, 1)
    assert rules.status(4, datetime.date(2025, 9, 1), today) == rules.VALID  # 92 days
    assert rules.status(4, datetime.date(2025, 8, 30), today) == rules.EXPIRING  # 90 days
    assert rules.status(4, today, today) == rules.EXPIRING
    assert rules.status(4, datetime.date(2025, 5, 31), today) == rules.EXPIRED
    assert rules.status(2, None, today) == rules.NOT_RECOGNISED
    assert rules.status(None, None, today) == rules.NOT_RECOGNISED
