"""The one spreadsheet reader: what the cell shows, the rows that exist, budgets, CSV separators and headers."""

import io
import re
import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from ntm.lib import sheets


def xlsx(build) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def declare(data: bytes, ref: str) -> bytes:
    """The same workbook with its first sheet declaring `ref` as its used range, as a hostile or odd program writes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), part)
                assert f'ref="{ref}"'.encode() in part
            target.writestr(info, part)
    return out.getvalue()


def rows_of(data: bytes, budget: sheets.Budget = sheets.DEFAULT_BUDGET) -> list[tuple[int, list]]:
    workbook = sheets.open_workbook(data, name="t.xlsx")
    try:
        return list(sheets.sheet_rows(workbook, name="t.xlsx", budget=budget))
    finally:
        workbook.close()


def test_a_percent_formatted_cell_reads_as_the_percentage_shown():
    def build(sheet):
        sheet["A1"] = 0.855
        sheet["A1"].number_format = "0.0%"
        sheet["B1"] = 0.5
        sheet["B1"].number_format = "0%"
        sheet["C1"] = 0.5  # no percent format: the value as typed

    assert rows_of(xlsx(build)) == [(1, [Decimal("85.5"), Decimal("50"), 0.5])]


def test_a_code_shown_with_leading_zeros_reads_as_that_text():
    def build(sheet):
        sheet["A1"] = 379
        sheet["A1"].number_format = "00000"
        sheet["B1"] = 1
        sheet["B1"].number_format = "00"

    assert rows_of(xlsx(build)) == [(1, ["00379", "01"])]


def test_code_text_pads_lost_zeros_and_refuses_what_is_not_a_code():
    assert sheets.code_text(379, 5) == "00379"
    assert sheets.code_text(379.0, 5) == "00379"
    assert sheets.code_text(" 16 ", 3) == "016"
    assert sheets.code_text("", 5) == ""
    assert sheets.code_text("123456", 5) is None
    assert sheets.code_text("12a", 5) is None


def test_a_formula_without_a_saved_result_is_told_apart_from_an_empty_text_result():
    data = xlsx(lambda sheet: sheet.append(["=1+1", "x"]))  # openpyxl saves no result
    assert rows_of(data) == [(1, [sheets.UNSAVED_FORMULA, "x"])]
    # LibreOffice saves an empty text result as <c t="str"><f>..</f><v></v></c>: the cell shows nothing.
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = re.sub(rb'<c r="A1"><f>1\+1</f><v></v>', b'<c r="A1" t="str"><f>1+1</f><v></v>', part)
                assert b't="str"' in part
            target.writestr(info, part)
    assert rows_of(out.getvalue()) == [(1, [None, "x"])]


@pytest.mark.parametrize("ref", ["A1", "A1:B1"])
def test_a_declared_range_smaller_than_the_data_is_not_trusted(ref):
    data = declare(xlsx(lambda sheet: [sheet.append(["a", "b", "c"]), sheet.append([1, 2, 3, 4])]), ref)
    assert rows_of(data) == [(1, ["a", "b", "c"]), (2, [1, 2, 3, 4])]


def test_a_declared_full_sheet_around_one_far_cell_stops_at_once_with_a_message():
    def build(sheet):
        sheet.append(["Mã", "Tên"])
        sheet.cell(row=1_048_576, column=1, value="x")

    data = declare(xlsx(build), "A1:XFD1048576")
    started = time.monotonic()
    with pytest.raises(sheets.SheetTooLarge) as refused:
        rows_of(data, sheets.Budget(max_row=500, max_col=30))
    assert time.monotonic() - started < 0.5
    assert "1048576" in refused.value.message and "500" in refused.value.message


def test_the_cell_budget_stops_a_wide_sheet():
    data = xlsx(lambda sheet: [sheet.append(list(range(100))) for _ in range(20)])
    with pytest.raises(sheets.SheetTooLarge):
        rows_of(data, sheets.Budget(max_row=100, max_col=100, max_cells=1000))


def test_columns_past_the_budget_are_left_out():
    data = xlsx(lambda sheet: sheet.append(list(range(1, 11))))
    assert rows_of(data, sheets.Budget(max_col=3)) == [(1, [1, 2, 3])]


@pytest.mark.parametrize(
    "text",
    [
        "Mã;Tên\n01;Hà Nội\n",
        "\ufeffMã;Tên\r\n01;Hà Nội\r\n",
        "Mã\tTên\n01\tHà Nội\n",
        "Mã,Tên\n01,Hà Nội\n",
        '"Mã";"Tên"\n"01";"Hà Nội"\n',
    ],
)
def test_csv_separators_and_bom_are_detected(text):
    assert sheets.csv_rows(text.encode(), name="t.csv") == [["Mã", "Tên"], ["01", "Hà Nội"]]


def test_csv_in_another_encoding_is_refused_asking_for_utf8():
    with pytest.raises(sheets.SheetError) as refused:
        sheets.csv_rows("Mã;Tên\n01;Hà Nội\n".encode("utf-16"), name="ds.csv")
    assert "ds.csv" in refused.value.message and "UTF-8" in refused.value.message


def test_csv_past_its_row_budget_is_refused():
    with pytest.raises(sheets.SheetTooLarge):
        sheets.csv_rows(b"a,b\n" * 101, name="t.csv", budget=sheets.Budget(max_row=100))


@pytest.mark.parametrize(
    "title", ["Tỉnh / Thành Phố", "Tỉnh Thành Phố", "tinh thanh pho", "TỈNH-THÀNH PHỐ", " Tỉnh/Thành phố "]
)
def test_header_names_match_whatever_the_case_spacing_slashes_and_accents(title):
    assert sheets.header_key(title) == sheets.header_key("Tỉnh / Thành Phố")


def test_different_headers_stay_different():
    keys = [sheets.header_key(t) for t in ("Mã TP", "Mã QH", "Mã PX", "Quận Huyện", "Phường Xã", "Cấp")]
    assert len(set(keys)) == len(keys)
