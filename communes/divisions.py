"""Import the GSO list of administrative divisions into provinces, districts and communes.

The list may be .csv, .xlsx or the GSO site's own legacy .xls; all are read through `ntm.lib.sheets`.

Parse, validate every row and collect every error; write nothing unless the whole file is valid.
The write is one transaction and set-based: one query per model loads the current units, the
differences are computed in Python, then `bulk_create` / `bulk_update` in batches. Importing the
same file twice changes nothing; a renamed unit is updated in place. The upload view and the
`import_divisions` command call `divisions_import`.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from ntm.lib import sheets
from ntm.lib.text import normalize
from provinces.models import Province

from .models import Commune, District

PROVINCE_NAME = "Tỉnh / Thành Phố"
PROVINCE_CODE = "Mã TP"
DISTRICT_NAME = "Quận Huyện"
DISTRICT_CODE = "Mã QH"
COMMUNE_NAME = "Phường Xã"
COMMUNE_CODE = "Mã PX"
LEVEL = "Cấp"
COLUMNS = (PROVINCE_NAME, PROVINCE_CODE, DISTRICT_NAME, DISTRICT_CODE, COMMUNE_NAME, COMMUNE_CODE, LEVEL)

COMMUNE_KINDS = {
    "xã": Commune.Kind.COMMUNE,
    "phường": Commune.Kind.WARD,
    "thị trấn": Commune.Kind.TOWNSHIP,
    "đặc khu": Commune.Kind.SPECIAL_ZONE,
}
DISTRICT_PREFIXES = (
    ("thành phố ", District.Kind.CITY),
    ("thị xã ", District.Kind.TOWN),
    ("quận ", District.Kind.URBAN_DISTRICT),
)

MAX_ERRORS = 200
BATCH_SIZE = 1000
PROGRESS_EVERY = 500
HEADER_SEARCH_ROWS = 10
# A national list has about 10,600 communes in 7 to 12 columns; columns past 40 are not read.
READ_BUDGET = sheets.Budget(max_row=30_000, max_col=40, max_cells=600_000)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RowError:
    """One problem in the file; row 0 and an empty column mean the whole file."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return self.message


class DivisionsImportError(Exception):
    def __init__(self, errors: list[RowError], *, omitted: int = 0) -> None:
        self.errors = list(errors)
        self.omitted = omitted
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """Every message, ending with '... and N more errors.' when the list was capped."""
        lines = [str(error) for error in self.errors]
        if self.omitted:
            more = ngettext("... and %(count)s more error.", "... and %(count)s more errors.", self.omitted)
            lines.append(more % {"count": self.omitted})
        return lines


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class DivisionsReport:
    rows: int = 0
    provinces: LevelCounts = field(default_factory=LevelCounts)
    districts: LevelCounts = field(default_factory=LevelCounts)
    communes: LevelCounts = field(default_factory=LevelCounts)
    closed: int = 0  # districts and communes ended by an import with a valid-from date

    @property
    def changed(self) -> int:
        levels = (self.provinces, self.districts, self.communes)
        return sum(level.created + level.updated for level in levels) + self.closed

    def __str__(self) -> str:
        text = _("Provinces: %(provinces)s. Districts: %(districts)s. Communes: %(communes)s.") % {
            "provinces": self.provinces,
            "districts": self.districts,
            "communes": self.communes,
        }
        if self.closed:
            text += " " + _("Units closed before the new list: %(count)s.") % {"count": self.closed}
        return text


@dataclass(frozen=True, slots=True)
class _Row:
    number: int
    province_code: str
    province_name: str
    district_code: str
    district_name: str
    commune_code: str
    commune_name: str
    kind: str


class _Errors:
    """Collects errors up to MAX_ERRORS and counts the rest."""

    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.omitted = 0

    def add(self, row: int, column: str, message: str, **values) -> None:
        if len(self.items) >= MAX_ERRORS:
            self.omitted += 1
            return
        self.items.append(RowError(row, column, message % {"row": row, "column": column, **values}))

    def raise_if_any(self) -> None:
        if self.items:
            raise DivisionsImportError(self.items, omitted=self.omitted)


class _Progress:
    """Reports in row units: validation takes the first half of `total`, the write the second."""

    def __init__(self, callback: Progress | None, total: int) -> None:
        self.callback = callback
        self.total = total

    def __call__(self, done: int) -> None:
        if self.callback is not None:
            self.callback(min(done, self.total), self.total)


