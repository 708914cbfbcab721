"""Import which former communes formed each new one (the reform of 1/7/2025), and read a commune's lineage.

The file (.csv or .xlsx) has one row per (new commune, former commune) pair: columns `new_code`, `new_name`,
`old_code`, `old_name`, optionally `old_district_code`, `old_district_name` and `share` (the percentage of the
former commune that went into the new one; empty means "part of"). A former commune split between several new
ones appears on several rows. Codes are reused across the reform, so each is read on its own side of the date:
a new code among the units open on `reform_date`, a former code among those open the day before.

Parse, validate every row and collect every error with its row and column; write nothing unless the whole file
is valid. The write is one transaction. Importing the same file twice changes nothing; the links of each new
commune named in the file become exactly the file's.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from criteria import rules
from ntm.lib.numbers import NumberError, parse_decimal

from .divisions import DivisionsImportError, _clean, _Errors, _header_key, _read_table
from .models import Commune, Lineage

NEW_CODE, NEW_NAME, OLD_CODE, OLD_NAME = "new_code", "new_name", "old_code", "old_name"
OLD_DISTRICT_CODE, SHARE = "old_district_code", "share"
REQUIRED = (NEW_CODE, NEW_NAME, OLD_CODE, OLD_NAME)
OPTIONAL = (OLD_DISTRICT_CODE, SHARE)


@dataclass
class LineageReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return _(
            "Lineage: %(rows)s rows; %(created)s links created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(removed)s removed."
        ) % vars(self)


@dataclass(frozen=True)
class _Link:
    number: int
    successor: Commune
    predecessor: Commune
    share: Decimal | None


def reform_date() -> datetime.date:
    """The day the new units start (settings.NTM_REFORM_DATE, 1/7/2025 for Hà Tĩnh)."""
    return datetime.date.fromisoformat(settings.NTM_REFORM_DATE)


def lineage_import(*, path_or_file: str | Path | IO[bytes], on: datetime.date | None = None) -> LineageReport:
    """Import a lineage file; raise DivisionsImportError (every error with its row and column), writing nothing.

    `on` is the first day of the new units (default `reform_date()`); the former units are read on the day
    before. Both lists must have been imported first (`import_divisions`).
    """
    on = on or reform_date()
    errors = _Errors()
    name, table = _read_table(path_or_file)
    links = _validate(table, name=name, on=on, errors=errors)
    errors.raise_if_any()
    report = LineageReport(rows=len(links))
    with transaction.atomic():
        _write(links, report)
    return report


def _validate(table, *, name: str, on: datetime.date, errors: _Errors) -> list[_Link]:
    if not table:
        errors.add(0, "", _('The file "%(name)s" has no rows to import.'), name=name)
        return []
    header_row, header = table[0]
    positions = {}
    for index, title in enumerate(header):
        positions.setdefault(_header_key(title), index)
    # Titles are matched as the divisions import matches them (case, spacing, accents, "_" and "/" ignored).
    columns = {
        column: positions[_header_key(column)] for column in (*REQUIRED, *OPTIONAL) if _header_key(column) in positions
    }
    for column in REQUIRED:
        if column not in columns:
            errors.add(header_row, column, _('Row %(row)s: column "%(column)s" is missing from the header.'))
    if errors.items:
        return []
    body = table[1:]
    new_units = _units_on(on, body, columns[NEW_CODE])
    old_units = _units_on(on - datetime.timedelta(days=1), body, columns[OLD_CODE])
    links: list[_Link] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in body:
        values = {column: _clean(cells[index]) if index < len(cells) else "" for column, index in columns.items()}
        before = len(errors.items) + errors.omitted
        successor = _unit(number, NEW_CODE, NEW_NAME, values, new_units, on, errors)
        predecessor = _unit(number, OLD_CODE, OLD_NAME, values, old_units, on - datetime.timedelta(days=1), errors)
        share = _share(number, values.get(SHARE, ""), errors)
        if predecessor and values.get(OLD_DISTRICT_CODE):
            district_code = predecessor.district.code if predecessor.district else ""
            if values[OLD_DISTRICT_CODE].zfill(3) != district_code:
                errors.add(
                    number,
                    OLD_DISTRICT_CODE,
                    _('Row %(row)s, column "%(column)s": commune %(code)s was in district %(actual)s, not %(value)s.'),
                    code=predecessor.code,
                    actual=district_code or "—",
                    value=values[OLD_DISTRICT_CODE],
                )
        pair = (values[NEW_CODE], values[OLD_CODE])
        first = seen.setdefault(pair, number)
        if first != number:
            errors.add(
                number,
                OLD_CODE,
                _('Row %(row)s, column "%(column)s": the pair %(new)s / %(old)s already appears on row %(first)s.'),
                new=pair[0],
                old=pair[1],
                first=first,
            )
        if len(errors.items) + errors.omitted == before:
            links.append(_Link(number, successor, predecessor, share))
    if not body and not errors.items:
        errors.add(0, "", _('The file "%(name)s" has no rows to import.'), name=name)
    return links


def _units_on(day: datetime.date, body, index: int) -> dict[str, Commune]:
    codes = {cells[index].strip().zfill(5) for _number, cells in body if index < len(cells)}
    units = Commune.objects.valid_on(day).filter(code__in=codes).select_related("district")
    return {unit.code: unit for unit in units}


def _unit(number, code_column, name_column, values, units, day, errors: _Errors) -> Commune | None:
    code = values[code_column]
    if not code:
        errors.add(number, code_column, _('Row %(row)s, column "%(column)s": the cell is empty.'))
        return None
    if not (code.isascii() and code.isdigit() and len(code) <= 5):
        errors.add(
            number,
            code_column,
            _('Row %(row)s, column "%(column)s": commune code "%(value)s" is not valid (5 digits expected).'),
            value=code,
        )
        return None
    unit = units.get(code.zfill(5))
    if unit is None:
        errors.add(
            number,
            code_column,
            _('Row %(row)s, column "%(column)s": no commune had code %(value)s on %(day)s.'),
            value=code,
            day=day.isoformat(),
        )
        return None
    if values[name_column] and values[name_column] != unit.name:
        errors.add(
            number,
            name_column,
            _('Row %(row)s, column "%(column)s": commune %(code)s was "%(actual)s" on %(day)s, not "%(value)s".'),
            code=unit.code,
            actual=unit.name,
            day=day.isoformat(),
            value=values[name_column],
        )
        return None
    return unit


def _share(number: int, raw: str, errors: _Errors) -> Decimal | None:
    if not raw:
        return None
    try:
        share = parse_decimal(raw.removesuffix("%").strip())
    except NumberError:
        share = None
    if share is None or not Decimal(0) < share <= Decimal(100):
        errors.add(
            number,
            SHARE,
            _('Row %(row)s, column "%(column)s": share "%(value)s" is not a percentage above 0 and up to 100.'),
            value=raw,
        )
        return None
    return share


def _write(links: list[_Link], report: LineageReport) -> None:
    successors = {link.successor.pk for link in links}
    existing = {(row.successor_id, row.predecessor_id): row for row in Lineage.objects.filter(successor__in=successors)}
    wanted = {(link.successor.pk, link.predecessor.pk): link for link in links}
    to_create, to_update = [], []
    for key, link in wanted.items():
        row = existing.get(key)
        if row is None:
            to_create.append(Lineage(successor=link.successor, predecessor=link.predecessor, share=link.share))
        elif row.share != link.share:
            row.share = link.share
            to_update.append(row)
        else:
            report.unchanged += 1
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    Lineage.objects.bulk_create(to_create)
    Lineage.objects.bulk_update(to_update, ["share"])
    Lineage.objects.filter(pk__in=stale).delete()
    report.created, report.updated, report.removed = len(to_create), len(to_update), len(stale)


# Reading -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PredecessorYear:
    """A former commune in one year: criteria met (None: no values), whether recognised by then, the set."""

    criteria_met: int | None
    met: frozenset[int]
    recognised: bool
    criteria_set_id: int | None


@dataclass(frozen=True)
class MergedYear:
    """One year before the reform: each former commune side by side (in `MergedHistory.predecessors` order) and
    combined: how many were recognised by then, and the criteria every one of them met (None when some had no
    values or they were judged under different sets, so no common answer exists)."""

    year: int
    cells: list[PredecessorYear]
    recognised: int
    met_by_all: tuple[int, ...] | None  # criterion numbers, ascending


@dataclass
class MergedHistory:
    predecessors: list[Lineage]
    years: list[MergedYear]

    @property
    def total(self) -> int:
        return len(self.predecessors)


def merged_history(commune: Commune, links: list[Lineage] | None = None) -> MergedHistory:
    """The history of the former communes `commune` was formed from, year by year before it started.

    Read from the per commune-year summary (`CommuneYearScore`) and the commune-years' recognitions: a few
    queries whatever the number of years. Years in which no former commune has values are left out.
    """
    from .models import CommuneYearScore

    links = predecessors_of(commune) if links is None else links
    if not links:
        return MergedHistory(predecessors=[], years=[])
    ids = [link.predecessor_id for link in links]
    first_recognised = dict(
        Commune.objects.filter(pk__in=ids).with_recognised_year().values_list("pk", "first_recognised_year")
    )
    scores = {
        (row.commune_id, row.year): row
        for row in CommuneYearScore.objects.filter(commune_id__in=ids, year__lt=commune.valid_from.year + 1)
    }
    years = sorted({year for _commune, year in scores})
    rows = []
    for year in years:
        cells = []
        for link in links:
            predecessor = link.predecessor
            recognised_years = [y for y in (first_recognised.get(predecessor.pk),) if y is not None]
            if predecessor.recognition_date:
                recognised_years.append(predecessor.recognition_date.year)
            score = scores.get((predecessor.pk, year))
            cells.append(
                PredecessorYear(
                    criteria_met=score.criteria_met if score else None,
                    met=rules.mask_numbers(score.met_mask) if score else frozenset(),
                    recognised=bool(recognised_years) and min(recognised_years) <= year,
                    criteria_set_id=score.criteria_set_id if score else None,
                )
            )
        same_set = len({cell.criteria_set_id for cell in cells}) == 1 and cells[0].criteria_set_id is not None
        met_by_all = tuple(sorted(frozenset.intersection(*(cell.met for cell in cells)))) if same_set else None
        rows.append(MergedYear(year, cells, sum(cell.recognised for cell in cells), met_by_all))
    return MergedHistory(predecessors=links, years=rows)


def links_of(commune: Commune) -> tuple[list[Lineage], list[Lineage]]:
    """(links to the former communes `commune` was formed from, links to the communes it became), in name order,
    with each side's commune and district: one query."""
    links = (
        Lineage.objects.filter(Q(successor=commune) | Q(predecessor=commune))
        .select_related("predecessor__district", "successor")
        .order_by("predecessor__sort_name", "successor__sort_name")
    )
    before, after = [], []
    for link in links:
        (before if link.successor_id == commune.pk else after).append(link)
    return before, sorted(after, key=lambda link: link.successor.sort_name)


def predecessors_of(commune: Commune) -> list[Lineage]:
    """The links to the former communes `commune` was formed from (with each one's district), in name order."""
    return list(commune.predecessor_links.select_related("predecessor__district").order_by("predecessor__sort_name"))


def successors_of(commune: Commune) -> list[Lineage]:
    """The links to the communes `commune` became (several when it was split)."""
    return list(commune.successor_links.select_related("successor").order_by("successor__sort_name"))


__all__ = [
    "DivisionsImportError",
    "LineageReport",
    "lineage_import",
    "merged_history",
    "predecessors_of",
    "successors_of",
]
