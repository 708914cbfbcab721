"""The capital report and the "Capital" section agree with sums made here on generated lines."""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from capital.models import CapitalLine
from capital.selectors import bieu07_rows, capital_report, percent
from tests.capital.helpers import line, source

LEAVES = ["I.1", "I.2", "I.3", "II.1", "II.2", "II.3", "III", "IV", "V", "VI.1", "VI.2", "VII"]
CATEGORY = {
    "I": "central_budget",
    "II": "local_budget",
    "III": "integrated",
    "IV": "credit",
    "V": "enterprises",
    "VI": "community",
    "VII": "other",
}


def _category(code: str) -> str:
    return CATEGORY[code.split(".")[0]]


def generate(source_sets, district, other_district, commune, seed: int = 5) -> list[tuple]:
    """Random lines 2012-2014 at every level; returns (year, kind, period, category, district_id, amount)."""
    rng = random.Random(seed)
    made = []
    for year in (2012, 2013, 2014):
        for kind, period in [("plan", "year"), ("mobilised", "year"), ("disbursed", "year"), ("mobilised", "h1")]:
            for code in rng.sample(LEAVES, 8):
                for level, place in [
                    ("province", None),
                    ("district", district),
                    ("district", other_district),
                    ("commune", district),
                ]:
                    amount = Decimal(rng.randint(1, 9000)) / 10
                    line(
                        source_sets,
                        code,
                        amount,
                        year=year,
                        kind=kind,
                        period=period,
                        level=level,
                        district=place,
                        commune=commune,
                    )
                    made.append((year, kind, period, _category(code), place.pk if place else None, amount))
    return made


@pytest.fixture
def generated(source_sets, district, other_district, commune):
    return generate(source_sets, district, other_district, commune)


def test_year_totals_shares_and_disbursement_match_sums_made_here(generated):
    report = capital_report(year=2014, first_year=2012)
    for year, totals in report.years:
        mine = [g for g in generated if g[0] == year and g[2] == "year"]
        mobilised = [g for g in mine if g[1] == "mobilised"]
        total = sum(g[5] for g in mobilised)
        credit = sum(g[5] for g in mobilised if g[3] == "credit")
        budget = sum(g[5] for g in mobilised if g[3] in ("central_budget", "local_budget"))
        plan = sum(g[5] for g in mine if g[1] == "plan" and g[3] in ("central_budget", "local_budget"))
        disbursed = sum(g[5] for g in mine if g[1] == "disbursed" and g[3] in ("central_budget", "local_budget"))
        assert totals.total == total
        assert totals.credit == credit
        assert totals.budget_share == round(float(100 * budget / total), 1)
        assert totals.budget_share_without_credit == round(float(100 * budget / (total - credit)), 1)
        assert totals.disbursement_rate == (round(float(100 * disbursed / plan), 1) if plan else None)
    assert report.cumulated.total == sum(g[5] for g in generated if g[1] == "mobilised" and g[2] == "year")


def test_each_district_counts_its_own_lines_and_its_communes(generated, district, other_district):
    report = capital_report(year=2014, first_year=2012)
    places = {p.district.pk if p.district else None: p for p in report.places}
    for key in (None, district.pk, other_district.pk):
        expected = sum(
            g[5] for g in generated if g[4] == key and g[0] == 2014 and g[1] == "mobilised" and g[2] == "year"
        )
        assert places[key].year.total == expected


def test_the_first_half_is_its_own_period(generated):
    report = capital_report(year=2014, first_year=2012, period="h1")
    expected = sum(g[5] for g in generated if g[0] == 2014 and g[1] == "mobilised" and g[2] == "h1")
    assert report.current.total == expected


def test_a_share_of_nothing_is_no_share():
    assert percent(Decimal(5), Decimal(0)) is None
    assert percent(Decimal(1), Decimal(3)) == 33.3


def test_the_resources_table_sums_sub_sources_into_their_parent(source_sets, district, commune):
    line(source_sets, "I.1", 100, district=district)
    line(source_sets, "I.3", "50.5", district=district)
    line(source_sets, "I.1", 7, kind="plan", district=district)
    line(source_sets, "II.3", 20, level="commune", district=district, commune=commune)
    _set, rows = bieu07_rows(year=2014, columns=[("mobilised", "year"), ("plan", "year")])
    by_code = {row.source.code: row.values for row in rows}
    assert by_code["I"] == [Decimal("150.5"), Decimal(7)]
    assert by_code["I.2"] == [None, None]
    assert by_code["II"] == [Decimal(20), None]
    _set, own = bieu07_rows(
        year=2014, columns=[("mobilised", "year")], level="district", district_id=district.pk, own_report_only=True
    )
    assert {row.source.code: row.values[0] for row in own}["II.3"] is None  # the commune's line is its own


def test_a_line_checks_its_source_year_level_and_key(source_sets, district, commune):
    good = CapitalLine(
        year=2014,
        period="year",
        kind="plan",
        level="commune",
        commune=commune,
        source=source(source_sets, "VI.2"),
        amount=Decimal(1),
    )
    good.full_clean()
    assert good.district == district and good.in_kind  # the commune's district, in kind by its source
    good.save()
    with pytest.raises(ValidationError) as error:
        CapitalLine(
            year=2017,
            period="year",
            kind="plan",
            level="province",
            source=source(source_sets, "I.1"),
            amount=Decimal(1),
        ).full_clean()
    assert "2010-2015" in str(error.value)
    with pytest.raises(ValidationError) as error:
        CapitalLine(
            year=2014, period="year", kind="plan", level="province", source=source(source_sets, "I"), amount=Decimal(1)
        ).full_clean()
    assert "nguồn vốn con" in str(error.value)
    duplicate = CapitalLine(
        year=2014,
        period="year",
        kind="plan",
        level="commune",
        commune=commune,
        source=source(source_sets, "VI.2"),
        amount=Decimal(2),
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Đã có một dòng vốn" in str(error.value)