def divisions_import(
    *,
    path_or_file: str | Path | IO[bytes],
    province_code: str | None = None,
    valid_from: datetime.date | None = None,
    progress: Progress | None = None,
) -> DivisionsReport:
    """Import a GSO list; raise DivisionsImportError with every problem found, having written nothing.

    `province_code` limits the import to that province's rows. Units created by the import start on
    `valid_from` (the model default when None). With `valid_from`, the file is its provinces' whole list from
    that day (a reform such as 1/7/2025): their districts and communes opened before it are closed on it
    (`valid_until` = `valid_from`, their last day the day before) and every row opens a new unit, so a reused
    code never updates the old unit. A unit of a later period than the file's start is never rewritten.
    `progress(done, total)` is called every few hundred
    rows; `total` is the number of data rows in the file.
    """
    errors = _Errors()
    if province_code is not None:
        province_code = province_code.strip()
        if not (province_code.isdigit() and len(province_code) <= 2):
            errors.add(0, "", _('Province code "%(value)s" is not valid (2 digits expected).'), value=province_code)
            errors.raise_if_any()
        province_code = province_code.zfill(2)
    name, table = _read_table(path_or_file)
    tracker = _Progress(progress, max(len(table) - 1 - _header_index(table), 0))
    rows = _validate(table, name=name, province_code=province_code, errors=errors, progress=tracker)
    errors.raise_if_any()
    report = DivisionsReport(rows=len(rows))
    _write(rows, report=report, valid_from=valid_from, errors=errors, progress=tracker)
    return report


# Reading ----------------------------------------------------------------------------------------------


def _read_table(path_or_file: str | Path | IO[bytes]) -> tuple[str, list[tuple[int, list[str]]]]:
    """The file's name and its non-blank rows as (spreadsheet row number, stripped cell texts).

    Read through `ntm.lib.sheets`: never past READ_BUDGET, whatever size the file declares.
    """
    if isinstance(path_or_file, str | Path):
        name = Path(path_or_file).name
        try:
            data = Path(path_or_file).read_bytes()
        except OSError:
            raise _file_error(_('The file "%(name)s" cannot be opened.'), name) from None
    else:
        name = Path(getattr(path_or_file, "name", "") or "").name
        data = path_or_file.read()
    suffix = Path(name).suffix.lower()
    if not suffix:
        suffix = ".xlsx" if data.startswith(b"PK") else ".csv"
    try:
        if suffix == ".csv":
            rows = enumerate(sheets.csv_rows(data, name=name, budget=READ_BUDGET), start=1)
            return name, _nonblank((number, [cell.strip() for cell in row]) for number, row in rows)
        if suffix == ".xlsx":
            return name, _nonblank(_xlsx_rows(data, name))
        if suffix == ".xls":
            rows = sheets.xls_rows(data, name=name, budget=READ_BUDGET)
            return name, _nonblank((number, [sheets.cell_text(value) for value in values]) for number, values in rows)
    except sheets.SheetError as error:
        raise DivisionsImportError([RowError(0, "", error.message)]) from None
    raise _file_error(_('The file "%(name)s" is not a .csv, .xlsx or .xls file.'), name)


def _file_error(message: str, name: str, **values) -> DivisionsImportError:
    return DivisionsImportError([RowError(0, "", message % {"name": name, **values})])


def _xlsx_rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    workbook = sheets.open_workbook(data, name=name)
    try:
        return [
            (number, [sheets.cell_text(value) for value in values])
            for number, values in sheets.sheet_rows(workbook, name=name, budget=READ_BUDGET)
        ]
    finally:
        workbook.close()


