"""The entry template of a district (or the province) for a year: the grid, pre-filled, with validation.

One row per commune, one column per indicator (code, text, unit and target in the header), the values
already recorded filled in, a Yes / No drop-down list on yes/no columns, decimal validation on numbers
(0-100 on percentages, 0 or more on money), and the hidden "_codes" sheet the importer reads.
"""

from django.utils.translation import gettext as _
from openpyxl.worksheet.datavalidation import DataValidation

from criteria import rules
from ntm.lib.filenames import words

from .layout import Grid, codes_sheet, grid_columns, grid_header_rows, grid_info, grid_rows, no_text, yes_text
from .writer import SheetSpec, workbook_bytes

LARGEST_AMOUNT = 10**11  # Assessment.amount: 14 digits, 3 after the point


def _validations(grid: Grid, first_row: int) -> list[DataValidation]:
    """One validation per kind of indicator, each covering every column of that kind."""
    last_row = first_row + max(len(grid.communes), 1) - 1
    error_title = _("Value not accepted")
    by_kind = {
        rules.BOOLEAN: DataValidation(
            type="list",
            formula1=f'"{yes_text()},{no_text()}"',
            error=_("Choose Yes or No from the list."),
        ),
        rules.PERCENTAGE: DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
            error=_("Enter a percentage from 0 to 100."),
        ),
        rules.MONEY: DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=str(LARGEST_AMOUNT),
            error=_("Enter an amount of 0 or more."),
        ),
        rules.NUMBER: DataValidation(
            type="decimal",
            operator="between",
            formula1=str(-LARGEST_AMOUNT),
            formula2=str(LARGEST_AMOUNT),
            error=_("Enter a number."),
        ),
    }
    used = set()
    for position, indicator in enumerate(grid.indicators):
        column = grid.column_of(position)
        by_kind[indicator.kind].add(f"{column}{first_row}:{column}{last_row}")
        used.add(indicator.kind)
    validations = []
    for kind, validation in by_kind.items():
        if kind in used:
            validation.allow_blank = True
            validation.showErrorMessage = True
            validation.errorTitle = error_title
            validations.append(validation)
    return validations


def template_workbook(grid: Grid) -> bytes:
    """The template as .xlsx bytes."""
    place = grid.place
    extra_rows, merges = grid_header_rows(grid, results=False)
    info = [
        *grid_info(grid),
        (
            _("How to fill in"),
            _(
                "Yes/no columns: choose %(yes)s or %(no)s. Percentages: 0 to 100. Money: million VND per person "
                "per year. An empty cell clears the value. Do not change the commune codes or the indicator codes."
            )
            % {"yes": yes_text(), "no": no_text()},
        ),
    ]
    data = SheetSpec(
        title=_("Values"),
        heading=_("Values of the indicators, %(place)s, %(year)s") % {"place": place, "year": grid.year},
        info=info,
        extra_header_rows=extra_rows,
        merges=merges,
        columns=grid_columns(grid, results=False),
        rows=grid_rows(grid, results=False),
        frozen_columns=2,
        row_count=len(grid.communes),
    )
    data.validations = _validations(grid, data.first_data_row)
    return workbook_bytes([data, codes_sheet(grid, data)])


def template_filename(grid: Grid) -> str:
    """'mau-nhap-huyen-duc-tho-2014.xlsx', an officer's own communes 'mau-nhap-xa-duoc-giao-nguyen-van-an-2026.xlsx':
    what the file holds, in words (`ntm.lib.filenames.words`)."""
    if grid.district is None and grid.officer:
        return f"{words('mau nhap xa duoc giao', grid.officer, grid.year)}.xlsx"
    place = grid.district.name if grid.district else (grid.province.name if grid.province else "")
    return f"{words('mau nhap', place, grid.year)}.xlsx"
