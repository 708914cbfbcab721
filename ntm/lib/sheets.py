"""One reader for spreadsheets: .xlsx workbooks and CSV text, read the way a person sees them.

Both importers (the GSO list of divisions, the filled entry templates) read through here, so every
file is read by the same rules:

- A sheet's declared used range (`<dimension ref=...>`) is never trusted: some programs write `A1`
  for a full sheet, a hostile file writes `A1:XFD1048576` around a single cell. Only the rows and
  cells that exist in the file are read, and never more than the caller's budget (rows, columns,
  cells): past it, `SheetTooLarge` is raised at once with a message saying which limit was passed.
- Values are what the cell shows: a number formatted as a percentage (0.855 shown as 85,5 %) is read
  as 85.5; an integer formatted with leading zeros (379 shown as 00379) is read as the text "00379";
  a formula reads as its saved result, an empty saved text result as an empty cell, and a formula
  saved without any result as `UNSAVED_FORMULA`, which callers report on that cell.
- Legacy .xls workbooks (the GSO site's own download) are read with xlrd, within the same budget.
- CSV is UTF-8 with or without a BOM, its separator (`,` `;` or tab) detected; other encodings are
  refused with a message asking for "CSV UTF-8".

`header_key` is the one rule for matching column titles: case, spaces, slashes, dashes and accents
do not matter ('Tỉnh Thành Phố' matches 'Tỉnh / Thành phố'). `code_text` pads codes whose leading
zeros a spreadsheet dropped (GSO: province 2 digits, district 3, commune 5).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from .text import fold

# Far above any real file (a national GSO list has about 10,600 communes and 8 columns), far below
# what hurts: a budget is reached in a fraction of a second.
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
CSV_SEPARATORS = ",;\t"
CSV_SAMPLE = 64 * 1024


class _Unsaved:
    """A formula saved without its result (openpyxl, or a program that never calculated)."""

    def __repr__(self) -> str:
        return "UNSAVED_FORMULA"


UNSAVED_FORMULA = _Unsaved()


class SheetError(Exception):
    """The file cannot be read; `message` says why in the user's language."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class SheetTooLarge(SheetError):
    """The file goes past a row, column or cell budget: reading stopped there."""


@dataclass(frozen=True)
class Budget:
    """How much of a sheet a reader may look at: rows and columns (1-based, inclusive) and cells parsed."""

    max_row: int = MAX_ROWS
    max_col: int = MAX_COLUMNS
    max_cells: int = MAX_CELLS


DEFAULT_BUDGET = Budget()


# Names and codes -------------------------------------------------------------------------------------

_HEADER_NOISE = re.compile(r"[\s/\\\-_.:]+")


def header_key(text: object) -> str:
    """A column title reduced for matching: 'Tỉnh / Thành Phố', 'tinh thanh pho', 'TỈNH-THÀNH PHỐ' -> 'tinhthanhpho'."""
    if text is None:
        return ""
    return _HEADER_NOISE.sub("", fold(str(text)))


def cell_text(value: object) -> str:
    """A cell as trimmed text: None -> '', 379.0 -> '379', Decimal('85.500') -> '85.5'."""
    if value is None or value is UNSAVED_FORMULA:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value.normalize())
    return str(value).strip()


def code_text(value: object, width: int) -> str | None:
    """A code padded to `width` digits ('379' or 379 -> '00379' for width 5); None when it is not digits or too long.

    '' stays ''. Spreadsheets drop leading zeros of codes typed as numbers; GSO codes are 2 digits
    for a province, 3 for a district and 5 for a commune.
    """
    text = cell_text(value)
    if not text:
        return ""
    if text.isascii() and text.isdigit() and len(text) <= width:
        return text.zfill(width)
    return None


# CSV -------------------------------------------------------------------------------------------------


def csv_rows(data: bytes, *, name: str, budget: Budget = DEFAULT_BUDGET) -> list[list[str]]:
    """Every row of a CSV file as lists of texts; UTF-8 (BOM or not), separator detected; SheetError otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(_('The file "%(name)s" is not UTF-8 text; save it as "CSV UTF-8".') % {"name": name}) from None
    separator = _separator(text[:CSV_SAMPLE])
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
            rows.append(row[: budget.max_col])
            cells += len(row)
            if len(rows) > budget.max_row or cells > budget.max_cells:
                raise SheetTooLarge(_too_large(name, len(rows), budget))
    except csv.Error as exc:
        raise SheetError(
            _('The file "%(name)s" cannot be read as CSV: %(error)s') % {"name": name, "error": exc}
        ) from None
    return rows


def _separator(sample: str) -> str:
    """`,` `;` or tab: csv.Sniffer's guess among those, else the one splitting the first lines most evenly."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_SEPARATORS).delimiter
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines()[:10] if line.strip()]
    best, best_count = ",", 0
    for separator in CSV_SEPARATORS:
        count = min((line.count(separator) for line in lines), default=0)
        if count > best_count:
            best, best_count = separator, count
    return best


# Legacy .xls ----------------------------------------------------------------------------------------


