"""The Excel import obeys the workflow: locked years refuse it, a year changed meanwhile refuses it,
and every value it writes or clears has its history row."""

from decimal import Decimal

import pytest

from communes.models import Assessment, CommuneYear
from communes.services import assessments_save
from excel.importer import ImportConflict, import_apply, import_plan
from excel.layout import grid_for
from excel.template import template_workbook
from tests.excel.conftest import YEAR, cell, load, save, stored
from tests.workflow.conftest import move_to


@pytest.fixture
def template(district, recorded):
    return load(template_workbook(grid_for(year=YEAR, district=district)))


def _plan(workbook, user, district):
    return import_plan(data=save(workbook), name="values.xlsx", year=YEAR, user=user, district=district)


def test_a_locked_year_refuses_the_file_and_nothing_is_written(template, office, district, commune):
    move_to(commune, CommuneYear.State.SUBMITTED, office)
    before = stored()
    cell(template, commune.code, "1.1").value = 95
    cell(template, "18259", "1.1").value = 96  # second_commune, still a draft
    plan = _plan(template, office, district)
    assert not plan.ok
    assert any(commune.code in error.message for error in plan.errors)
    assert stored() == before


def test_a_year_locked_between_preview_and_confirmation_is_refused(template, office, district, commune):
    cell(template, commune.code, "1.1").value = 95
    plan = _plan(template, office, district)
    assert plan.ok
    move_to(commune, CommuneYear.State.SUBMITTED, office)
    before = stored()
    with pytest.raises(ImportConflict):
        import_apply(plan, user=office)
    assert stored() == before


def test_values_changed_between_preview_and_confirmation_are_not_overwritten(template, office, district, commune, ind):
    cell(template, commune.code, "1.1").value = 95
    plan = _plan(template, office, district)
    assessments_save(commune=commune, year=YEAR, values={ind["1.1"].pk: Decimal("70")}, user=office)
    with pytest.raises(ImportConflict):
        import_apply(plan, user=office)
    assert stored()[(commune.code, "1.1")] == Decimal("70")


def test_every_imported_value_has_a_history_row_and_the_year_version_goes_up(
    write_path, template, office, district, commune, second_commune, ind
):
    version = CommuneYear.of(commune, YEAR).version
    cell(template, commune.code, "1.1").value = 95  # update
    cell(template, commune.code, "2.1").value = 18  # create
    cell(template, second_commune.code, "2.1").value = None  # clear
    plan = _plan(template, office, district)
    assert plan.ok
    import_apply(plan, user=office)
    history = Assessment.history.filter(history_user=office)
    updated = history.get(commune_id=commune.pk, indicator_id=ind["1.1"].pk, history_type="~")
    assert updated.percent == Decimal("95")
    assert history.filter(commune_id=commune.pk, indicator_id=ind["2.1"].pk, history_type="+").count() == 1
    assert history.filter(commune_id=second_commune.pk, indicator_id=ind["2.1"].pk, history_type="-").count() == 1
    assert CommuneYear.of(commune, YEAR).version == version + 1
