"""The entry template: one row per commune, one column per indicator, drop-downs, validation, hidden codes."""

import datetime

from django.utils import timezone

from excel.layout import CODES_SHEET, grid_for
from excel.template import template_workbook

from .conftest import YEAR, cell, codes, data_sheet, load


def validations(sheet) -> dict[str, tuple]:
    """Each validated range -> (type, operator, formula1, formula2)."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in str(validation.sqref).split():
            found[cells] = (validation.type, validation.operator, validation.formula1, validation.formula2)
    return found


def test_template_has_a_row_per_commune_prefilled_and_a_column_per_indicator(district, recorded, commune):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    sheet, keys = data_sheet(workbook), codes(workbook)

    codes_row = [c.value for c in sheet[keys["code_row"]]]
    assert codes_row[3:] == ["1.1", "1.2", "2.1", "3.1"]
    titles = [c.value for c in sheet[keys["code_row"] + 1]]
    assert "70" in titles[3] and "17" in titles[5]  # targets in the header
    rows = list(sheet.iter_rows(min_row=keys["first_data_row"], values_only=True))
    assert [row[0] for row in rows] == ["18259", "18256"]
    assert (cell(workbook, "18256", "1.1").value, cell(workbook, "18256", "1.2").value) == (60, "Có")
    assert cell(workbook, "18256", "1.1").fill.fgColor.rgb in (None, "00000000")  # entry: no result colours


def test_template_validates_yes_no_percentages_and_numbers(district, recorded):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    first = codes(workbook)["first_data_row"]
    last = first + 1

    assert validations(data_sheet(workbook)) == {
        f"E{first}:E{last}": ("list", None, '"Có,Không"', None),
        f"D{first}:D{last}": ("decimal", "between", "0", "100"),
        f"G{first}:G{last}": ("decimal", "between", "0", "100"),
        f"F{first}:F{last}": ("decimal", "between", "0", "100000000000"),
    }


def test_hidden_codes_sheet_holds_what_the_importer_needs(district, recorded, commune, second_commune, ind):
    before = timezone.now()
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    hidden = workbook[CODES_SHEET]
    rows = list(hidden.iter_rows(min_row=2, values_only=True))

    assert hidden.sheet_state == "hidden"
    exported_at = datetime.datetime.fromisoformat(codes(workbook)["exported_at"])  # conflicts are dated from it
    assert before <= exported_at <= timezone.now()
    assert codes(workbook) | {"first_data_row": 0, "code_row": 0, "exported_at": 0} == {
        "exported_at": 0,
        "format": "ntm-assessments/1",
        "year": YEAR,
        "criteria_set": "TEST_2013",
        "district": "440",
        "province": "42",
        "sheet": data_sheet(workbook).title,
        "code_row": 0,
        "first_data_row": 0,
    }
    assert {(r[3], r[4]) for r in rows if r[3]} == {("18256", commune.pk), ("18259", second_commune.pk)}
    assert [(r[6], r[7], r[8]) for r in rows if r[6]] == [
        ("1.1", ind["1.1"].pk, "D"),
        ("1.2", ind["1.2"].pk, "E"),
        ("2.1", ind["2.1"].pk, "F"),
        ("3.1", ind["3.1"].pk, "G"),
    ]


def test_commune_codes_are_text_and_header_rows_frozen(district, recorded):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    sheet, keys = data_sheet(workbook), codes(workbook)

    assert sheet.freeze_panes == f"C{keys['first_data_row']}"
    assert sheet.cell(row=keys["first_data_row"], column=1).number_format == "@"
    assert sheet.cell(row=keys["first_data_row"], column=1).data_type == "s"
