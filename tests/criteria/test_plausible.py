"""Plausible ranges: a value far outside what its indicator can hold is refused, with the likely intended value,
in the entry form and in the Excel import alike; the ranges are data of the set, shipped for income and percentages."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from communes.models import Assessment
from criteria.plausible import plausible_problem, shipped_range
from excel.importer import import_plan
from excel.layout import grid_for
from excel.template import template_workbook
from tests.conftest import client_for
from tests.excel.conftest import YEAR, cell, load, save


@pytest.fixture
def income_range(ind):
    ind["2.1"].plausible_min, ind["2.1"].plausible_max = Decimal(0), Decimal(500)
    ind["2.1"].save()
    return ind


def test_a_value_a_thousand_times_too_large_suggests_the_value_meant():
    with translation.override("vi"):
        message = plausible_problem(Decimal("25500"), Decimal(0), Decimal(500), "triệu đồng/người/năm")
    assert "25.500 triệu đồng/người/năm" in message
    assert "25,5?" in message


def test_vnd_typed_instead_of_million_vnd_suggests_the_million():
    with translation.override("en"):
        message = plausible_problem(Decimal("1234567"), Decimal(0), Decimal(500), "triệu đồng/người/năm")
    assert "1,234,567" in message and "1.234567?" in message


def test_values_inside_the_range_or_without_one_pass():
    assert plausible_problem(Decimal("25.5"), Decimal(0), Decimal(500)) is None
    assert plausible_problem(Decimal("500"), Decimal(0), Decimal(500)) is None
    assert plausible_problem(Decimal("1e9"), None, None) is None
    assert plausible_problem(Decimal("-1"), Decimal(0), None) is not None  # below: refused, nothing to suggest


def test_ranges_are_shipped_for_percentages_and_income_only():
    assert shipped_range("percentage", "%") == (Decimal(0), Decimal(100))
    assert shipped_range("money", "triệu đồng/người/năm") == (Decimal(0), Decimal(500))
    assert shipped_range("number", "lần (times)") == (None, None)
    assert shipped_range("boolean", "") == (None, None)


def test_the_shipped_sets_carry_the_income_range(db):
    from django.core.management import call_command

    from criteria.models import Indicator

    call_command("load_criteria")
    income = Indicator.objects.filter(unit="triệu đồng/người/năm")
    assert income.exists()
    assert set(income.values_list("plausible_max", flat=True)) == {Decimal(500)}


@pytest.mark.parametrize(("typed", "suggested"), [("25500", "25,5?"), ("1.234.567", "1,234567?")])
def test_the_entry_form_refuses_an_implausible_income_on_its_field(office, commune, income_range, typed, suggested):
    field = f"ind_{income_range['2.1'].pk}"
    response = client_for(office).post(reverse("communes:entry", args=[commune.pk, 2014]), {field: typed})

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(suggested in error for error in errors), errors
    assert not Assessment.objects.filter(commune=commune).exists()


def test_the_import_refuses_an_implausible_income_naming_the_cell(office, district, commune, income_range):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    target = cell(workbook, commune.code, "2.1")
    target.value = 25500
    plan = import_plan(data=save(workbook), name="values.xlsx", year=YEAR, user=office, district=district)

    assert not plan.ok
    [error] = plan.errors
    assert (error.row, error.column, error.header) == (target.row, target.column_letter, "2.1")
    assert "25,5?" in error.message
