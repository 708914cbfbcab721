"""Import a filled template (or an edited matrix): parse and validate it whole, preview, then apply.

`import_plan` runs the upload guard, opens the workbook with openpyxl (read-only, saved values),
reads the hidden "_codes" sheet, then every row of the data sheet. It collects every error with its
sheet, row, column and header, and the list of changes (commune, indicator, old value, new value)
against the database; it writes nothing. `import_apply` writes a plan without errors in one
transaction through `communes.services.assessments_import`. The upload view and the
`import_assessments` command both call these two functions.
"""

import datetime
import hashlib
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property, lru_cache
from typing import NoReturn

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils import get_column_letter

from accounts import policy
from communes.locking import StaleVersion, YearLocked
from communes.models import VALUE_COLUMNS, Assessment, Commune, CommuneYear, District, value_column
from communes.services import ImportCounts, assessments_import
from criteria import rules
from criteria.models import CriteriaSet, Indicator
from criteria.selectors import criteria_set_for_year, indicators_of
from ntm.lib import sheets
from ntm.lib.numbers import NumberError, parse_decimal, shown
from ntm.lib.text import fold
from provinces.selectors import default_province

from .layout import BATCH, CODES_SHEET, COMMUNE_COLUMN, FIRST_INDICATOR_COLUMN, FORMAT, KEY_ROWS, no_text, yes_text
from .upload_guard import UploadRefused, upload_check

logger = logging.getLogger(__name__)

