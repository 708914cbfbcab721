"""load_criteria: every set loads from the fixture, twice changes nothing, a changed fixture updates."""

import copy
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command

from criteria.loader import criteria_load
from criteria.models import CriteriaSet, Criterion, Indicator, Target


@pytest.fixture
def fixture_data() -> dict:
    return json.loads(settings.NTM_CRITERIA_FIXTURE.read_text(encoding="utf-8"))


def _counts() -> tuple[int, int, int, int]:
    return CriteriaSet.objects.count(), Criterion.objects.count(), Indicator.objects.count(), Target.objects.count()


def test_every_set_is_loaded_with_its_years(db, fixture_data):
    criteria_load(fixture_data)
    years = dict(CriteriaSet.objects.values_list("code", "year_from"))
    assert years == {
        "NTM_2009_491": 2010,
        "NTM_2013_342": 2013,
        "NTM_2016_1980": 2016,
        "NTM_2021_318": 2021,
        "QD51-2025": 2026,
    }
    assert CriteriaSet.objects.get(code="QD51-2025").criteria.count() == 10
    assert CriteriaSet.objects.get(code="NTM_2009_491").criteria.count() == 19


def test_342_is_a_full_set_with_the_five_replaced_criteria(db, fixture_data):
    criteria_load(fixture_data)
    amended = CriteriaSet.objects.get(code="NTM_2013_342")
    assert amended.criteria.count() == 19
    assert amended.base_set.code == "NTM_2009_491"
    income = Indicator.objects.get(criterion__criteria_set=amended, code="10.1")
    assert income.kind == "money_per_capita"
    yearly = dict(income.targets.filter(target_class="BTB").values_list("from_year", "value"))
    # MARD's yearly values (2013, 2014) and the decision's own columns read on 30/11/2026 (2012, 2015, 2020)
    assert yearly == {
        2012: Decimal("13"),
        2013: Decimal("15"),
        2014: Decimal("17"),
        2015: Decimal("18"),
        2020: Decimal("35"),
    }


def test_the_set_in_force_follows_the_year(db, fixture_data):
    criteria_load(fixture_data)
    assert CriteriaSet.objects.for_year(2012).first().code == "NTM_2009_491"
    assert CriteriaSet.objects.for_year(2014).first().code == "NTM_2013_342"
    assert CriteriaSet.objects.for_year(2027).first().code == "QD51-2025"


def test_loading_twice_changes_nothing(db, fixture_data):
    first = criteria_load(fixture_data)
    counts = _counts()
    second = criteria_load(fixture_data)
    assert first.created > 0
    assert second.changed == 0
    assert _counts() == counts


def test_a_changed_fixture_updates_in_place(db, fixture_data):
    criteria_load(fixture_data)
    counts = _counts()
    changed = copy.deepcopy(fixture_data)
    indicator = changed["sets"][0]["criteria"][1]["indicators"][1]
    indicator["text"] = "Đường trục thôn (sửa)"
    indicator["targets"][0]["value"] = "75"
    report = criteria_load(changed)
    assert report.updated == 2 and report.created == 0
    assert _counts() == counts
    row = Indicator.objects.get(criterion__criteria_set__code="NTM_2009_491", code=indicator["code"])
    assert row.text == "Đường trục thôn (sửa)"
    assert row.targets.get(target_class=indicator["targets"][0]["class"]).value == Decimal("75")


def test_unverified_values_stay_flagged(db, fixture_data):
    criteria_load(fixture_data)
    assert Indicator.objects.filter(criterion__criteria_set__code="NTM_2021_318", verified=True).count() == 0
    carried = Target.objects.filter(indicator__criterion__criteria_set__code="NTM_2013_342", indicator__code="14.2")
    assert carried.exists() and not carried.filter(verified=True).exists()
    assert "491" in carried.first().note


def test_management_command_reports_nothing_changed_on_second_run(db, capsys):
    call_command("load_criteria")
    call_command("load_criteria")
    assert "Created 0, updated 0" in capsys.readouterr().out
