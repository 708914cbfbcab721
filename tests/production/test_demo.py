"""seed_demo fills production, enterprises, OCOP, capital and trainings so the new sections tell a story."""

import datetime

import pytest
from django.core.management import call_command

from capital.selectors import capital_report
from ocop.selectors import ocop_board
from production.models import ModelYear
from production.selectors import enterprise_board, production_board
from provinces.selectors import default_province
from trainings.selectors import trainings_board


@pytest.fixture
def seeded(db, thresholds, ocop_rules, source_sets):
    call_command("load_criteria", verbosity=0)
    call_command("import_divisions", verbosity=0)
    call_command("seed_demo", verbosity=0)


def test_the_share_of_communes_with_all_three_sizes_climbs_towards_the_target(seeded):
    province = default_province()
    shares = [production_board(year=year, province=province).province.share for year in range(2011, 2016)]
    assert shares == sorted(shares) and shares[0] < 20
    assert 60 <= shares[-1] < 80  # close to the 75 % goal in 2015
    final = production_board(year=2015, province=province)
    assert any(row.share >= 75 for row in final.districts) and any(row.share < 75 for row in final.districts)
    assert final.under_floor == 0 and production_board(year=2011, province=province).under_floor > 0


def test_communes_without_an_enterprise_fall(seeded):
    board = enterprise_board(year=2015, province=default_province())
    without = [board.province.without[year] for year in board.years]
    assert without == sorted(without, reverse=True)
    assert without[0] > board.province.communes / 2 > without[-1] > 0


def test_capital_is_mostly_credit_and_the_budget_is_shown_apart(seeded):
    report = capital_report(year=2015)
    assert 50 < report.cumulated.credit_share < 65
    assert report.cumulated.budget_share_without_credit > report.cumulated.budget_share
    assert 80 < report.cumulated.disbursement_rate < 100
    assert all(totals.total > 0 for _year, totals in report.years)


def test_ocop_has_valid_expiring_and_expired_certificates(seeded):
    board = ocop_board(today=datetime.date.today(), province=default_province())
    assert board.province.valid > 0 and board.expiring and board.expired


def test_trainings_reach_thousands(seeded):
    board = trainings_board(year=2015)
    assert board.total.cumulated.participants > 5000 and board.total.year.courses > 20


def test_the_seed_is_the_same_on_every_run(seeded):
    first = list(
        ModelYear.objects.order_by("model__name", "year", "revenue").values_list("model__name", "year", "revenue")
    )
    call_command("seed_demo", verbosity=0)
    second = list(
        ModelYear.objects.order_by("model__name", "year", "revenue").values_list("model__name", "year", "revenue")
    )
    assert first == second
