"""Huge numbers (1e25, 30 digits) in an import or a form are an error on that cell or field, never a 500."""

import pytest
from django.urls import reverse

from communes.models import Assessment
from excel.capital import Scope, capital_plan, capital_template
from excel.importer import import_plan
from excel.layout import grid_for
from excel.template import template_workbook
from tests.conftest import client_for

from .conftest import YEAR, cell, load, save

THIRTY_DIGITS = "123456789012345678901234567890"


@pytest.mark.parametrize(
    ("indicator", "value"),
    [("1.1", 1e25), ("1.1", THIRTY_DIGITS), ("2.1", 1e25), ("2.1", THIRTY_DIGITS), ("2.1", "1" * 60 + ",5")],
)
def test_a_huge_number_in_a_template_is_an_error_on_its_cell(district, recorded, office, indicator, value):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    target = cell(workbook, "18256", indicator)
    target.value = value

    plan = import_plan(data=save(workbook), name="mau.xlsx", year=YEAR, user=office, district=district)

    assert [(e.row, e.column, e.header) for e in plan.errors] == [(target.row, target.column_letter, indicator)]
    assert plan.changes == []


@pytest.mark.parametrize("value", [1e25, THIRTY_DIGITS])
def test_a_huge_amount_in_the_resources_table_is_an_error_on_its_cell(source_sets, district, office, value):
    workbook = load(capital_template(year=YEAR, scope=Scope(level="district", district=district)))
    sheet = workbook.worksheets[0]
    number = next(r[0].row for r in sheet.iter_rows(min_col=1, max_col=1) if r[0].value == "IV")
    sheet[f"C{number}"] = value

    plan = capital_plan(data=save(workbook), name="bieu.xlsx", year=YEAR, user=office)

    assert [(e.row, e.column) for e in plan.errors] == [(number, "C")]


@pytest.mark.parametrize("value", ["1e25", THIRTY_DIGITS, "1" * 40 + ",5"])
def test_a_huge_number_typed_in_the_entry_form_is_an_error_on_its_field(district_officer, commune, ind, value):
    url = reverse("communes:entry", args=[commune.pk, YEAR])

    response = client_for(district_officer).post(url, {f"ind_{ind['2.1'].pk}": value})

    assert response.status_code == 200
    assert response.context["form"].errors.get(f"ind_{ind['2.1'].pk}")
    assert not Assessment.objects.exists()
