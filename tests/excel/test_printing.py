"""Every workbook prints on paper as an office expects, and its file name says what it holds."""

import datetime

import openpyxl
import pytest
from django.utils import timezone

from excel.writer import DATE, Column, SheetSpec, workbook_bytes
from tests.conftest import client_for

from .conftest import YEAR, load
from .test_downloads import urls


def _visible_sheets(workbook: openpyxl.Workbook):
    return [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]


@pytest.mark.parametrize("name", ["district_matrix", "province_matrix", "province_summary", "district_template"])
def test_every_sheet_prints_a4_landscape_one_page_wide_with_titles_and_a_footer(name, office, district, recorded):
    workbook = load(client_for(office).get(urls(district)[name]).content)

    today = timezone.localdate().strftime("%d/%m/%Y")
    for sheet in _visible_sheets(workbook):
        assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows  # the column titles repeat on every page
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        assert today in sheet.oddFooter.right.text
        assert sheet.page_margins.left < 0.75  # narrower than Excel's default


def test_the_title_rows_repeated_are_the_column_titles():
    spec = SheetSpec(title="Ma trận", columns=[Column("Xã"), Column("1.1")], rows=[["Xã A", 1]], heading="Tiêu đề")
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(workbook_bytes([spec]))).active

    first, last = (int(part) for part in sheet.print_title_rows.replace("$", "").split(":"))
    assert first <= spec.header_row == last
    assert [cell.value for cell in sheet[spec.header_row]][:2] == ["Xã", "1.1"]


def test_date_columns_are_wide_enough_never_to_show_hashes():
    spec = SheetSpec(
        title="Ngày", columns=[Column("Ngày", width=6, number_format=DATE)], rows=[[datetime.date(2014, 12, 31)]]
    )
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(workbook_bytes([spec]))).active
    assert sheet.column_dimensions["A"].width >= 11  # dd/mm/yyyy


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("district_matrix", f"ma-tran-huyen-duc-tho-{YEAR}.xlsx"),
        ("district_template", f"mau-nhap-huyen-duc-tho-{YEAR}.xlsx"),
        ("province_matrix", f"ma-tran-tinh-ha-tinh-{YEAR}.xlsx"),
        ("province_summary", f"bao-cao-tinh-ha-tinh-{YEAR}.xlsx"),
    ],
)
def test_file_names_say_what_the_file_holds_in_words(name, expected, office, district, recorded):
    response = client_for(office).get(urls(district)[name])
    assert f'filename="{expected}"' in response["Content-Disposition"]
