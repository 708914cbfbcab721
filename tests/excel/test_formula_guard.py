"""Text a spreadsheet could run as a formula is written with the quote prefix, also behind spaces or fullwidth."""

import pytest

from excel.layout import grid_for
from excel.template import template_workbook
from excel.writer import needs_quote

from .conftest import YEAR, data_sheet, load


@pytest.mark.parametrize(
    "text",
    ["=1+1", ' =HYPERLINK("x")', "\u00a0=1", "\u3000=1", "＝cmd|' /C calc'!A0", "  ＋1", "－1", "＠SUM(A1)", "\t=1"],
)
def test_text_that_would_run_as_a_formula_needs_the_quote(text):
    assert needs_quote(text)


@pytest.mark.parametrize("text", ["Xã Tùng Ảnh", "18256", " Xã có khoảng trắng", "Đức Thọ", "", "１２", "ａ=b"])
def test_ordinary_text_does_not(text):
    assert not needs_quote(text)


@pytest.mark.parametrize("name", [' =HYPERLINK("http://x")', "＝1+1"])
def test_a_commune_named_like_a_formula_is_exported_with_the_quote_prefix(district, commune, recorded, name):
    # Stored as it stands (saving would trim the space): a name from before NFC storage, or written by SQL.
    type(commune).objects.filter(pk=commune.pk).update(name=name)

    sheet = data_sheet(load(template_workbook(grid_for(year=YEAR, district=district))))

    cell = next(c for row in sheet.iter_rows() for c in row if c.value == name)
    assert cell.quotePrefix is True and cell.data_type == "s"