def xls_rows(data: bytes, *, name: str, budget: Budget = DEFAULT_BUDGET) -> list[tuple[int, list[object]]]:
    """(row number, values) of the first sheet of a legacy Excel 97-2003 workbook (.xls), read with xlrd.

    Numbers come as floats (`code_text` pads codes); empty cells as None. SheetTooLarge past the budget,
    SheetError when the file is not a readable .xls.
    """
    import xlrd  # only .xls imports pay for it

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception:  # xlrd raises XLRDError, CompDocError and others on a damaged or foreign file
        raise SheetError(
            _('The file "%(name)s" cannot be read as an Excel 97-2003 workbook (.xls); it may be damaged.')
            % {"name": name}
        ) from None
    try:
        sheet = book.sheet_by_index(0)
        if sheet.nrows > budget.max_row or sheet.nrows * min(sheet.ncols, budget.max_col) > budget.max_cells:
            raise SheetTooLarge(_too_large(name, sheet.nrows, budget))
        rows = []
        for index in range(sheet.nrows):
            values = [
                None if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) else cell.value
                for cell in sheet.row_slice(index, 0, min(sheet.ncols, budget.max_col))
            ]
            rows.append((index + 1, values))
        return rows
    finally:
        book.release_resources()


# Workbooks -------------------------------------------------------------------------------------------


def open_workbook(data: bytes, *, name: str):
    """An openpyxl workbook opened read-only on saved values; SheetError when it is not a readable .xlsx."""
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged workbook fails in zipfile, XML or openpyxl in many ways
        raise SheetError(_damaged(name)) from None


def sheet_rows(
    workbook, title: str | None = None, *, name: str, min_row: int = 1, budget: Budget = DEFAULT_BUDGET
) -> Iterator[tuple[int, list[object]]]:
    """(row number, values) of each row that exists in the sheet (the first one when `title` is None).

    Values are padded to the row's last cell within `budget.max_col`; cells past it are ignored.
    Rows before `min_row` are skipped (still counted in the cell budget). SheetTooLarge when a row
    lies past `budget.max_row` or more than `budget.max_cells` cells are in the file.
    """
    sheet = workbook[title] if title is not None else workbook.worksheets[0]
    formats = _formats(workbook)
    cells = 0
    source = sheet._get_source()  # read-only sheets parse their XML on demand; never their declared size
    try:
        parser = _Parser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, row in parser.parse():
            cells += len(row)
            if number > budget.max_row or cells > budget.max_cells:
                raise SheetTooLarge(_too_large(name, number, budget, sheet=sheet.title))
            if number < min_row:
                continue
            last = 0
            for cell in row:
                if cell["column"] <= budget.max_col and cell["value"] is not None:
                    last = max(last, cell["column"])
            values: list[object] = [None] * last
            for cell in row:
                column = cell["column"]
                if column <= last:
                    values[column - 1] = _shown(cell, formats)
            yield number, values
    except SheetError:
        raise
    except (ValueError, SyntaxError, EOFError, KeyError, IndexError, TypeError, zipfile.BadZipFile):
        raise SheetError(_damaged(name)) from None
    finally:
        source.close()


def key_values(workbook, title: str, *, name: str, last_row: int, budget: Budget = DEFAULT_BUDGET) -> dict[str, object]:
    """The key / value lines (column A, column B) of a sheet from row 2 to `last_row`, e.g. a template's hidden
    "_codes" sheet; rows without a key are skipped. SheetTooLarge as `sheet_rows`."""
    keys: dict[str, object] = {}
    for number, row in sheet_rows(workbook, title, name=name, min_row=2, budget=budget):
        if number > last_row:
            break
        if row and row[0]:
            keys[str(row[0])] = row[1] if len(row) > 1 else None
    return keys


def _damaged(name: str) -> str:
    return _('The file "%(name)s" cannot be read as an Excel workbook (.xlsx); it may be damaged.') % {"name": name}


def _too_large(name: str, row: int, budget: Budget, *, sheet: str = "") -> str:
    return _(
        'The file "%(name)s" is larger than an import can read (data on row %(row)s; at most %(rows)s rows, '
        "%(columns)s columns and %(cells)s cells are read). Delete the rows and columns that are not "
        "part of the table, or split the file."
    ) % {"name": name, "row": row, "rows": budget.max_row, "columns": budget.max_col, "cells": budget.max_cells}


def _formats(workbook) -> dict[int, str]:
    """Style id -> number format code, for the styles whose format changes how a value reads."""
    custom = {164 + index: code for index, code in enumerate(workbook._number_formats)}
    found = {}
    for style_id, style in enumerate(workbook._cell_styles):
        code = custom.get(style.numFmtId) or BUILTIN_FORMATS.get(style.numFmtId) or ""
        if "%" in _unquoted(code) or _ZEROS.fullmatch(code):
            found[style_id] = code
    return found


_ZEROS = re.compile(r"0{2,}")
_QUOTED = re.compile(r'"[^"]*"|\\.')


def _unquoted(code: str) -> str:
    return _QUOTED.sub("", code.split(";")[0])


def _shown(cell: dict, formats: dict[int, str]) -> object:
    """What the cell shows: percentages as 85.5, zero-padded integers as text, else the saved value."""
    value = cell["value"]
    if value is UNSAVED_FORMULA or value is None or cell["data_type"] != "n":
        return value
    code = formats.get(cell["style_id"])
    if code is None or isinstance(value, bool):
        return value
    if "%" in _unquoted(code):
        try:
            return (Decimal(repr(value)) * 100).normalize()
        except InvalidOperation:
            return value
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value)).zfill(len(code))
    return value


class _Parser(WorkSheetParser):
    """openpyxl's sheet parser, telling a formula saved without a result from one whose result is empty text."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            saved = element.find(VALUE_TAG)
            if not (element.get("t") == "str" and saved is not None):  # LibreOffice's saved "" result
                cell["value"] = UNSAVED_FORMULA
        return cell
