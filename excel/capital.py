"""The resources table (Biểu 07 province / Biểu 11 commune, OPERATIONS.md §1.2) in and out of Excel.

Rows are the sources of the year's list (parents are totals of their sub-sources); the columns are the year
plan, the result of the first 6 months and the plan for the rest of the year. `capital_template` writes a
scope's own report (province level, a district, or a commune; lines without an implementing unit), pre-filled,
with a hidden "_codes" sheet; `capital_plan` reads a filled one whole and lists every change and every error
(sheet, row, column) without writing; `capital_apply` writes a plan without errors in one transaction through
`capital.services.capital_lines_import`. `capital_table` exports the same layout for any scope, with the
year's result and the budget disbursed added on the right; every number is a value, never a formula.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from accounts import policy
from capital.models import CapitalLine, CapitalSource, Level, SourceSet
from capital.selectors import BIEU07_COLUMNS, BIEU07_EXTRA_COLUMNS, bieu07_rows, source_set_for_year, sources_of
from capital.services import CapitalChanged, CellChange, ImportCounts, capital_lines_import
from communes.models import Commune, District
from ntm.lib import sheets
from ntm.lib.filenames import words
from ntm.lib.numbers import NumberError, parse_decimal, shown
from provinces.selectors import default_province

from .importer import CellError, CellErrors, no_codes_sheet, plan_stop, workbook_read
from .writer import DECIMAL, TEXT, Column, SheetSpec, key_value_sheet, sheet_title, workbook_bytes

FORMAT = "ntm-capital/1"
CODES_SHEET = "_codes"
CODE_COLUMN, FIRST_VALUE_COLUMN = 1, 3  # A: source code, B: name, C.. the amounts
LARGEST = Decimal(10) ** 12
KEY_ROWS = 20  # the "_codes" sheet's keys sit in its first rows
SPARE_ROWS = 500
SPARE_COLUMNS = 30
CODES_BUDGET = sheets.Budget(max_row=10_000, max_col=20, max_cells=200_000)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Scope:
    """Whose report: the province level, a district, or a commune (with its district)."""

    level: str
    district: District | None = None
    commune: Commune | None = None

    @property
    def district_id(self) -> int | None:
        return self.district.pk if self.district else None

    @property
    def name(self) -> str:
        if self.commune is not None:
            return f"{self.commune.name}, {self.district.name}" if self.district else self.commune.name
        if self.district is not None:
            return self.district.name
        province = default_province()
        return province.name if province else str(Level.PROVINCE.label)

    def may_edit(self, user) -> bool:
        return policy.can_edit_places(user, [self.district_id])


def scope_of(level: str, district: District | None, commune: Commune | None) -> Scope:
    if level == Level.COMMUNE and commune is not None:
        return Scope(level=level, district=commune.district, commune=commune)
    if level == Level.DISTRICT:
        return Scope(level=level, district=district)
    return Scope(level=Level.PROVINCE)


def column_titles() -> list[str]:
    return [_("Year plan"), _("Result, first 6 months"), _("Plan, last 6 months")]


def extra_titles() -> list[str]:
    return [_("Result, whole year"), _("Budget disbursed, whole year")]


def _name(source: CapitalSource) -> str:
    return ("    " if source.parent_id else "") + source.name


def _info(year: int, source_set: SourceSet, scope_text: str, level_text: str) -> list[tuple[str, object]]:
    province = default_province()
    return [
        (_("Province"), province.name if province else ""),
        (_("Level"), level_text),
        (_("Unit"), scope_text),
        (_("Year"), year),
        (_("List of capital sources"), str(source_set)),
        (_("Exported on"), timezone.localtime()),
    ]


# Out ------------------------------------------------------------------------------------------------------


def capital_template(*, year: int, scope: Scope) -> bytes | None:
    """A scope's own resources table for `year`, pre-filled, to fill in and import; None without a list."""
    source_set, rows = bieu07_rows(
        year=year,
        level=scope.level,
        district_id=scope.district_id,
        commune_id=scope.commune.pk if scope.commune else None,
        own_report_only=True,
    )
    if source_set is None:
        return None
    info = [
        *_info(year, source_set, scope.name, str(Level(scope.level).label)),
        (
            _("How to fill in"),
            _(
                "Million VND (1.234,5). Enter amounts on the sub-rows; a total row must be empty or equal to the "
                "sum of its sub-rows. An empty cell clears the amount. Do not change the codes in column A."
            ),
        ),
    ]
    data = SheetSpec(
        title=_("Resources"),
        heading=_("Resources mobilised for the programme (million VND): %(place)s, %(year)s")
        % {"place": scope.name, "year": year},
        info=info,
        columns=_columns(column_titles()),
        rows=[[row.source.code, _name(row.source), *row.values] for row in rows],
        frozen_columns=2,
        row_count=len(rows),
    )
    validation = DataValidation(
        type="decimal", operator="between", formula1="0", formula2=str(LARGEST), allow_blank=True
    )
    validation.error, validation.errorTitle, validation.showErrorMessage = (
        _("Enter an amount of 0 or more."),
        _("Value not accepted"),
        True,
    )
    last_column = get_column_letter(FIRST_VALUE_COLUMN + len(BIEU07_COLUMNS) - 1)
    validation.add(f"C{data.first_data_row}:{last_column}{data.first_data_row + max(len(rows), 1) - 1}")
    data.validations = [validation]
    keys = [
        ("format", FORMAT),
        ("sheet", sheet_title(data.title)),
        ("year", year),
        ("source_set", source_set.code),
        ("level", scope.level),
        ("district", scope.district.code if scope.district else ""),
        ("commune", scope.commune.code if scope.commune else ""),
        ("first_data_row", data.first_data_row),
    ]
    codes = key_value_sheet(CODES_SHEET, keys)
    return workbook_bytes([data, codes])