MAX_ERRORS = 200
SPARE_ROWS = 1000  # notes or totals below the table
SPARE_COLUMNS = 50
CODES_BUDGET = sheets.Budget(max_row=50_000, max_col=20, max_cells=1_000_000)
PROGRESS_EVERY = 500
LARGEST_AMOUNT = Decimal(10) ** 11
PLACES = {rules.PERCENTAGE: Decimal("0.01"), rules.NUMBER: Decimal("0.001"), rules.MONEY: Decimal("0.001")}
# Folded; the template's own words (yes_text, no_text) in both languages among them.
YES = {"co", "dat", "x", "1", "yes", "y", "true"}
NO = {"khong", "khong dat", "chua dat", "0", "no", "n", "false"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CellError:
    """One problem in the file; row 0 and an empty column mean the whole file (or sheet)."""

    sheet: str
    row: int
    column: str
    header: str
    message: str

    def __str__(self) -> str:
        place = [_("sheet %(sheet)s") % {"sheet": self.sheet}] if self.sheet else []
        if self.row:
            place.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            column = f"{self.column} ({self.header})" if self.header else self.column
            place.append(_("column %(column)s") % {"column": column})
        return f"{', '.join(place)}: {self.message}" if place else self.message


@dataclass(frozen=True, slots=True)
class Change:
    commune_id: int
    commune_code: str
    commune_name: str
    indicator_id: int
    indicator_code: str
    kind: str
    old: object
    new: object

    @property
    def key(self) -> str:
        """'commune id:indicator id', the value of the conflict's checkbox."""
        return f"{self.commune_id}:{self.indicator_id}"

    @property
    def old_display(self):
        return _shown(self.kind, self.old)

    @property
    def new_display(self):
        return _shown(self.kind, self.new)


@dataclass(frozen=True, slots=True)
class Conflict:
    """A cell changed in the product after the file was exported: importing the file would undo that work.

    `change.old` is the current value (changed by `changed_by` at `changed_at`), `change.new` the file's.
    """

    change: Change
    changed_by: str
    changed_at: datetime.datetime


OVERWRITE_ALL = "all"


def _shown(kind: str, value):
    if value is None:
        return "—"
    if kind == rules.BOOLEAN:
        return yes_text() if value else no_text()
    return value


class CellErrors:
    """What every import plan does with its errors (`errors: list[CellError]`, `omitted_errors: int` fields of the
    dataclass): keep the first MAX_ERRORS, count the rest; the plan is ok when there are none."""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.omitted_errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.omitted_errors

    def add_error(self, sheet: str, row: int, column: int | str, header: str, message: str) -> None:
        """Record a problem at (sheet, row, column number or letter, header); row 0 and no column: the file."""
        if len(self.errors) >= MAX_ERRORS:
            self.omitted_errors += 1
            return
        letter = get_column_letter(column) if isinstance(column, int) and column else column or ""
        self.errors.append(CellError(sheet, row, letter, header, message))


class PlanStopped(Exception):
    """A workbook cannot be read further; the plan's errors say why (`plan_stop`)."""


def plan_stop(plan: CellErrors, sheet: str, message: str) -> NoReturn:
    """Record a problem of the whole file (or sheet) and stop reading it."""
    plan.add_error(sheet, 0, "", "", message)
    raise PlanStopped


def workbook_read(plan: CellErrors, data: bytes, name: str, read: Callable[[object], None]) -> None:
    """Check the upload, open the workbook and `read(workbook)` into `plan`, then close it. A refused upload, a
    damaged or oversized workbook and a `plan_stop` end as the plan's errors: nothing is raised."""
    try:
        upload_check(data, name=name)
        try:
            workbook = sheets.open_workbook(data, name=name)
        except sheets.SheetError as error:
            plan_stop(plan, "", error.message)
        try:
            read(workbook)
        except sheets.SheetError as error:  # too large, or damaged in a way the guard cannot see
            plan_stop(plan, "", error.message)
        finally:
            workbook.close()
    except UploadRefused as refused:
        plan.add_error("", 0, "", "", refused.message)
    except PlanStopped:
        pass


@dataclass
class ImportPlan(CellErrors):
    """What an import would change, and every reason it cannot."""

    name: str
    year: int
    criteria_set: CriteriaSet | None = None
    district: District | None = None
    rows: int = 0
    cells: int = 0
    changes: list[Change] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    omitted_errors: int = 0
    expected_versions: dict[int, int] | None = None
    row_of: dict[int, tuple[str, int]] = field(default_factory=dict)  # commune id -> (sheet, row) it was read from
    versions_read: dict[int, int] = field(default_factory=dict)  # commune id -> year version, read before the values
    exported_at: datetime.datetime | None = None  # when the file was exported (templates since v1.3 say so)
    conflicts: list[Conflict] = field(default_factory=list)  # left out of `changes` unless chosen to overwrite

    @property
    def counts(self) -> ImportCounts:
        created = sum(1 for c in self.changes if c.old is None)
        cleared = sum(1 for c in self.changes if c.new is None)
        return ImportCounts(created=created, updated=len(self.changes) - created - cleared, cleared=cleared)

    @property
    def has_changes(self) -> bool:
        """Something to confirm: changes, or conflicts the user may choose to overwrite."""
        return bool(self.changes or self.conflicts)

    def values(self) -> dict[int, dict[int, object]]:
        """Commune id -> indicator id -> new value, for `assessments_import`."""
        values: dict[int, dict[int, object]] = {}
        for change in self.changes:
            values.setdefault(change.commune_id, {})[change.indicator_id] = change.new
        return values

    def digest(self) -> str:
        """A fingerprint of the changes and conflicts: the confirmation applies only the plan that was previewed
        (whichever conflicts the user then chooses to overwrite)."""
        every = {c.key: c for c in [*self.changes, *(conflict.change for conflict in self.conflicts)]}
        every = [every[key] for key in sorted(every)]
        text = "\n".join(f"{c.commune_id}:{c.indicator_id}:{c.old}:{c.new}" for c in every)
        return hashlib.sha256(f"{self.year}|{text}".encode()).hexdigest()

    def error_lines(self) -> list[str]:
        lines = [str(error) for error in self.errors]
        if self.omitted_errors:
            more = ngettext("... and %(count)s more error.", "... and %(count)s more errors.", self.omitted_errors)
            lines.append(more % {"count": self.omitted_errors})
        return lines


class ImportRefused(Exception):
    """The plan has errors: nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__("\n".join(plan.error_lines()))


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


class _Stop(Exception):
    """The file cannot be read further; the errors so far say why."""


class _Errors:
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan

    def add(self, sheet: str, row: int, column: int | str, header: str, message: str) -> None:
        self.plan.add_error(sheet, row, column, header, message)

    def stop(self, sheet: str, message: str) -> _Stop:
        self.add(sheet, 0, "", "", message)
        return _Stop()


# Entry points -------------------------------------------------------------------------------------------


def import_plan(
    *,
    data: bytes,
    name: str,
    year: int,
    user=None,
    district: District | None = None,
    progress: Progress | None = None,
    overwrite: Collection[str] = (),
) -> ImportPlan:
    """Read and check the whole file against the database; write nothing.

    `user` (None from the command line: no restriction) may change only the communes the policy lets
    them edit; `district` (or the district the template was made for) limits the rows to its communes.
    `progress(done, total)` is called every few hundred rows.

    A value changed in the product after the file was exported is a conflict (`plan.conflicts`), kept out of the
    changes unless `overwrite` holds its key ('commune id:indicator id') or OVERWRITE_ALL: an old file never
    silently undoes newer work (the web form's stale-save rule).
    """
    plan = ImportPlan(name=name, year=year, district=district)
    errors = _Errors(plan)
    try:
        upload_check(data, name=name)
        province = district.province if district else default_province()
        plan.criteria_set = criteria_set_for_year(year, province)
        if plan.criteria_set is None:
            raise errors.stop("", _("No criteria set applies to %(year)s.") % {"year": year})
        _read(plan, errors, data, user=user, province=province, progress=progress)
        _check_years(plan, errors)
        _set_conflicts_apart(plan, overwrite)
    except UploadRefused as refused:
        errors.add("", 0, "", "", refused.message)
    except _Stop:
        pass
    if not plan.ok:
        plan.changes = []
    return plan


def _set_conflicts_apart(plan: ImportPlan, overwrite: Collection[str]) -> None:
    """Move the changes of cells written in the product after the export into `plan.conflicts`, unless chosen."""
    if plan.exported_at is None or not plan.changes:
        return
    by_key = {change.key: change for change in plan.changes}
    newer = (
        Assessment.objects.filter(
            year=plan.year,
            commune_id__in={change.commune_id for change in plan.changes},
            indicator_id__in={change.indicator_id for change in plan.changes},
            entered_at__gt=plan.exported_at,
        )
        .select_related("entered_by")
        .order_by("commune_id", "indicator_id")
    )
    chosen = set(overwrite)
    conflicting = set()
    for row in newer:
        change = by_key.get(f"{row.commune_id}:{row.indicator_id}")
        if change is None:
            continue
        who = (row.entered_by.get_full_name() or row.entered_by.get_username()) if row.entered_by else "—"
        plan.conflicts.append(Conflict(change, who, row.entered_at))
        if OVERWRITE_ALL not in chosen and change.key not in chosen:
            conflicting.add(change.key)
    if conflicting:
        plan.changes = [change for change in plan.changes if change.key not in conflicting]


def _check_years(plan: ImportPlan, errors: "_Errors") -> None:
    """Locked years (submitted, verified, appraised, recognised) refuse the file; the versions the confirmation
    expects are those read before the stored values (`_changes`)."""
    communes = {change.commune_id: change for change in plan.changes}
    years = CommuneYear.objects.filter(year=plan.year, commune_id__in=list(communes))
    plan.expected_versions = {commune_id: plan.versions_read.get(commune_id, 0) for commune_id in communes}
    for commune_id, state in years.values_list("commune_id", "state"):
        if state in CommuneYear.LOCKED_STATES:
            message = _(
                'Commune %(code)s (%(name)s): the year %(year)s is "%(state)s" and locked; '
                "office staff must reopen it before values change."
            ) % {
                "code": communes[commune_id].commune_code,
                "name": communes[commune_id].commune_name,
                "year": plan.year,
                "state": CommuneYear.State(state).label,
            }
            sheet, row = plan.row_of.get(commune_id, ("", 0))
            errors.add(sheet, row, COMMUNE_COLUMN if row else "", _("Commune code") if row else "", message)


class ImportConflict(Exception):
    """The database moved between preview and confirmation: a year was locked or changed meanwhile."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def import_apply(plan: ImportPlan, *, user) -> ImportCounts:
    """Write every change of a plan without errors, in one transaction.

    ImportRefused when the plan has errors; ImportConflict when a year was locked or changed since
    the plan was read (nothing is written then).
    """
    if not plan.ok or plan.criteria_set is None:
        raise ImportRefused(plan)
    try:
        return assessments_import(
            year=plan.year,
            criteria_set=plan.criteria_set,
            values=plan.values(),
            user=user,
            expected_versions=plan.expected_versions,
        )
    except YearLocked as locked:
        codes = ", ".join(row.commune.code for row in locked.commune_years)
        raise ImportConflict(_("These communes' years were locked meanwhile: %(codes)s.") % {"codes": codes}) from None
    except StaleVersion as stale:
        codes = ", ".join(conflict.commune_year.commune.code for conflict in stale.conflicts)
        raise ImportConflict(
            _("Someone changed these communes' values meanwhile: %(codes)s. Check the preview again.")
            % {"codes": codes}
        ) from None


# Reading --------------------------------------------------------------------------------------------------


@dataclass
class _Codes:
    """What the hidden sheet says about the data sheet."""

    sheet: str
    year: int
    district: str
    code_row: int
    first_data_row: int
    workbook: object = None
    name: str = ""

    @cached_property
    def communes(self) -> dict[str, int]:
        """Commune code -> id as written in the file; read (10,000 rows for a province) only when a code is
        ambiguous, i.e. reused by two communes that both existed during the year."""
        communes = {}
        rows = sheets.sheet_rows(self.workbook, CODES_SHEET, name=self.name, min_row=2, budget=CODES_BUDGET)
        for _number, row in rows:
            code, pk = (row[3:5] + [None, None])[:2]
            if code and isinstance(pk, int | float):
                communes[_commune_code(code)] = int(pk)
        return communes


@dataclass(frozen=True, slots=True)
class _IndicatorColumn:
    index: int  # 0-based position in the row
    indicator: Indicator
    parse: Callable


def _read(plan: ImportPlan, errors: _Errors, data: bytes, *, user, province, progress) -> None:
    try:
        workbook = sheets.open_workbook(data, name=plan.name)
    except sheets.SheetError as error:  # damaged in a way the guard's zip checks cannot see
        raise errors.stop("", error.message) from None
    try:
        codes = _read_codes(workbook, plan, errors)
        scope = plan.district or _district_of(codes, province, plan.year)
        communes = _communes_of_year(province, plan.year)
        _read_rows(workbook, plan, errors, codes=codes, communes=communes, scope=scope, user=user, progress=progress)
    except sheets.SheetError as error:  # too large, or openpyxl failing on a damaged part
        logger.warning("workbook %s could not be read: %s", plan.name, error.message)
        raise errors.stop("", error.message) from None
    finally:
        workbook.close()


def no_codes_sheet() -> str:
    """The message for a workbook without the "_codes" sheet every template of the product carries."""
    return _(
        'The workbook has no "%(sheet)s" sheet: it was not made by NTM Tracker. Download the template and fill it in.'
    ) % {"sheet": CODES_SHEET}


def _read_codes(workbook, plan: ImportPlan, errors: _Errors) -> _Codes:
    if CODES_SHEET not in workbook.sheetnames:
        raise errors.stop(
            CODES_SHEET,
            no_codes_sheet(),
        )
    keys = sheets.key_values(workbook, CODES_SHEET, name=plan.name, last_row=KEY_ROWS + 1, budget=CODES_BUDGET)
    try:
        if keys.get("format") != FORMAT:
            raise ValueError
        codes = _Codes(
            sheet=str(keys["sheet"]),
            year=int(keys["year"]),
            district=_text(keys.get("district")),
            code_row=int(keys["code_row"]),
            first_data_row=int(keys["first_data_row"]),
            workbook=workbook,
            name=plan.name,
        )
        plan.exported_at = _moment(keys.get("exported_at"))
    except (KeyError, TypeError, ValueError):
        raise errors.stop(
            CODES_SHEET,
            _('The "%(sheet)s" sheet has been changed; download the template again.') % {"sheet": CODES_SHEET},
        ) from None
    if codes.year != plan.year:
        raise errors.stop(
            CODES_SHEET,
            _("This workbook is for %(file_year)s, not for %(year)s.") % {"file_year": codes.year, "year": plan.year},
        )
    if codes.sheet not in workbook.sheetnames:
        raise errors.stop(codes.sheet, _('The sheet "%(sheet)s" is missing.') % {"sheet": codes.sheet})
    return codes


def _moment(raw) -> datetime.datetime | None:
    """The export time written in "_codes" (ISO 8601 with its offset); None for older templates or a damaged one."""
    try:
        moment = datetime.datetime.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo else None


def _district_of(codes: _Codes, province, year: int) -> District | None:
    """The workbook's district: its code among the districts of `year` (codes are reused across reforms)."""
    if not codes.district:
        return None
    return District.objects.in_year(year).filter(province=province, code=codes.district).first()


def _communes_of_year(province, year: int) -> dict[str, list[Commune]]:
    """The province's communes that existed during `year`, by code (a code may be reused after a reform)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    found: dict[str, list[Commune]] = {}
    communes = Commune.objects.filter(valid_from__lte=last).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=first)
    )
    if province is not None:
        communes = communes.filter(province=province)
    for commune in communes.select_related("district").order_by("-valid_from"):
        found.setdefault(commune.code, []).append(commune)
    return found


def _data_budget(plan: ImportPlan, codes: _Codes, communes: dict) -> sheets.Budget:
    """What the template can hold: a row per commune of the province and a column per indicator, with room to spare.

    The sheet's declared size is never used: a file declaring A1:XFD1048576 around one cell stops at
    that cell, in a few milliseconds.
    """
    indicators = len(indicators_of(plan.criteria_set))
    rows = codes.first_data_row + sum(len(found) for found in communes.values()) + SPARE_ROWS
    columns = FIRST_INDICATOR_COLUMN + 2 * indicators + SPARE_COLUMNS
    return sheets.Budget(max_row=rows, max_col=columns, max_cells=rows * columns)


def _read_rows(workbook, plan: ImportPlan, errors: _Errors, *, codes: _Codes, communes, scope, user, progress):
    title = codes.sheet
    columns: list[_IndicatorColumn] = []
    read: list[tuple[Commune, list[object]]] = []  # the values of each commune, in the order of `columns`
    first_row_of: dict[int, int] = {}
    total = len(communes) if scope is None else sum(1 for c in communes.values() if c[0].district_id == scope.pk)
    budget = _data_budget(plan, codes, communes)
    for number, row in sheets.sheet_rows(workbook, title, name=plan.name, budget=budget):
        if number == codes.code_row:
            columns = _indicator_columns(row, plan, errors, title, number)
            continue
        if number < codes.first_data_row or not any(value is not None and value != "" for value in row):
            continue
        plan.rows += 1
        if progress is not None and total > 0 and plan.rows % PROGRESS_EVERY == 0:
            progress(min(plan.rows, total), total)
        commune = _row_commune(row, number, codes, communes, scope, user, errors, title, first_row_of)
        values: list[object] = []
        for column in columns:
            raw = row[column.index] if column.index < len(row) else None
            value = None
            if raw is sheets.UNSAVED_FORMULA:
                errors.add(title, number, column.index + 1, column.indicator.code, _formula_message())
            elif raw is None or raw == "":
                pass
            else:
                plan.cells += 1
                try:
                    value = column.parse(raw)
                    if (problem := column.indicator.plausible_problem(value)) is not None:
                        raise _Invalid(problem)
                except _Invalid as invalid:
                    errors.add(title, number, column.index + 1, column.indicator.code, invalid.message)
            values.append(value)
        if commune is not None:
            read.append((commune, values))
    if progress is not None and total > 0:
        progress(total, total)
    if not columns and plan.ok:
        errors.add(title, codes.code_row, "", "", _("No indicator code was found on this row."))
    # Changes are worked out even when cells have errors, so that locked years are listed with them at once.
    plan.changes = _changes(plan, [column.indicator for column in columns], read)
    plan.row_of.update((commune_id, (title, row)) for commune_id, row in first_row_of.items())


def _formula_message() -> str:
    return _("The cell holds a formula without a saved value; open the file in Excel, save it and upload it again.")


def _indicator_columns(row, plan: ImportPlan, errors: _Errors, title: str, number: int) -> list[_IndicatorColumn]:
    by_code = {indicator.code: indicator for indicator in indicators_of(plan.criteria_set)}
    columns, first_column = [], {}
    for index in range(FIRST_INDICATOR_COLUMN - 1, len(row)):
        code = _text(row[index])
        if not code:
            continue
        indicator = by_code.get(code)
        if indicator is None:
            errors.add(
                title,
                number,
                index + 1,
                code,
                _('Indicator "%(code)s" is not in the criteria set in force in %(year)s (%(set)s).')
                % {"code": code, "year": plan.year, "set": plan.criteria_set.code},
            )
            continue
        if code in first_column:
            errors.add(
                title,
                number,
                index + 1,
                code,
                _('Indicator "%(code)s" already has column %(column)s.')
                % {"code": code, "column": get_column_letter(first_column[code])},
            )
            continue
        first_column[code] = index + 1
        columns.append(_IndicatorColumn(index, indicator, PARSERS[indicator.kind]))
    return columns


def _row_commune(row, number, codes: _Codes, communes, scope, user, errors: _Errors, title, first_row_of):
    """The row's commune when it may be imported; None (and an error) otherwise."""
    column = COMMUNE_COLUMN
    code = _commune_code(row[column - 1]) if len(row) >= column else ""
    header = _("Commune code")
    if not code:
        errors.add(title, number, column, header, _("The commune code is empty."))
        return None
    candidates = communes.get(code, [])
    if not candidates:
        errors.add(title, number, column, header, _('Commune code "%(code)s" is not known.') % {"code": code})
        return None
    commune = candidates[0]  # the one existing at the end of the year
    if len(candidates) > 1:  # the code was reused within the year: the file says which commune it meant
        commune = next((c for c in candidates if c.pk == codes.communes.get(code)), commune)
    values = {"code": code, "name": commune.name}
    if scope is not None and commune.district_id != scope.pk:
        other = commune.district.name if commune.district else _("no district")
        errors.add(
            title,
            number,
            column,
            header,
            _("Commune %(code)s (%(name)s) belongs to %(other)s, not to %(district)s.")
            % {**values, "other": other, "district": scope.name},
        )
        return None
    if user is not None and not policy.can_edit_commune(user, commune):
        errors.add(title, number, column, header, _("You may not change the values of %(code)s (%(name)s).") % values)
        return None
    first = first_row_of.setdefault(commune.pk, number)
    if first != number:
        errors.add(
            title,
            number,
            column,
            header,
            _("Commune %(code)s (%(name)s) already appears on row %(first)s.") % {**values, "first": first},
        )
        return None
    return commune


def _changes(plan: ImportPlan, indicators: list[Indicator], read: list[tuple[Commune, list[object]]]) -> list[Change]:
    """Each value read that differs from the stored one, in the file's order; the stored values read in one query.

    The commune-years' versions are read first (`plan.versions_read`), then the values: a save landing between the
    two reads leaves the plan with an older version than its values, and the confirmation is refused as stale
    (read the other way round, that save would be overwritten without a word).
    """
    position_of = {indicator.pk: position for position, indicator in enumerate(indicators)}
    column_of = [VALUE_COLUMNS.index(value_column(indicator.kind)) for indicator in indicators]
    stored: dict[int, list[object]] = {commune.pk: [None] * len(indicators) for commune, _values in read}
    versions = CommuneYear.objects.filter(year=plan.year)
    if len(stored) <= BATCH:
        versions = versions.filter(commune_id__in=list(stored))
    plan.versions_read = dict(versions.values_list("commune_id", "version"))
    rows = Assessment.objects.filter(year=plan.year, indicator_id__in=list(position_of))
    if len(stored) <= BATCH:  # a district's file: its communes' rows; a province's: the whole year, read faster
        rows = rows.filter(commune_id__in=list(stored))
    rows = rows.order_by().values_list("commune_id", "indicator_id", *VALUE_COLUMNS)
    for commune_id, indicator_id, *columns in rows.iterator(chunk_size=10_000):
        if (values := stored.get(commune_id)) is not None:
            position = position_of[indicator_id]
            values[position] = columns[column_of[position]]
    changes = []
    for commune, values in read:
        old_values = stored[commune.pk]
        if old_values == values:
            continue
        for indicator, old, new in zip(indicators, old_values, values, strict=True):
            if old != new:
                changes.append(
                    Change(
                        commune.pk, commune.code, commune.name, indicator.pk, indicator.code, indicator.kind, old, new
                    )
                )
    return changes


# Cell values --------------------------------------------------------------------------------------------


def _commune_code(value) -> str:
    """The commune code as the divisions import stores it: '379', 379 and '00379' are all '00379'."""
    return sheets.code_text(value, 5) or _text(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decimal(raw) -> Decimal:
    """A number cell, or a text cell holding a number written the Vietnamese way ("85,5", "1.234,5")."""
    kind = type(raw)  # the two common cases first: a province file holds hundreds of thousands of numbers
    if kind is float and raw - raw == 0:  # not NaN, not infinite
        return Decimal(repr(raw))
    if kind is int:
        return Decimal(raw)
    if isinstance(raw, bool) or isinstance(raw, datetime.date | datetime.time | datetime.timedelta):
        raise _Invalid(_('"%(value)s" is not a number.') % {"value": raw})
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise _Invalid(_('"%(value)s" is not a number.') % {"value": raw})
        return Decimal(repr(raw))
    text = str(raw).strip().removesuffix("%")
    try:  # the one parser of typed numbers: "1.500" is refused as ambiguous (1,5 or 1500?) with both readings
        return parse_decimal(text)
    except NumberError as error:
        raise _Invalid(str(error.message)) from None


def _bounded(value: Decimal, kind: str) -> Decimal:
    """Rounded to the places stored; _Invalid past LARGEST_AMOUNT (1e25 or 30 digits never reach `quantize`)."""
    if not value.is_finite() or abs(value) >= LARGEST_AMOUNT:
        raise _Invalid(_("%(value)s is too large.") % {"value": value})
    try:
        return value.quantize(PLACES[kind], rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise _Invalid(_("%(value)s is too large.") % {"value": value}) from None


def parse_percentage(raw) -> Decimal:
    value = _bounded(_decimal(raw), rules.PERCENTAGE)
    if not 0 <= value <= 100:
        raise _Invalid(_("A percentage is between 0 and 100, not %(value)s.") % {"value": shown(value)})
    return value


def parse_money(raw) -> Decimal:
    value = _bounded(_decimal(raw), rules.MONEY)
    if value < 0:
        raise _Invalid(_("An amount cannot be negative (%(value)s).") % {"value": shown(value)})
    return value


def parse_number(raw) -> Decimal:
    return _bounded(_decimal(raw), rules.NUMBER)


def parse_yes_no(raw) -> bool:
    """Có / Không, Đạt / Không đạt, x, 1 / 0, yes / no (any case, with or without accents); TRUE / FALSE cells."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    answer = _yes_no_of(str(raw))
    if answer is None:
        raise _Invalid(
            _('"%(value)s" is not a yes/no value; use %(yes)s or %(no)s.')
            % {"value": raw, "yes": yes_text(), "no": no_text()}
        )
    return answer


@lru_cache(maxsize=1024)
def _yes_no_of(text: str) -> bool | None:
    """True, False or None (not a yes/no word); a file repeats a handful of words thousands of times."""
    word = " ".join(fold(text).split())  # '  Không  Đạt ' -> 'khong dat'
    if word in YES:
        return True
    if word in NO:
        return False
    return None


PARSERS = {
    rules.BOOLEAN: parse_yes_no,
    rules.PERCENTAGE: parse_percentage,
    rules.NUMBER: parse_number,
    rules.MONEY: parse_money,
}

__all__ = ["CellError", "Change", "ImportPlan", "ImportRefused", "import_apply", "import_plan"]
