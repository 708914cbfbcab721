"""Workbooks for the Excel tests: built by the application or by hand, edited with openpyxl, read back."""

import io
from decimal import Decimal

import openpyxl
import pytest

from communes.models import Assessment
from communes.services import assessments_save
from excel.layout import CODES_SHEET
from tests.resources_fixtures import source_sets, thresholds  # noqa: F401  production and capital sheets

YEAR = 2014


@pytest.fixture
def recorded(commune, second_commune, other_commune, ind):
    """2014 values of the three communes: 1.1 = 60 %, 1.2 = yes; the second commune also 2.1 = 20."""
    for place in (commune, second_commune, other_commune):
        assessments_save(
            commune=place, year=YEAR, values={ind["1.1"].pk: Decimal("60"), ind["1.2"].pk: True}, user=None
        )
    assessments_save(commune=second_commune, year=YEAR, values={ind["2.1"].pk: Decimal("20")}, user=None)
    return stored()


def stored(year: int = YEAR) -> dict[tuple[str, str], object]:
    """Every stored value by (commune code, indicator code)."""
    return {
        (a.commune.code, a.indicator.code): a.value
        for a in Assessment.objects.filter(year=year).select_related("commune", "indicator")
    }


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def codes(workbook: openpyxl.Workbook) -> dict[str, object]:
    return {row[0]: row[1] for row in workbook[CODES_SHEET].iter_rows(min_row=2, values_only=True) if row[0]}


def data_sheet(workbook: openpyxl.Workbook):
    return workbook[codes(workbook)["sheet"]]


def cell(workbook: openpyxl.Workbook, commune_code: str, indicator_code: str):
    """The data cell of a commune (by GSO code) and an indicator (by code)."""
    sheet, keys = data_sheet(workbook), codes(workbook)
    code_row = next(sheet.iter_rows(min_row=keys["code_row"], max_row=keys["code_row"]))
    column = next(c.column for c in code_row if c.value == indicator_code)
    for row in sheet.iter_rows(min_row=keys["first_data_row"], max_col=1):
        if row[0].value == commune_code:
            return sheet.cell(row=row[0].row, column=column)
    raise KeyError(commune_code)


@pytest.fixture(params=["copy", "bulk_create"])
def write_path(request, monkeypatch):
    """Both ways the upsert is written: COPY on PostgreSQL, bulk_create on other databases (SQLite)."""
    if request.param == "bulk_create":
        monkeypatch.setattr("communes.services.COPY_VENDORS", set())
    return request.param
