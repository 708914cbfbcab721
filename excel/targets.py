"""The bulk targets sheet of a criteria set: download, fill in, upload, preview, confirm (office staff).

No public source lists every indicator of the 2026-2030 set with its group targets: office staff enter them, and
correct them as sources appear. `targets_workbook` writes one row per indicator of the set (code, criterion,
indicator, unit, kind, comparator) and, for each target class the set uses (nhom_1, nhom_2, nhom_3 for 2026-2030;
the regions before), three columns: the target, whether it is verified against the official text (Có / Không)
and its source. Only national targets for every year of the set are in the sheet; a province's override or a
target from a given year stays in the admin.

`targets_plan` reads a filled sheet whole with the rules of the assessment import (the one reader, budgets,
the formula guard, the project's number parser that refuses an ambiguous "25.500", `Target.clean` and the
plausible ranges) and lists new indicators, changed indicators and targets, and every error (sheet, row,
column, header); it writes nothing. A target changed in the product after the file was exported is an error on
its cell: the old file never undoes newer work. `targets_apply` writes the plan that was previewed (same digest)
in one transaction through `criteria.services.targets_import`. Rows are never removed by the sheet.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from criteria import rules
from criteria.impact import Impact, rules_change_measured
from criteria.models import CriteriaSet, Criterion, Indicator, Target
from criteria.plausible import shipped_range
from criteria.selectors import indicators_of, target_classes_of
from criteria.services import (
    IndicatorWrite,
    TargetsChanged,
    TargetsImportCounts,
    TargetWrite,
    national_targets,
    target_state,
    targets_import,
)
from ntm.lib import sheets
from ntm.lib.filenames import words
from ntm.lib.numbers import NumberError, parse_decimal, shown
from ntm.lib.text import fold

from .importer import (
    CellError,
    CellErrors,
    _formula_message,
    _Invalid,
    _moment,
    no_codes_sheet,
    parse_yes_no,
    plan_stop,
    workbook_read,
)
from .layout import no_text, yes_text
from .writer import GENERAL, INTEGER, TEXT, Column, SheetSpec, key_value_sheet, sheet_title, workbook_bytes

FORMAT = "ntm-targets/1"
CODES_SHEET = "_codes"
CODE, CRITERION, TEXT_COLUMN, UNIT, KIND, COMPARATOR = 1, 2, 3, 4, 5, 6
FIRST_CLASS_COLUMN = 7  # then, per target class: target, verified, source
EVERY_CLASS = "*"  # how the "_codes" sheet writes the class '' (a target for every class)
KEY_ROWS = 20
SPARE_ROWS = 500
SPARE_COLUMNS = 30
CODES_BUDGET = sheets.Budget(max_row=100, max_col=10, max_cells=1_000)
LARGEST = Decimal(10) ** 10  # Target.value: 14 digits, 4 of them decimals
PLACES = Decimal("0.0001")
MAX_SOURCE = 2000
COMPARATORS = {"≥": rules.GE, ">=": rules.GE, ">": rules.GT, "≤": rules.LE, "<=": rules.LE, "<": rules.LT}
COMPARATORS |= {"=": rules.EQ, "==": rules.EQ}
SYMBOLS = {rules.GE: "≥", rules.GT: ">", rules.LE: "≤", rules.LT: "<", rules.EQ: "="}


def class_label(target_class: str) -> str:
    return target_class or _("every class")


def column_titles(classes: list[str]) -> list[str]:
    titles = [_("Code"), _("Criterion"), _("Indicator"), _("Unit"), _("Kind"), _("Comparator")]
    for target_class in classes:
        label = class_label(target_class)
        titles += [
            _("%(class)s: target") % {"class": label},
            _("%(class)s: verified") % {"class": label},
            _("%(class)s: source") % {"class": label},
        ]
    return titles


def _class_column(position: int) -> int:
    return FIRST_CLASS_COLUMN + 3 * position


# Out ------------------------------------------------------------------------------------------------------


def _value_cell(value: Decimal | None, kind: str):
    if value is None:
        return None
    if kind == rules.BOOLEAN:
        return 1 if value else 0
    return int(value) if value == value.to_integral_value() else float(value)


def targets_workbook(criteria_set: CriteriaSet) -> bytes:
    """Every indicator of the set with its national targets, to fill in and upload."""
    classes = target_classes_of(criteria_set)
    stored = {(t.indicator_id, t.target_class): t for t in national_targets(criteria_set)}
    indicators = list(indicators_of(criteria_set))
    rows = []
    for indicator in indicators:
        row = [
            indicator.code,
            indicator.criterion.number,
            indicator.text,
            indicator.unit,
            str(indicator.get_kind_display()),
            SYMBOLS.get(indicator.comparator, indicator.comparator),
        ]
        for target_class in classes:
            target = stored.get((indicator.pk, target_class))
            if target is None:
                row += [None, None, None]
            else:
                row += [
                    _value_cell(target.value, indicator.kind),
                    yes_text() if target.verified else no_text(),
                    target.source,
                ]
        rows.append(row)
    titles = column_titles(classes)
    widths = [8, 10, 60, 14, 16, 10] + [12, 12, 30] * len(classes)
    formats = [TEXT, INTEGER, TEXT, TEXT, TEXT, TEXT] + [GENERAL, TEXT, TEXT] * len(classes)
    data = SheetSpec(
        title=_("Targets"),
        heading=_("Indicators and targets: %(set)s") % {"set": criteria_set},
        info=_info(criteria_set, classes),
        columns=[Column(title, width, fmt) for title, width, fmt in zip(titles, widths, formats, strict=True)],
        rows=rows,
        frozen_columns=2,
        row_count=len(rows),
    )
    data.validations = _validations(data, classes, len(rows))
    criteria = Criterion.objects.filter(criteria_set=criteria_set).order_by("number")
    reference = SheetSpec(
        title=_("Criteria"),
        heading=_("Criteria of %(set)s") % {"set": criteria_set},
        columns=[Column(_("Criterion"), 10, INTEGER), Column(_("Name"), 60)],
        rows=[[criterion.number, criterion.name] for criterion in criteria],
        row_count=len(criteria),
    )
    keys = [
        ("format", FORMAT),
        ("sheet", sheet_title(data.title)),
        ("criteria_set", criteria_set.code),
        ("classes", "|".join(target_class or EVERY_CLASS for target_class in classes)),
        ("first_data_row", data.first_data_row),
        ("exported_at", timezone.now().isoformat()),
    ]
    codes = key_value_sheet(CODES_SHEET, keys)
    return workbook_bytes([data, reference, codes])


def _info(criteria_set: CriteriaSet, classes: list[str]) -> list[tuple[str, object]]:
    kinds = ", ".join(str(label) for label in Indicator.Kind.labels)
    return [
        (_("Criteria set"), f"{criteria_set.code}: {criteria_set.title}"),
        (_("Target classes"), ", ".join(class_label(c) for c in classes)),
        (_("Exported on"), timezone.localtime()),
        (
            _("How to fill in"),
            _(
                "One row per indicator. For each target class: the target (a number such as 25,5, a percentage "
                "0-100, or 1 = yes / 0 = no for a yes/no indicator), whether it is verified against the official "
                'text (%(yes)s / %(no)s; empty = %(no)s) and its source (decision number, URL or "office '
                'estimate").'
            )
            % {"yes": yes_text(), "no": no_text()},
        ),
        (
            _("New indicators"),
            _(
                "Add a row with a new code under an existing criterion (its number, see the Criteria sheet), the "
                "indicator's text, its kind (%(kinds)s) and comparator (≥, >, ≤, <, =). Rows are never removed "
                "by the sheet; the kind of an existing indicator is changed in the admin."
            )
            % {"kinds": kinds},
        ),
        (
            _("Not in this sheet"),
            _(
                "Targets from a given year and a province's own targets are kept in the admin. Do not change the "
                "codes in column A nor the hidden sheet."
            ),
        ),
    ]


def _validations(data: SheetSpec, classes: list[str], count: int) -> list[DataValidation]:
    first, last = data.first_data_row, data.first_data_row + max(count, 1) + SPARE_ROWS - 1
    comparator = DataValidation(type="list", formula1='"≥,>,≤,<,="', allow_blank=True)
    comparator.add(f"{get_column_letter(COMPARATOR)}{first}:{get_column_letter(COMPARATOR)}{last}")
    verified = DataValidation(type="list", formula1=f'"{yes_text()},{no_text()}"', allow_blank=True)
    for position in range(len(classes)):
        letter = get_column_letter(_class_column(position) + 1)
        verified.add(f"{letter}{first}:{letter}{last}")
    return [comparator, verified]


def targets_filename(criteria_set: CriteriaSet) -> str:
    return f"{words('chi tieu', criteria_set.code)}.xlsx"


# In -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetChangeRow:
    """One target the file changes, for the preview."""

    row: int
    write: TargetWrite
    kind: str
    unit: str

    def _shown(self, state) -> str:
        if state is None or state[0] is None:
            return "—"
        if self.kind == rules.BOOLEAN:
            return yes_text() if state[0] else no_text()
        return f"{shown(state[0])} {self.unit}".strip()

    @property
    def old_value(self) -> str:
        return self._shown(self.write.old)

    @property
    def new_value(self) -> str:
        return self._shown(self.write.new)

    @property
    def old_verified(self) -> bool | None:
        return None if self.write.old is None else self.write.old[1]

    @property
    def old_source(self) -> str:
        return "" if self.write.old is None else self.write.old[2]


@dataclass
class TargetsPlan(CellErrors):
    """What a targets sheet would change in a criteria set, and every reason it cannot."""

    name: str
    criteria_set: CriteriaSet
    rows: int = 0
    unchanged: int = 0  # targets read that equal the stored ones
    indicators: list[IndicatorWrite] = field(default_factory=list)
    targets: list[TargetChangeRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    omitted_errors: int = 0
    exported_at: datetime.datetime | None = None

    @property
    def has_changes(self) -> bool:
        return bool(self.indicators or self.targets)

    @property
    def new_indicators(self) -> list[IndicatorWrite]:
        return [write for write in self.indicators if write.indicator_id is None]

    @property
    def changed_indicators(self) -> list[IndicatorWrite]:
        return [write for write in self.indicators if write.indicator_id is not None]

    def digest(self) -> str:
        """A fingerprint of the set and every change: the confirmation applies only the plan that was previewed."""
        lines = [self.criteria_set.code]
        for write in self.indicators:
            lines.append(f"i|{write.code}|{write.criterion_id}|{write.indicator_id}|{sorted(write.old.items())}")
            lines.append(f"{sorted(write.new.items())}|{write.kind}|{write.order}")
        for row in self.targets:
            lines.append(f"t|{row.write.indicator_code}|{row.write.target_class}|{row.write.old}|{row.write.new}")
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def targets_plan(*, data: bytes, name: str, criteria_set: CriteriaSet) -> TargetsPlan:
    """Read and check the whole file against the database; write nothing."""
    plan = TargetsPlan(name=name, criteria_set=criteria_set)

    def read(workbook) -> None:
        _Reader(plan, _read_codes(workbook, plan)).read(workbook)

    workbook_read(plan, data, name, read)
    if not plan.ok:
        plan.indicators, plan.targets = [], []
    return plan


def _changed_sheet(plan: TargetsPlan):
    plan_stop(
        plan,
        CODES_SHEET,
        _('The "%(sheet)s" sheet has been changed; download the template again.') % {"sheet": CODES_SHEET},
    )


def _read_codes(workbook, plan: TargetsPlan) -> dict:
    if CODES_SHEET not in workbook.sheetnames:
        plan_stop(plan, CODES_SHEET, no_codes_sheet())
    keys = sheets.key_values(workbook, CODES_SHEET, name=plan.name, last_row=KEY_ROWS, budget=CODES_BUDGET)
    try:
        if keys.get("format") != FORMAT:
            raise ValueError
        keys["first_data_row"] = int(keys["first_data_row"])
        keys["sheet"] = str(keys["sheet"])
        keys["classes"] = [
            "" if code == EVERY_CLASS else code for code in str(keys["classes"]).split("|") if code.strip()
        ]
    except (KeyError, TypeError, ValueError):
        _changed_sheet(plan)
    if str(keys.get("criteria_set")) != plan.criteria_set.code:
        plan_stop(
            plan,
            CODES_SHEET,
            _("This workbook is for the criteria set %(file_set)s, not for %(set)s.")
            % {"file_set": keys.get("criteria_set"), "set": plan.criteria_set.code},
        )
    if keys["sheet"] not in workbook.sheetnames:
        plan_stop(plan, keys["sheet"], _('The sheet "%(sheet)s" is missing.') % {"sheet": keys["sheet"]})
    plan.exported_at = _moment(keys.get("exported_at"))
    return keys


def _kinds() -> dict[str, str]:
    """Folded kind labels in both languages, and the kinds' codes -> kind."""
    found = {fold(kind): kind for kind in rules.KINDS}
    for language in ("vi", "en"):
        with translation.override(language):
            found |= {fold(str(label)): kind for kind, label in Indicator.Kind.choices}
    return found


