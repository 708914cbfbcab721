"""The matrices and the summary: what they hold, how they look, and that no cell is ever a formula."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from communes.models import Registration
from excel.exports import matrix_workbook, summary_workbook
from excel.layout import grid_for
from excel.template import template_workbook
from excel.writer import FILLS, MET, NOT_MET, UNKNOWN

from .conftest import YEAR, cell, codes, data_sheet, load

INJECTIONS = ['=HYPERLINK("http://example.com","x")', "+1+1", "-2+3", "@SUM(1,1)", "=1+1"]


def formulas(data: bytes) -> list[str]:
    """Every cell of every sheet that openpyxl, or the raw XML, sees as a formula."""
    found = [
        f"{sheet.title}!{c.coordinate}"
        for sheet in load(data).worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[\s>/]", archive.read(name)):
            found.append(name)
    return found


@pytest.fixture
def injected(district, other_district, commune, other_commune, recorded):
    """Names and a decision number that a spreadsheet would run as formulas if written as they are."""
    commune.name, commune.recognition_decision = INJECTIONS[0], INJECTIONS[3]
    commune.recognition_date = datetime.date(YEAR, 6, 1)
    commune.save()
    district.name = INJECTIONS[1]
    district.save()
    other_commune.name = INJECTIONS[2]
    other_commune.save()
    Registration.objects.create(commune=commune, year=YEAR)


def every_export(district) -> dict[str, bytes]:
    return {
        "district matrix": matrix_workbook(grid_for(year=YEAR, district=district)),
        "province matrix": matrix_workbook(grid_for(year=YEAR)),
        "template": template_workbook(grid_for(year=YEAR, district=district)),
        "summary": summary_workbook(year=YEAR),
    }


def test_no_exported_cell_is_a_formula_and_formula_text_stays_text(injected, district):
    seen = set()
    for name, data in every_export(district).items():
        assert formulas(data) == [], name
        every_cell = (c for sheet in load(data).worksheets for row in sheet.iter_rows() for c in row)
        cells = [c for c in every_cell if c.value in INJECTIONS]
        assert cells and all(c.data_type == "s" for c in cells), name
        seen.update(c.value for c in cells)
    assert seen == set(INJECTIONS[:4])


def test_formula_text_carries_the_quote_prefix(injected, district):
    workbook = load(matrix_workbook(grid_for(year=YEAR, district=district)))
    name = next(c for row in data_sheet(workbook).iter_rows() for c in row if c.value == INJECTIONS[0])

    assert name.quotePrefix is True and name.data_type == "s"


def test_district_matrix_holds_values_coloured_by_result(district, recorded, ind):
    workbook = load(matrix_workbook(grid_for(year=YEAR, district=district)))
    sheet, keys = data_sheet(workbook), codes(workbook)

    assert (keys["year"], keys["district"], keys["criteria_set"]) == (YEAR, "440", "TEST_2013")
    assert sheet.freeze_panes == f"C{keys['first_data_row']}"
    paved, plan, money, poor = (cell(workbook, "18259", code) for code in ("1.1", "1.2", "2.1", "3.1"))
    assert (paved.value, plan.value, money.value, poor.value) == (60, "Có", 20, None)
    assert [c.fill.fgColor.rgb[-6:] for c in (paved, plan, money, poor)] == [
        FILLS[NOT_MET],  # 60 % < 70 %
        FILLS[MET],
        FILLS[MET],  # 20 >= 17 million
        FILLS[UNKNOWN],
    ]
    assert (paved.number_format, money.number_format) == ("0.00", "#,##0.00")
    assert sheet.column_dimensions["B"].width == 24
    met, band = (sheet.cell(row=paved.row, column=c).value for c in (8, 9))
    assert (met, band) == (1, "1-2")  # criterion 2 (income) met
    assert [row[0] for row in sheet.iter_rows(min_row=keys["first_data_row"], values_only=True)] == ["18259", "18256"]


def test_matrix_header_block_names_province_year_set_and_date(district, recorded):
    sheet = data_sheet(load(matrix_workbook(grid_for(year=YEAR, district=district))))
    block = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_row=6, values_only=True)}

    assert list(block.values())[:4] == ["Tỉnh Hà Tĩnh", "Huyện Đức Thọ", YEAR, "342/QĐ-TTg (2013-2015) · TEST_2013"]
    assert isinstance(list(block.values())[4], datetime.datetime)


def test_province_matrix_covers_every_district(province, recorded):
    keys = codes(load(matrix_workbook(grid_for(year=YEAR))))

    assert keys["district"] is None
    sheet = data_sheet(load(matrix_workbook(grid_for(year=YEAR))))
    assert sorted(r[0] for r in sheet.iter_rows(min_row=keys["first_data_row"], values_only=True)) == [
        "18256",
        "18259",
        "18760",
    ]


RESOURCES_SHEETS = ["Mô hình sản xuất", "Mô hình theo lĩnh vực", "Doanh nghiệp", "OCOP", "Nguồn vốn", "Tập huấn"]


def table(sheet) -> list[tuple]:
    """The rows below the header block: the column titles, then the data."""
    rows = list(sheet.iter_rows(values_only=True))
    blank = next(index for index, row in enumerate(rows) if not any(row))
    return rows[blank + 1 :]


def test_summary_has_one_sheet_per_report_table_with_the_dashboards_figures(injected, district, ind, commune):
    workbook = load(summary_workbook(year=YEAR))

    assert workbook.sheetnames[:3] == ["Nhóm theo số tiêu chí", "Tiêu chí", "Đăng ký và công nhận"]
    assert workbook.sheetnames[3:] == RESOURCES_SHEETS  # tests/excel/test_resources_exports.py reads them
    bands, criteria, recognition = (table(sheet) for sheet in workbook.worksheets[:3])
    # district, communes, no data this year and last, average this year and last, then 3 bands x 2 years
    assert len(bands[0]) == 6 + 2 * 3
    by_district = {row[0]: row for row in bands[1:]}
    # 2014: one commune meets criterion 2; 2013: nothing recorded, so "no data yet" and in no band
    assert by_district[INJECTIONS[1]][1:] == (2, 0, 2, 0.5, 0, 0, 0, 1, 0, 1, 0)
    assert by_district["Huyện Kỳ Anh"][1:] == (1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0)
    assert bands[-1][1:6] == (3, 0, 3, 0.33, 0)  # the whole province, last
    assert {row[0]: row[1:] for row in criteria[1:-1]} == {INJECTIONS[1]: (2, 0, 1, 0), "Huyện Kỳ Anh": (1, 0, 0, 0)}
    assert criteria[-1][1:] == (3, 0, 1, 0)
    assert [(r[0], r[3], r[4], r[6], r[7]) for r in recognition[1:]] == [
        ("18256", "Có", 0, INJECTIONS[3], datetime.datetime(YEAR, 6, 1))
    ]


def test_no_export_for_a_year_without_criteria_set(district, recorded):
    assert grid_for(year=2030, district=district) is None
    assert summary_workbook(year=2030) is None


def test_amounts_keep_their_decimals(district, recorded, commune, ind):
    from communes.services import assessments_save

    assessments_save(commune=commune, year=YEAR, values={ind["2.1"].pk: Decimal("17.125")}, user=None)

    workbook = load(matrix_workbook(grid_for(year=YEAR, district=district)))

    assert cell(workbook, "18256", "2.1").value == 17.125


def test_sheets_declare_their_size_so_readers_need_not_scan_them(district, recorded):
    data = matrix_workbook(grid_for(year=YEAR, district=district))
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    keys = codes(load(data))

    assert workbook[keys["sheet"]].max_row == keys["first_data_row"] + 1  # two communes
    assert workbook[keys["sheet"]].max_column == 3 + 4 + 2
