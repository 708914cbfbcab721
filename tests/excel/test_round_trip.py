"""Every export that carries values goes back through the importer: export, edit cells, import, values match."""

from decimal import Decimal

from communes.models import Assessment
from excel.exports import matrix_workbook
from excel.importer import import_apply, import_plan
from excel.layout import grid_for
from excel.template import template_workbook

from .conftest import YEAR, cell, load, save, stored


def _import(data: bytes, user, district=None):
    plan = import_plan(data=data, name="edited.xlsx", year=YEAR, user=user, district=district)
    assert plan.errors == []
    return import_apply(plan, user=user)


def _edit(workbook) -> dict:
    """Edit five cells of the district's communes; return the stored values expected afterwards."""
    cell(workbook, "18256", "1.1").value = 75
    cell(workbook, "18256", "1.2").value = "Không"
    cell(workbook, "18256", "3.1").value = "5,5"
    cell(workbook, "18259", "2.1").value = None
    cell(workbook, "18259", "3.1").value = 4
    return {
        ("18256", "1.1"): Decimal("75"),
        ("18256", "1.2"): False,
        ("18256", "3.1"): Decimal("5.5"),
        ("18259", "3.1"): Decimal("4"),
    }


def _expected(recorded: dict, edits: dict) -> dict:
    expected = {**recorded, **edits}
    del expected[("18259", "2.1")]
    return expected


def test_district_template_round_trip(district_officer, district, recorded, ind):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    edits = _edit(workbook)

    counts = _import(save(workbook), district_officer, district)

    assert (counts.created, counts.updated, counts.cleared) == (2, 2, 1)
    assert stored() == _expected(recorded, edits)
    entry = Assessment.objects.get(commune__code="18256", indicator=ind["3.1"], year=YEAR)
    assert (entry.meets, entry.entered_by) == (True, district_officer)


def test_district_matrix_round_trip(office, district, recorded):
    workbook = load(matrix_workbook(grid_for(year=YEAR, district=district)))
    edits = _edit(workbook)

    _import(save(workbook), office, district)

    assert stored() == _expected(recorded, edits)


def test_province_matrix_round_trip(office, province, recorded):
    workbook = load(matrix_workbook(grid_for(year=YEAR)))
    edits = _edit(workbook)
    cell(workbook, "18760", "2.1").value = "17,5"
    edits[("18760", "2.1")] = Decimal("17.5")

    _import(save(workbook), office)

    assert stored() == _expected(recorded, edits)


def test_an_unedited_export_changes_nothing(office, district, recorded):
    data = matrix_workbook(grid_for(year=YEAR, district=district))

    plan = import_plan(data=data, name="same.xlsx", year=YEAR, user=office, district=district)

    assert (plan.errors, plan.changes, plan.rows) == ([], [], 2)
    assert plan.cells == 5