class _Reader:
    """Reads the data sheet row by row into the plan."""

    def __init__(self, plan: TargetsPlan, keys: dict):
        self.plan, self.keys = plan, keys
        self.title: str = keys["sheet"]
        self.classes: list[str] = keys["classes"]
        self.titles = column_titles(self.classes)
        criteria_set = plan.criteria_set
        self.criteria = {c.number: c for c in Criterion.objects.filter(criteria_set=criteria_set)}
        self.indicators = {i.code: i for i in indicators_of(criteria_set)}
        self.stored = {(t.indicator_id, t.target_class): t for t in national_targets(criteria_set)}
        self.orders: dict[int, int] = {}
        for indicator in self.indicators.values():
            self.orders[indicator.criterion_id] = max(self.orders.get(indicator.criterion_id, 0), indicator.order)
        self.kinds = _kinds()
        self.first_row: dict[str, int] = {}
        self.number = 0

    def error(self, column: int, message: str) -> None:
        header = self.titles[column - 1] if column - 1 < len(self.titles) else ""
        self.plan.add_error(self.title, self.number, column, header, message)

    def read(self, workbook) -> None:
        plan = self.plan
        rows = self.keys["first_data_row"] + len(self.indicators) + SPARE_ROWS
        columns = len(self.titles) + SPARE_COLUMNS
        budget = sheets.Budget(max_row=rows, max_col=columns, max_cells=rows * columns)
        for number, row in sheets.sheet_rows(
            workbook, self.title, name=plan.name, min_row=self.keys["first_data_row"], budget=budget
        ):
            if not any(value not in (None, "") for value in row):
                continue
            plan.rows += 1
            self.number = number
            cells = list(row) + [None] * (len(self.titles) - len(row))
            formulas = [i + 1 for i, value in enumerate(cells) if value is sheets.UNSAVED_FORMULA]
            for column in formulas:
                self.error(column, _formula_message())
            if formulas:
                continue
            self.read_row(cells)
        if plan.ok:
            self.check_stale()

    def read_row(self, cells: list[object]) -> None:
        code = sheets.cell_text(cells[CODE - 1])
        if not code:
            self.error(CODE, _("The indicator code is empty."))
            return
        if code in self.first_row:
            self.error(
                CODE,
                _("Indicator %(code)s already appears on row %(first)s.")
                % {"code": code, "first": self.first_row[code]},
            )
            return
        self.first_row[code] = self.number
        indicator = self.indicator_of(code, cells)
        if indicator is None:
            return
        for position, target_class in enumerate(self.classes):
            self.read_target(indicator, target_class, _class_column(position), cells)

    def indicator_of(self, code: str, cells: list[object]) -> Indicator | None:
        """The row's indicator (an unsaved one for a new code), with the edits of its text, unit and comparator."""
        before = self.plan.error_count
        number = self.criterion_number(cells[CRITERION - 1])
        criterion = self.criteria.get(number) if number is not None else None
        if number is not None and criterion is None:
            self.error(
                CRITERION,
                _("Criterion %(number)s is not in the set %(set)s.")
                % {"number": number, "set": self.plan.criteria_set.code},
            )
        text = sheets.cell_text(cells[TEXT_COLUMN - 1])
        unit = sheets.cell_text(cells[UNIT - 1])
        if not text:
            self.error(TEXT_COLUMN, _("The indicator's text is empty."))
        if len(unit) > 40:
            self.error(UNIT, _("The unit is longer than 40 characters."))
        kind = self.kind_of(cells[KIND - 1])
        comparator = self.comparator_of(cells[COMPARATOR - 1])
        existing = self.indicators.get(code)
        if existing is None:
            return self.new_indicator(code, criterion, text, unit, kind, comparator, before)
        if criterion is not None and criterion.pk != existing.criterion_id:
            self.error(
                CRITERION,
                _("Indicator %(code)s belongs to criterion %(number)s; move it in the admin.")
                % {"code": code, "number": existing.criterion.number},
            )
        if kind is not None and kind != existing.kind:
            self.error(
                KIND,
                _("The kind of indicator %(code)s is %(kind)s; change it in the admin.")
                % {"code": code, "kind": existing.get_kind_display()},
            )
        if self.plan.error_count > before:
            return None
        new = {"text": text, "unit": unit, "comparator": comparator or existing.comparator}
        changed = {name: value for name, value in new.items() if getattr(existing, name) != value}
        if changed:
            old = {name: getattr(existing, name) for name in changed}
            self.plan.indicators.append(
                IndicatorWrite(code, existing.criterion_id, existing.pk, changed, old, existing.kind, existing.order)
            )
        return existing

    def new_indicator(self, code, criterion, text, unit, kind, comparator, before) -> Indicator | None:
        if criterion is None and self.plan.error_count == before:
            self.error(CRITERION, _("Give the number of the criterion of the new indicator %(code)s.") % {"code": code})
        if kind is None and self.plan.error_count == before:
            self.error(KIND, _("Give the kind of the new indicator %(code)s.") % {"code": code})
        if len(code) > 10:
            self.error(CODE, _("An indicator code has at most 10 characters."))
        if self.plan.error_count > before:
            return None
        comparator = comparator or rules.GE
        self.orders[criterion.pk] = order = self.orders.get(criterion.pk, 0) + 1
        new = {"text": text, "unit": unit, "comparator": comparator}
        self.plan.indicators.append(IndicatorWrite(code, criterion.pk, None, new, {}, kind, order))
        low, high = shipped_range(kind, unit)
        return Indicator(
            criterion=criterion, code=code, plausible_min=low, plausible_max=high, order=order, kind=kind, **new
        )

    def criterion_number(self, raw) -> int | None:
        text = sheets.cell_text(raw).split(".")[0].strip()
        if not text:
            return None
        if not text.isdigit():
            self.error(CRITERION, _('"%(value)s" is not a criterion number.') % {"value": raw})
            return None
        return int(text)

    def kind_of(self, raw) -> str | None:
        text = sheets.cell_text(raw)
        if not text:
            return None
        kind = self.kinds.get(fold(text))
        if kind is None:
            labels = ", ".join(str(label) for label in Indicator.Kind.labels)
            self.error(KIND, _('"%(value)s" is not a kind of indicator: %(kinds)s.') % {"value": text, "kinds": labels})
        return kind

    def comparator_of(self, raw) -> str | None:
        text = sheets.cell_text(raw).replace(" ", "")
        if not text:
            return None
        comparator = COMPARATORS.get(text)
        if comparator is None:
            self.error(COMPARATOR, _('"%(value)s" is not a comparator: ≥, >, ≤, < or =.') % {"value": text})
        return comparator

    def read_target(self, indicator: Indicator, target_class: str, column: int, cells: list[object]) -> None:
        before = self.plan.error_count
        raw, raw_verified, raw_source = cells[column - 1 : column + 2]
        value = self.value_of(indicator, target_class, raw, column)
        verified = self.verified_of(raw_verified, column + 1)
        source = sheets.cell_text(raw_source)
        if len(source) > MAX_SOURCE:
            self.error(column + 2, _("The source is longer than %(count)s characters.") % {"count": MAX_SOURCE})
        stored = self.stored.get((indicator.pk, target_class)) if indicator.pk else None
        if self.plan.error_count > before:
            return
        old = target_state(stored)
        if value is None:
            if old is not None and old[0] is not None:
                self.error(
                    column,
                    _("A target cannot be removed by the sheet; remove it in the admin, or enter its value again."),
                )
                return
            if old is None:
                if verified or source:
                    self.error(column, _("Enter the target, or leave its verification and source empty."))
                return
        new = (value, verified, source)
        if new == old:
            self.plan.unchanged += 1
            return
        write = TargetWrite(indicator.code, target_class, old, new)
        self.plan.targets.append(TargetChangeRow(self.number, write, indicator.kind, indicator.unit))

    def value_of(self, indicator: Indicator, target_class: str, raw, column: int) -> Decimal | None:
        if raw is None or raw == "":
            return None
        try:
            if indicator.kind == rules.BOOLEAN:
                value = Decimal(1) if parse_yes_no(raw) else Decimal(0)
            else:
                value = _number(raw)
            Target(indicator=indicator, target_class=target_class, value=value).clean()
        except _Invalid as invalid:
            self.error(column, invalid.message)
            return None
        except NumberError as error:
            self.error(column, str(error.message))
            return None
        except ValidationError as error:
            self.error(column, " ".join(error.message_dict.get("value", error.messages)))
            return None
        if (problem := indicator.plausible_problem(value)) is not None:
            self.error(column, problem)
            return None
        return value

    def verified_of(self, raw, column: int) -> bool:
        if raw is None or raw == "":
            return False
        try:
            return parse_yes_no(raw)
        except _Invalid as invalid:
            self.error(column, invalid.message)
            return False

    def check_stale(self) -> None:
        """A target changed in the product after the file was exported is an error on its cell."""
        plan = self.plan
        changed = [row for row in plan.targets if row.write.old is not None]
        if plan.exported_at is None or not changed:
            return
        ids = {}
        for row in changed:
            indicator = self.indicators[row.write.indicator_code]
            ids[self.stored[(indicator.pk, row.write.target_class)].pk] = row
        newer = (
            Target.history.filter(id__in=list(ids), history_date__gt=plan.exported_at)
            .select_related("history_user")
            .order_by("id", "-history_date")
        )
        seen = set()
        for record in newer:
            if record.id in seen:
                continue
            seen.add(record.id)
            row = ids[record.id]
            user = record.history_user
            who = (user.get_full_name() or user.get_username()) if user else "—"
            self.number = row.row
            column = _class_column(self.classes.index(row.write.target_class))
            self.error(
                column,
                _(
                    "This target was changed in NTM Tracker by %(who)s on %(when)s, after the file was exported: "
                    "download the sheet again and enter your changes in it."
                )
                % {"who": who, "when": timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M")},
            )


def _number(raw) -> Decimal:
    """A number cell, or text written either way ("25,5"; an ambiguous "25.500" is refused)."""
    if isinstance(raw, bool) or isinstance(raw, datetime.date | datetime.time | datetime.timedelta):
        raise _Invalid(_('"%(value)s" is not a number.') % {"value": raw})
    if isinstance(raw, float):
        value = Decimal(repr(raw))
    elif isinstance(raw, int | Decimal):
        value = Decimal(raw)
    else:
        value = parse_decimal(str(raw).strip().removesuffix("%"))
    if not value.is_finite() or abs(value) >= LARGEST:
        raise _Invalid(_("%(value)s is too large.") % {"value": raw})
    try:
        return value.quantize(PLACES, rounding=ROUND_HALF_UP).normalize()
    except InvalidOperation:
        raise _Invalid(_("%(value)s is too large.") % {"value": raw}) from None


def targets_impact(plan: TargetsPlan, *, user) -> Impact:
    """What confirming the plan would do to the stored results (measured in a rolled-back run), as the admin asks."""
    if not plan.ok or not plan.has_changes:
        return Impact()

    def run():
        try:
            return _import(plan, user)
        except TargetsChanged:
            return None

    impact, _result = rules_change_measured(run)
    return impact


def _import(plan: TargetsPlan, user) -> TargetsImportCounts:
    return targets_import(
        criteria_set=plan.criteria_set,
        indicators=plan.indicators,
        targets=[row.write for row in plan.targets],
        user=user,
        reason=_("Targets sheet %(name)s") % {"name": plan.name},
    )


def targets_apply(
    *, data: bytes, name: str, criteria_set: CriteriaSet, user, digest: str
) -> tuple[TargetsPlan, TargetsImportCounts | None]:
    """Check the file again and, when it still gives the previewed plan (same digest) without errors, write it in
    one transaction. The counts are None when nothing was written (errors, or the rows moved since the preview:
    the plan read now says what would change)."""
    plan = targets_plan(data=data, name=name, criteria_set=criteria_set)
    if not plan.ok or plan.digest() != digest or not plan.has_changes:
        return plan, None
    try:
        counts = _import(plan, user)
    except TargetsChanged:
        return targets_plan(data=data, name=name, criteria_set=criteria_set), None
    return plan, counts
