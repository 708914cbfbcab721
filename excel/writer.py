"""One writer for every workbook the application hands out.

A sheet is described by a `SheetSpec`: a header block (a heading and label/value lines such as the
province, the year, the criteria set and the date of export), header rows, the columns (title,
width, number format) and a generator of data rows. `workbook_bytes` streams the sheets through
`openpyxl.Workbook(write_only=True)`, so a 10,000-row matrix never sits in memory as cell objects.
A style is built once per combination (number format, fill, ...) and shared by every cell using it.

Every string is written as text: a commune called "=HYPERLINK(...)" stays a name, never a formula
(`safe_cell`), and such strings also get Excel's quote prefix so that editing the cell keeps it text.
"""

import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text cell starting with one of these is read as a formula (or a DDE call) by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

INVALID_TITLE_RE = re.compile(r"[:\\/?*\[\]]")

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
FILLS = {MET: "C6EFCE", NOT_MET: "FFC7CE", UNKNOWN: "EDEDED"}
HEADER_FILL = "E2EFDA"

GENERAL, TEXT, INTEGER, DECIMAL, PERCENT, SHARE = "General", "@", "0", "#,##0.00", "0.00", "0.0"
DATE, DATETIME = "dd/mm/yyyy", "dd/mm/yyyy hh:mm"


@dataclass(frozen=True)
class Style:
    """What a cell looks like; every distinct Style becomes one entry of the workbook's style table."""

    number_format: str = GENERAL
    fill: str | None = None
    bold: bool = False
    size: float | None = None
    wrap: bool = False
    border: bool = False
    quote: bool = False  # Excel's "quote prefix": the cell stays text even when it is edited


class StatusRow(NamedTuple):
    """A data row whose cells are coloured by status: MET, NOT_MET, UNKNOWN, or None for no colour."""

    values: Sequence[object]
    statuses: Sequence[str | None]


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 12
    number_format: str = GENERAL


@dataclass
class SheetSpec:
    """One sheet: header block, extra header rows, the column titles, then the data rows.

    `plain` sheets (machine-readable, such as the template's hidden "_codes") have no header block
    and no styles; every row of `rows` is written as it comes.
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    heading: str = ""
    info: Sequence[tuple[str, object]] = ()
    extra_header_rows: Sequence[Sequence[object]] = ()
    merges: Sequence[tuple[int, int, int]] = ()  # (index in extra_header_rows, first column, last column), 1-based
    frozen_columns: int = 0
    validations: Sequence[DataValidation] = ()
    hidden: bool = False
    plain: bool = False
    row_count: int | None = None  # data rows `rows` yields, when known: written as the sheet's dimension

    @property
    def header_row(self) -> int:
        """Spreadsheet row number of the column titles."""
        if self.plain:
            return 1
        return (1 if self.heading else 0) + len(self.info) + 1 + len(self.extra_header_rows) + 1

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


class _Styles:
    """StyleArrays built once per Style on a prototype cell, then shared (write-only cells are never changed)."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.cache: dict[Style, object] = {}

    def __call__(self, style: Style):
        array = self.cache.get(style)
        if array is None:
            cell = WriteOnlyCell(self.sheet)
            cell.number_format = style.number_format
            if style.fill:
                cell.fill = PatternFill("solid", fgColor=style.fill)
            if style.bold or style.size:
                cell.font = Font(bold=style.bold, size=style.size)
            if style.wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if style.border:
                thin = Side(style="thin", color="A6A6A6")
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if style.quote:
                cell.quotePrefix = True
            array = self.cache[style] = cell._style
        return array


def key_value_sheet(title: str, keys: list[tuple[str, object]]) -> SheetSpec:
    """A hidden sheet of key / value lines under a "key | value" header (a template's "_codes", read back by
    `ntm.lib.sheets.key_values`)."""
    return SheetSpec(
        title=title,
        columns=[Column("key"), Column("value")],
        rows=[["key", "value"], *[list(key) for key in keys]],
        hidden=True,
        plain=True,
        row_count=len(keys) + 1,
    )


def safe_cell(sheet, value, style_array=None) -> WriteOnlyCell:
    """A write-only cell holding `value`; a string is always text ("=1+1" stays the characters = 1 + 1)."""
    try:
        cell = WriteOnlyCell(sheet, value)
    except IllegalCharacterError:  # control characters cannot be stored in XML
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    if type(cell._value) is str:
        cell.data_type = "s"
    if style_array is not None:
        cell._style = style_array
    return cell


def needs_quote(value) -> bool:
    """Whether a spreadsheet could run this text as a formula: it starts with a trigger, also after leading
    spaces (' =1+1') or as a fullwidth sign ('＝1+1', which Excel and LibreOffice accept as '=')."""
    if not isinstance(value, str) or not value:
        return False
    if value.startswith(FORMULA_TRIGGERS):
        return True
    first = value[0]
    if first.isascii() and not first.isspace():
        return False  # the common case: a name, a code, a number written as text
    head = unicodedata.normalize("NFKC", value.lstrip(" \u00a0\u3000\u2007\u202f\n\x0b\x0c")[:1])
    return head.startswith(FORMULA_TRIGGERS)