def capital_table(*, year: int, scope: Scope | None = None) -> bytes | None:
    """The resources table of the whole province (or of a scope with its communes) for `year`; None without
    a list of sources. Values only: every total is a number computed here."""
    level = scope.level if scope else None
    source_set, rows = bieu07_rows(
        year=year,
        columns=BIEU07_COLUMNS + BIEU07_EXTRA_COLUMNS,
        level=level,
        district_id=scope.district_id if scope else None,
        commune_id=scope.commune.pk if scope and scope.commune else None,
    )
    if source_set is None:
        return None
    place = scope.name if scope else _("Whole province (every level)")
    data = SheetSpec(
        title=_("Resources"),
        heading=_("Resources mobilised for the programme (million VND): %(place)s, %(year)s")
        % {"place": place, "year": year},
        info=_info(year, source_set, place, str(Level(level).label) if level else _("every level")),
        columns=_columns(column_titles() + extra_titles()),
        rows=[[row.source.code, _name(row.source), *row.values] for row in rows],
        frozen_columns=2,
        row_count=len(rows),
    )
    return workbook_bytes([data])


def _columns(titles: list[str]) -> list[Column]:
    return [Column(_("Code"), 8, TEXT), Column(_("Source"), 48), *[Column(title, 16, DECIMAL) for title in titles]]


def capital_filename(*, year: int, scope: Scope | None, template: bool) -> str:
    place = "tinh"
    if scope and scope.commune:
        place = scope.commune.name
    elif scope and scope.district:
        place = scope.district.name
    elif scope:
        place = "cap tinh"
    return f"{words('mau nguon luc' if template else 'nguon luc', place, year)}.xlsx"


# In -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    change: CellChange
    source: CapitalSource
    column: str

    @property
    def old(self):
        return self.change.old

    @property
    def new(self):
        return self.change.new


