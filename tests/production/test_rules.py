"""The plain rules of production models: sizes from revenue, the thresholds in force, all three sizes, enterprises."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

from production import rules


@dataclass
class T:
    valid_from: datetime.date
    counting_floor: Decimal = Decimal(100)
    medium_from: Decimal = Decimal(500)
    large_from: Decimal = Decimal(1000)


DEFAULT = T(datetime.date(2011, 1, 1))


@pytest.mark.parametrize(
    "revenue, size",
    [
        (None, None),
        (Decimal("0"), None),
        (Decimal("99.99"), None),
        (Decimal("100"), "small"),
        (Decimal("499.99"), "small"),
        (Decimal("500"), "medium"),
        (Decimal("999.99"), "medium"),
        (Decimal("1000"), "large"),
        (Decimal("60000"), "large"),
    ],
)
def test_size_follows_the_revenue_and_a_threshold_is_reached_when_equalled(revenue, size):
    assert rules.model_size(revenue, DEFAULT) == size


def test_no_thresholds_counts_nothing():
    assert rules.model_size(Decimal(5000), None) is None


def test_the_version_in_force_on_31_december_judges_the_year():
    first = T(datetime.date(2011, 1, 1))
    mid_2014 = T(datetime.date(2014, 7, 1), medium_from=Decimal(600))
    from_2016 = T(datetime.date(2016, 1, 1))
    options = [from_2016, first, mid_2014]
    assert rules.thresholds_for(options, 2010) is None
    assert rules.thresholds_for(options, 2013) is first
    assert rules.thresholds_for(options, 2014) is mid_2014  # in force on 31/12/2014
    assert rules.thresholds_for(options, 2015) is mid_2014
    assert rules.thresholds_for(options, 2016) is from_2016


@pytest.mark.parametrize(
    "sizes, expected",
    [
        (["large", "medium", "small"], True),
        (["large", "medium", "small", None, "small"], True),
        (["large", "medium", None], False),
        (["medium", "small"], False),
        ([], False),
    ],
)
def test_all_three_sizes(sizes, expected):
    assert rules.has_all_sizes(sizes) is expected


def test_an_enterprise_operates_from_its_founding_until_the_day_it_closes():
    founded, closed = datetime.date(2012, 3, 1), datetime.date(2014, 6, 30)
    assert not rules.operating_on(founded, closed, datetime.date(2012, 2, 29))
    assert rules.operating_on(founded, closed, datetime.date(2012, 3, 1))
    assert rules.operating_on(founded, closed, datetime.date(2014, 6, 29))
    assert not rules.operating_on(founded, closed, datetime.date(2014, 6, 30))
    assert rules.operating_on(founded, None, datetime.date(2030, 1, 1))


@pytest.mark.parametrize(
    "code, valid",
    [
        ("3001234567", True),
        ("3001234567-001", True),
        ("300123456", False),
        ("30012345678", False),
        ("3001234567-01", False),
        ("3001234567001", False),
        ("30O1234567", False),
    ],
)
def test_tax_code_format(code, valid):
    assert bool(re.match(rules.TAX_CODE_RE, code)) is valid


def test_share_of_nothing_is_zero():
    assert rules.share(0, 0) == 0.0
    assert rules.share(2, 3) == 66.7