def local_naive(moment: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware datetime is written as the wall-clock time it carries."""
    return moment.replace(tzinfo=None)


def sheet_title(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of : \\ / ? * [ ]."""
    return INVALID_TITLE_RE.sub(" ", title).strip()[:31] or "Sheet"


def _write_sheet(workbook: Workbook, spec: SheetSpec) -> None:
    sheet = workbook.create_sheet(sheet_title(spec.title))
    if spec.hidden:
        sheet.sheet_state = "hidden"
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    for validation in spec.validations:
        sheet.data_validations.append(validation)
    if spec.row_count is not None:
        # openpyxl writes a write-only sheet's <dimension> only if it can ask for it; with it, read-only readers
        # (openpyxl's included) need not parse the whole sheet once more just to learn its size.
        last_row = spec.header_row + spec.row_count if not spec.plain else spec.row_count
        last_column = get_column_letter(max(len(spec.columns), max(map(len, spec.extra_header_rows), default=1)))
        sheet.calculate_dimension = lambda: f"A1:{last_column}{max(last_row, 1)}"
    if spec.plain:
        for row in spec.rows:
            sheet.append([safe_cell(sheet, value) for value in row])
        return
    styles = _Styles(sheet)
    sheet.freeze_panes = f"{get_column_letter(spec.frozen_columns + 1)}{spec.first_data_row}"
    _print_setup(sheet, spec)

    def styled(value, style: Style) -> WriteOnlyCell:
        if isinstance(value, datetime.datetime):
            value, style = local_naive(value), replace(style, number_format=DATETIME)
        return safe_cell(sheet, value, styles(replace(style, quote=needs_quote(value))))

    if spec.heading:
        sheet.append([styled(spec.heading, Style(bold=True, size=14))])
    for label, value in spec.info:
        sheet.append([styled(label, Style(bold=True)), styled(value, Style())])
    sheet.append([])
    header = Style(fill=HEADER_FILL, bold=True, wrap=True, border=True)
    for row in spec.extra_header_rows:
        sheet.append([styled(value, header) for value in row])
    sheet.append([styled(column.title, header) for column in spec.columns])
    first_extra_row = spec.header_row - len(spec.extra_header_rows)
    for row_index, first, last in spec.merges:
        if last > first:
            row_number = first_extra_row + row_index
            sheet.merged_cells.add(f"{get_column_letter(first)}{row_number}:{get_column_letter(last)}{row_number}")
    _write_rows(sheet, spec, styles)


# The narrowest column (in characters) that shows a value of each format without "###" in Excel.
MIN_WIDTHS = {DATE: 11, DATETIME: 17, DECIMAL: 13, INTEGER: 8, PERCENT: 8, SHARE: 7}


def column_width(column: Column) -> float:
    """`column.width`, widened where its number format needs more room (a date needs 11 characters)."""
    return max(column.width, MIN_WIDTHS.get(column.number_format, 0))


def _print_setup(sheet, spec: SheetSpec) -> None:
    """Every workbook prints: A4 landscape, fit to the page width (as many pages down as the rows need), the title
    rows repeated on each page, narrow margins, and a footer with the page number and the export date."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = False
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.2, footer=0.3)
    first_title_row = spec.header_row - len(spec.extra_header_rows)
    sheet.print_title_rows = f"{first_title_row}:{spec.header_row}"
    exported = timezone.localdate().strftime("%d/%m/%Y")
    page = gettext("Page %(page)s of %(pages)s").replace("&", "&&") % {"page": "&P", "pages": "&N"}  # && is a literal &
    sheet.oddFooter.left.text = sheet_title(spec.title).replace("&", "&&")
    sheet.oddFooter.center.text = page
    sheet.oddFooter.right.text = (gettext("Exported on %(date)s") % {"date": exported}).replace("&", "&&")


def _write_rows(sheet, spec: SheetSpec, styles: _Styles) -> None:
    """The hot loop: one StyleArray per (column, status, quote), shared by every cell that needs it."""
    formats = [column.number_format for column in spec.columns]
    arrays: dict[tuple[int, str | None, bool], object] = {}
    no_status = ()
    for row in spec.rows:
        values, statuses = row if type(row) is StatusRow else (row, no_status)
        cells = []
        for index, value in enumerate(values):
            status = statuses[index] if index < len(statuses) else None
            quote = type(value) is str and needs_quote(value)
            array = arrays.get((index, status, quote))
            if array is None:
                number_format = formats[index] if index < len(formats) else GENERAL
                fill = FILLS[status] if status else None
                array = arrays[(index, status, quote)] = styles(Style(number_format, fill, quote=quote))
            cells.append(safe_cell(sheet, value, array))
        sheet.append(cells)


def workbook_bytes(sheets: Iterable[SheetSpec]) -> bytes:
    """Write the sheets, in order, to an .xlsx file held in memory."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        _write_sheet(workbook, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