@dataclass
class CapitalPlan(CellErrors):
    """What an import would change in a scope's report, and every reason it cannot."""

    name: str
    year: int
    scope: Scope | None = None
    source_set: SourceSet | None = None
    rows: int = 0
    cells: int = 0
    changes: list[ChangeRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    omitted_errors: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    @property
    def counts(self) -> ImportCounts:
        created = sum(1 for c in self.changes if c.old is None)
        cleared = sum(1 for c in self.changes if c.new is None)
        return ImportCounts(created=created, updated=len(self.changes) - created - cleared, cleared=cleared)

    def digest(self) -> str:
        """A fingerprint of scope and changes: the confirmation applies only the plan that was previewed."""
        scope = self.scope
        head = f"{self.year}|{scope.level if scope else ''}|{scope.district_id if scope else ''}|"
        head += f"{scope.commune.pk if scope and scope.commune else ''}"
        body = "\n".join(
            f"{c.change.source_id}:{c.change.kind}:{c.change.period}:{c.old}:{c.new}" for c in self.changes
        )
        return hashlib.sha256(f"{head}\n{body}".encode()).hexdigest()


def capital_plan(*, data: bytes, name: str, year: int, user) -> CapitalPlan:
    """Read and check the whole file against the database; write nothing.

    Refused: a file that fails the upload guard, a workbook without NTM Tracker's "_codes" sheet or made for
    another year, a scope the user may not change, unknown or repeated source codes, text that is not a number,
    negative amounts, formulas without a saved value, and total rows that differ from their sub-rows.
    """
    plan = CapitalPlan(name=name, year=year)

    def read(workbook) -> None:
        _read_rows(workbook, plan, _read_codes(workbook, plan), user)

    workbook_read(plan, data, name, read)
    if not plan.ok:
        plan.changes = []
    return plan


def _read_codes(workbook, plan: CapitalPlan) -> dict:
    if CODES_SHEET not in workbook.sheetnames:
        plan_stop(plan, CODES_SHEET, no_codes_sheet())
    keys = sheets.key_values(workbook, CODES_SHEET, name=plan.name, last_row=KEY_ROWS, budget=CODES_BUDGET)
    try:
        if keys.get("format") != FORMAT:
            raise ValueError
        keys["year"], keys["first_data_row"] = int(keys["year"]), int(keys["first_data_row"])
        keys["sheet"] = str(keys["sheet"])
    except (KeyError, TypeError, ValueError):
        plan_stop(
            plan,
            CODES_SHEET,
            _('The "%(sheet)s" sheet has been changed; download the template again.') % {"sheet": CODES_SHEET},
        )
    if keys["year"] != plan.year:
        plan_stop(
            plan,
            CODES_SHEET,
            _("This workbook is for %(file_year)s, not for %(year)s.") % {"file_year": keys["year"], "year": plan.year},
        )
    if keys["sheet"] not in workbook.sheetnames:
        plan_stop(plan, keys["sheet"], _('The sheet "%(sheet)s" is missing.') % {"sheet": keys["sheet"]})
    plan.source_set = source_set_for_year(plan.year)
    if plan.source_set is None or plan.source_set.code != keys.get("source_set"):
        plan_stop(
            plan,
            CODES_SHEET,
            _("The workbook was made for another list of capital sources; download the template of %(year)s again.")
            % {"year": plan.year},
        )
    plan.scope = _scope_from(keys, plan)
    return keys


def _scope_from(keys: dict, plan: CapitalPlan) -> Scope:
    level = str(keys.get("level") or "")
    district_code, commune_code = _text(keys.get("district")), _text(keys.get("commune"))
    if level == Level.PROVINCE:
        return Scope(level=level)
    if level == Level.DISTRICT:
        district = District.objects.in_year(plan.year).filter(province=default_province(), code=district_code).first()
        if district is not None:
            return Scope(level=level, district=district)
    if level == Level.COMMUNE:
        commune = Commune.objects.in_year(plan.year).filter(province=default_province(), code=commune_code)
        commune = commune.select_related("district").first()
        if commune is not None and commune.district is not None:
            return Scope(level=level, district=commune.district, commune=commune)
    plan_stop(
        plan,
        CODES_SHEET,
        _('The "%(sheet)s" sheet has been changed; download the template again.') % {"sheet": CODES_SHEET},
    )


def _read_rows(workbook, plan: CapitalPlan, keys: dict, user) -> None:
    title = keys["sheet"]
    scope = plan.scope
    if not scope.may_edit(user):
        plan_stop(plan, title, _("You may not change the capital of %(place)s.") % {"place": scope.name})
    sources = {s.code: s for s in sources_of(plan.source_set)}
    titles = column_titles()
    read: dict[int, list[Decimal | None]] = {}
    row_of: dict[int, int] = {}
    faulty: set[int] = set()  # sources with a cell that could not be read
    rows = keys["first_data_row"] + len(sources) + SPARE_ROWS  # what the template holds, never what it declares
    columns = FIRST_VALUE_COLUMN + len(titles) + SPARE_COLUMNS
    budget = sheets.Budget(max_row=rows, max_col=columns, max_cells=rows * columns)
    for number, row in sheets.sheet_rows(
        workbook, title, name=plan.name, min_row=keys["first_data_row"], budget=budget
    ):
        if not any(value not in (None, "") for value in row):
            continue
        plan.rows += 1
        code = _text(row[CODE_COLUMN - 1] if row else None)
        source = sources.get(code)
        if source is None:
            message = (
                _("The source code is empty.")
                if not code
                else _('Source code "%(code)s" is not in the list of %(year)s.') % {"code": code, "year": plan.year}
            )
            plan.add_error(title, number, CODE_COLUMN, _("Code"), message)
            continue
        if source.pk in read:
            plan.add_error(
                title,
                number,
                CODE_COLUMN,
                _("Code"),
                _("Source %(code)s already appears on row %(first)s.") % {"code": code, "first": row_of[source.pk]},
            )
            continue
        values = []
        errors_before = plan.error_count
        for offset, header in enumerate(titles):
            column = FIRST_VALUE_COLUMN + offset
            raw = row[column - 1] if column - 1 < len(row) else None
            formula = raw is sheets.UNSAVED_FORMULA
            raw = None if formula else raw
            values.append(_amount(raw, plan, title, number, column, header, formula=formula))
        read[source.pk], row_of[source.pk] = values, number
        if plan.error_count > errors_before:
            faulty.add(source.pk)
    _check_totals(plan, title, list(sources.values()), read, row_of, titles, faulty)
    if plan.ok:
        plan.changes = _changes(plan, list(sources.values()), read)


def _amount(raw, plan, title, number, column, header, *, formula: bool) -> Decimal | None:
    if raw is None or raw == "":
        if formula:
            plan.add_error(
                title,
                number,
                column,
                header,
                _(
                    "The cell holds a formula without a saved value; open "
                    "the file in Excel, save it and upload it again."
                ),
            )
        return None
    plan.cells += 1
    try:
        if isinstance(raw, bool) or isinstance(raw, datetime.date | datetime.time | datetime.timedelta):
            raise NumberError(_('"%(value)s" is not a number.') % {"value": raw}, code="invalid")
        value = (
            Decimal(repr(raw))
            if isinstance(raw, float)
            else (Decimal(raw) if isinstance(raw, int | Decimal) else parse_decimal(str(raw)))
        )
    except NumberError as error:
        plan.add_error(title, number, column, header, str(error.message))
        return None
    if not value.is_finite() or abs(value) >= LARGEST:  # 1e25 or 30 digits: an error here, never InvalidOperation
        plan.add_error(title, number, column, header, _("%(value)s is too large.") % {"value": raw})
        return None
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    if value < 0:
        plan.add_error(
            title, number, column, header, _("An amount cannot be negative (%(value)s).") % {"value": shown(value)}
        )
        return None
    if value >= LARGEST:
        plan.add_error(title, number, column, header, _("%(value)s is too large.") % {"value": value})
        return None
    return value


def _check_totals(plan, title, sources, read, row_of, titles, faulty: set[int]) -> None:
    """A total row (a source with sub-sources) is empty or equals the sum of its sub-rows (not checked while a
    sub-row has a cell that could not be read: its own error says what to fix)."""
    children: dict[int, list[int]] = {}
    for source in sources:
        if source.parent_id:
            children.setdefault(source.parent_id, []).append(source.pk)
    for source in sources:
        if source.pk not in children or source.pk not in read or faulty & set(children[source.pk]):
            continue
        for index, header in enumerate(titles):
            typed = read[source.pk][index]
            if typed is None:
                continue
            total = sum(
                (read.get(child, [None] * len(titles))[index] or Decimal(0) for child in children[source.pk]),
                Decimal(0),
            )
            if abs(typed - total) > CENT / 2:
                plan.add_error(
                    title,
                    row_of[source.pk],
                    FIRST_VALUE_COLUMN + index,
                    header,
                    _(
                        "%(code)s is the total of its sub-rows (%(total)s), not %(value)s: enter the amounts on the "
                        "sub-rows."
                    )
                    % {"code": source.code, "total": shown(total), "value": shown(typed)},
                )


def _changes(plan: CapitalPlan, sources: list[CapitalSource], read) -> list[ChangeRow]:
    scope = plan.scope
    stored = CapitalLine.objects.filter(year=plan.year, unit="", source__source_set=plan.source_set).for_scope(
        level=scope.level, district_id=scope.district_id, commune_id=scope.commune.pk if scope.commune else None
    )
    old: dict[tuple[int, str, str], Decimal] = {}
    in_kind = {s.pk: s.in_kind for s in sources}
    for source_id, kind, period, amount, line_in_kind in stored.values_list(
        "source_id", "kind", "period", "amount", "in_kind"
    ):
        if line_in_kind == in_kind.get(source_id):
            old[(source_id, kind, period)] = amount
    titles = column_titles()
    changes = []
    for source in sources:
        if source.pk not in read or any(s.parent_id == source.pk for s in sources):
            continue
        for index, (kind, period) in enumerate(BIEU07_COLUMNS):
            before, after = old.get((source.pk, kind, period)), read[source.pk][index]
            if before != after:
                changes.append(ChangeRow(CellChange(source.pk, kind, period, before, after), source, titles[index]))
    return changes


def capital_apply(*, data: bytes, name: str, year: int, user, digest: str) -> tuple[CapitalPlan, ImportCounts | None]:
    """Check the file again and, when it still gives the previewed plan (same digest) without errors, write it
    in one transaction. Returns the plan read and the counts; the counts are None when nothing was written
    (errors, or the stored lines changed since the preview: the plan read now says what would change)."""
    plan = capital_plan(data=data, name=name, year=year, user=user)
    if not plan.ok or plan.digest() != digest or not plan.changes:
        return plan, None
    scope = plan.scope
    try:
        counts = capital_lines_import(
            year=year,
            level=scope.level,
            district_id=scope.district_id,
            commune_id=scope.commune.pk if scope.commune else None,
            changes=[row.change for row in plan.changes],
            user=user,
        )
    except CapitalChanged:
        return capital_plan(data=data, name=name, year=year, user=user), None
    return plan, counts


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