def _nonblank(rows: Iterable[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    return [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]


# Validation --------------------------------------------------------------------------------------------


_header_key = sheets.header_key


def _clean(text: str) -> str:
    return normalize(text)


def _header_index(table: list[tuple[int, list[str]]]) -> int:
    """The header is the first row naming "Mã PX" among the first few (a title may sit above it)."""
    for index, (_number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        if any(_header_key(cell) == _header_key(COMMUNE_CODE) for cell in cells):
            return index
    return 0


def _validate(
    table: list[tuple[int, list[str]]],
    *,
    name: str,
    province_code: str | None,
    errors: _Errors,
    progress: _Progress,
) -> list[_Row]:
    if not table:
        errors.add(0, "", _('The file "%(name)s" has no rows to import.'), name=name)
        return []
    header_at = _header_index(table)
    header_row, header = table[header_at]
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        positions.setdefault(_header_key(title), index)
    columns: dict[str, int] = {}
    for column in COLUMNS:
        if _header_key(column) in positions:
            columns[column] = positions[_header_key(column)]
        else:
            errors.add(header_row, column, _('Row %(row)s: column "%(column)s" is missing from the header.'))
    if len(columns) < len(COLUMNS):
        return []

    body = table[header_at + 1 :]
    rows: list[_Row] = []
    provinces: dict[str, tuple[str, int]] = {}
    districts: dict[str, tuple[str, str, int]] = {}
    communes: dict[str, int] = {}
    for done, (number, cells) in enumerate(body, start=1):
        if done % PROGRESS_EVERY == 0:
            progress(done // 2)
        values = {column: cells[index].strip() if index < len(cells) else "" for column, index in columns.items()}
        if province_code is not None and values[PROVINCE_CODE].zfill(2) != province_code:
            continue
        row = _validate_row(number, values, errors)
        if row is None:
            continue
        _check_consistency(row, provinces, districts, communes, errors)
        rows.append(row)
    progress(len(body) // 2)
    if not rows and not errors.items:
        if province_code is not None:
            message = _('The file "%(name)s" has no rows for province %(code)s.')
        else:
            message = _('The file "%(name)s" has no rows to import.')
        errors.add(0, "", message, name=name, code=province_code)
    return rows


def _validate_row(number: int, values: dict[str, str], errors: _Errors) -> _Row | None:
    before = len(errors.items) + errors.omitted
    for column in (PROVINCE_NAME, PROVINCE_CODE, COMMUNE_NAME, COMMUNE_CODE, LEVEL):
        if not values[column]:
            errors.add(number, column, _('Row %(row)s, column "%(column)s": the cell is empty.'))
    # A district needs both its code and its name; the post-2025 lists leave both empty.
    if values[DISTRICT_CODE] and not values[DISTRICT_NAME]:
        errors.add(number, DISTRICT_NAME, _('Row %(row)s, column "%(column)s": the cell is empty.'))
    if values[DISTRICT_NAME] and not values[DISTRICT_CODE]:
        errors.add(number, DISTRICT_CODE, _('Row %(row)s, column "%(column)s": the cell is empty.'))
    province = _code(number, PROVINCE_CODE, values, 2, errors)
    district = _code(number, DISTRICT_CODE, values, 3, errors)
    commune = _code(number, COMMUNE_CODE, values, 5, errors)
    kind = COMMUNE_KINDS.get(_clean(values[LEVEL]).casefold(), "")
    if values[LEVEL] and not kind:
        errors.add(
            number,
            LEVEL,
            _(
                'Row %(row)s, column "%(column)s": level "%(value)s" is not known '
                "(expected Xã, Phường, Thị trấn or Đặc khu)."
            ),
            value=values[LEVEL],
        )
    if len(errors.items) + errors.omitted > before:
        return None
    return _Row(
        number=number,
        province_code=province,
        province_name=_clean(values[PROVINCE_NAME]),
        district_code=district,
        district_name=_clean(values[DISTRICT_NAME]),
        commune_code=commune,
        commune_name=_clean(values[COMMUNE_NAME]),
        kind=kind,
    )


_CODE_MESSAGES = {  # translated when used
    PROVINCE_CODE: gettext_noop(
        'Row %(row)s, column "%(column)s": province code "%(value)s" is not valid (2 digits expected).'
    ),
    DISTRICT_CODE: gettext_noop(
        'Row %(row)s, column "%(column)s": district code "%(value)s" is not valid (3 digits expected).'
    ),
    COMMUNE_CODE: gettext_noop(
        'Row %(row)s, column "%(column)s": commune code "%(value)s" is not valid (5 digits expected).'
    ),
}


def _code(number: int, column: str, values: dict[str, str], width: int, errors: _Errors) -> str:
    """The zero-padded code ('1' -> '01'), or '' (an error is recorded when the cell is not digits)."""
    value = values[column]
    code = sheets.code_text(value, width)
    if code is not None:
        return code
    errors.add(number, column, _(_CODE_MESSAGES[column]), value=value)
    return ""


def _check_consistency(
    row: _Row,
    provinces: dict[str, tuple[str, int]],
    districts: dict[str, tuple[str, str, int]],
    communes: dict[str, int],
    errors: _Errors,
) -> None:
    first = communes.setdefault(row.commune_code, row.number)
    if first != row.number:
        errors.add(
            row.number,
            COMMUNE_CODE,
            _('Row %(row)s, column "%(column)s": commune code "%(value)s" already appears on row %(first)s.'),
            value=row.commune_code,
            first=first,
        )
    province_name, first = provinces.setdefault(row.province_code, (row.province_name, row.number))
    if province_name != row.province_name:
        errors.add(
            row.number,
            PROVINCE_NAME,
            _(
                'Row %(row)s, column "%(column)s": province %(code)s is named "%(value)s" here '
                'but "%(first_value)s" on row %(first)s.'
            ),
            code=row.province_code,
            value=row.province_name,
            first_value=province_name,
            first=first,
        )
    if not row.district_code:
        return
    district_name, district_province, first = districts.setdefault(
        row.district_code, (row.district_name, row.province_code, row.number)
    )
    if district_name != row.district_name:
        errors.add(
            row.number,
            DISTRICT_NAME,
            _(
                'Row %(row)s, column "%(column)s": district %(code)s is named "%(value)s" here '
                'but "%(first_value)s" on row %(first)s.'
            ),
            code=row.district_code,
            value=row.district_name,
            first_value=district_name,
            first=first,
        )
    if district_province != row.province_code:
        errors.add(
            row.number,
            PROVINCE_CODE,
            _(
                'Row %(row)s, column "%(column)s": district %(code)s is in province %(value)s here '
                "but in province %(first_value)s on row %(first)s."
            ),
            code=row.district_code,
            value=row.province_code,
            first_value=district_province,
            first=first,
        )


# Writing -----------------------------------------------------------------------------------------------


def district_kind(name: str) -> str:
    """'Thành phố Hà Tĩnh' -> thanh_pho, 'Thị xã Kỳ Anh' -> thi_xa, 'Quận 1' -> quan, else huyen."""
    lowered = name.casefold()
    for prefix, kind in DISTRICT_PREFIXES:
        if lowered.startswith(prefix):
            return kind
    return District.Kind.DISTRICT


def _write(
    rows: list[_Row],
    *,
    report: DivisionsReport,
    valid_from: datetime.date | None,
    errors: _Errors,
    progress: _Progress,
) -> None:
    start = {"valid_from": valid_from} if valid_from else {}
    province_rows = {row.province_code: row for row in reversed(rows)}  # first row of each code wins
    district_rows = {row.district_code: row for row in reversed(rows) if row.district_code}
    commune_rows = {row.commune_code: row for row in rows}
    with transaction.atomic():
        current_provinces = {p.code: p for p in Province.objects.current().filter(code__in=province_rows)}
        if valid_from is not None:  # the file is its provinces' whole list from that day: close what came before
            for model in (District, Commune):
                _close_before(model, list(current_provinces.values()), valid_from, report)
        current_districts = {d.code: d for d in District.objects.current().filter(code__in=district_rows)}
        current_communes = {c.code: c for c in Commune.objects.current().filter(code__in=commune_rows)}
        _check_later_units(District, district_rows, current_districts, DISTRICT_CODE, valid_from, errors)
        _check_later_units(Commune, commune_rows, current_communes, COMMUNE_CODE, valid_from, errors)
        _check_reused_codes(Province, province_rows, current_provinces, PROVINCE_CODE, valid_from, errors)
        _check_reused_codes(District, district_rows, current_districts, DISTRICT_CODE, valid_from, errors)
        _check_reused_codes(Commune, commune_rows, current_communes, COMMUNE_CODE, valid_from, errors)
        errors.raise_if_any()

        provinces = _sync(
            Province,
            current_provinces,
            {code: {"name": row.province_name} for code, row in province_rows.items()},
            start,
            report.provinces,
        )
        districts = _sync(
            District,
            current_districts,
            {
                code: {
                    "name": row.district_name,
                    "kind": district_kind(row.district_name),
                    "province_id": provinces[row.province_code].pk,
                }
                for code, row in district_rows.items()
            },
            start,
            report.districts,
        )
        _sync(
            Commune,
            current_communes,
            {
                row.commune_code: {
                    "name": row.commune_name,
                    "kind": row.kind,
                    "province_id": provinces[row.province_code].pk,
                    "district_id": districts[row.district_code].pk if row.district_code else None,
                }
                for row in rows
            },
            start,
            report.communes,
            on_create=lambda commune: setattr(commune, "in_programme", Commune.default_in_programme(commune.kind)),
            progress=progress,
        )


def _close_before(model, provinces: list, valid_from: datetime.date, report: DivisionsReport) -> None:
    """End on `valid_from` (their last day: the day before) the provinces' open units that started before it."""
    if not provinces:
        return
    open_units = list(model.objects.current().filter(province__in=provinces, valid_from__lt=valid_from))
    for unit in open_units:
        unit.valid_until = valid_from
    model.objects.bulk_update(open_units, ["valid_until"], batch_size=BATCH_SIZE)
    if history := getattr(model, "history", None):
        history.bulk_history_create(open_units, update=True, batch_size=BATCH_SIZE)
    report.closed += len(open_units)


def _check_later_units(model, rows_by_code: dict[str, _Row], current: dict, column: str, valid_from, errors) -> None:
    """A file never rewrites a unit of a later period: its units start on `valid_from` (or the first default)."""
    start_field = model._meta.get_field("valid_from")
    start = valid_from or start_field.to_python(start_field.default)
    for code, unit in sorted(current.items(), key=lambda item: rows_by_code[item[0]].number):
        if unit.valid_from > start:
            errors.add(
                rows_by_code[code].number,
                column,
                _(
                    'Row %(row)s, column "%(column)s": code %(value)s is used by "%(name)s" since %(since)s, '
                    "after this file's start (%(start)s); import it with its own valid-from date."
                ),
                value=code,
                name=unit.name,
                since=unit.valid_from.isoformat(),
                start=start.isoformat(),
            )


def _check_reused_codes(model, rows_by_code: dict[str, _Row], current: dict, column: str, valid_from, errors) -> None:
    """A new unit may not start before an earlier unit with the same code ended."""
    new_codes = [code for code in rows_by_code if code not in current]
    if not new_codes:
        return
    start_field = model._meta.get_field("valid_from")
    start = valid_from or start_field.to_python(start_field.default)
    clashes = model.objects.filter(code__in=new_codes, valid_until__gt=start).order_by("code", "valid_until")
    for unit in clashes:
        errors.add(
            rows_by_code[unit.code].number,
            column,
            _(
                'Row %(row)s, column "%(column)s": code %(value)s was used by "%(name)s" until %(until)s; '
                "import with a valid-from date on or after that day."
            ),
            value=unit.code,
            name=unit.name,
            until=unit.valid_until.isoformat(),
        )


def _sync(
    model,
    current: dict,
    wanted: dict[str, dict],
    start: dict,
    counts: LevelCounts,
    *,
    on_create: Callable | None = None,
    progress: _Progress | None = None,
) -> dict:
    """Create or update `model` rows so each code in `wanted` has those values. Returns units by code."""
    named = hasattr(model, "refresh_name_columns")
    to_create, to_update, changed_fields = [], [], set()
    units = {}
    for done, (code, values) in enumerate(wanted.items(), start=1):
        unit = current.get(code)
        if unit is None:
            unit = model(code=code, **values, **start)
            if on_create:
                on_create(unit)
            if named:
                unit.refresh_name_columns()
            to_create.append(unit)
        else:
            dirty = [name for name, value in values.items() if getattr(unit, name) != value]
            if dirty:
                for name in dirty:
                    setattr(unit, name, values[name])
                changed_fields.update(dirty)
                if named and "name" in dirty:
                    unit.refresh_name_columns()
                    changed_fields.update(("search_name", "sort_name"))
                to_update.append(unit)
        units[code] = unit
        if progress and done % PROGRESS_EVERY == 0:
            half = progress.total // 2
            progress(half + done * (progress.total - half) // len(wanted))
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        fields = [name.removesuffix("_id") for name in sorted(changed_fields)]
        model.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
    if history := getattr(model, "history", None):  # communes keep every change, bulk ones included
        history.bulk_history_create(to_create, batch_size=BATCH_SIZE)
        history.bulk_history_create(to_update, update=True, batch_size=BATCH_SIZE)
    counts.created += len(to_create)
    counts.updated += len(to_update)
    counts.unchanged += len(wanted) - len(to_create) - len(to_update)
    if progress:
        progress(progress.total)
    return units
