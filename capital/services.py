"""Writes of capital lines that span several rows: the import of a resources table (Biểu 07 / 11)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from .models import CapitalLine, CapitalSource, Level


@dataclass(frozen=True)
class CellChange:
    """One cell of the resources table: a source's amount for (kind, period); `new` None clears it."""

    source_id: int
    kind: str
    period: str
    old: Decimal | None
    new: Decimal | None


@dataclass(frozen=True)
class ImportCounts:
    created: int = 0
    updated: int = 0
    cleared: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.cleared


class CapitalChanged(Exception):
    """A line of the scope changed since the plan was read (its old amount is not the stored one): nothing written."""


def capital_lines_import(
    *, year: int, level: str, district_id: int | None, commune_id: int | None, changes: list[CellChange], user
) -> ImportCounts:
    """Write the cells of one scope's own report (lines without an implementing unit) in one transaction.

    Each change creates, updates or deletes the line (year, period, kind, scope, source, in kind as the source
    is). The scope's lines are locked first; when any stored amount is no longer the change's `old` (someone
    saved meanwhile), CapitalChanged is raised and nothing is written. Returns the lines created, updated and
    cleared.
    """
    try:
        with transaction.atomic():
            return _import(year, level, district_id, commune_id, changes, user)
    except IntegrityError:  # a line of the same key was created by someone else meanwhile
        raise CapitalChanged from None


def _import(year, level, district_id, commune_id, changes, user) -> ImportCounts:
    if level == Level.PROVINCE:
        district_id = commune_id = None
    elif level == Level.DISTRICT:
        commune_id = None
    sources = CapitalSource.objects.in_bulk([change.source_id for change in changes])
    scope = (
        CapitalLine.objects.select_for_update()
        .filter(year=year, unit="")
        .for_scope(level=level, district_id=district_id, commune_id=commune_id)
    )
    existing = {(line.source_id, line.kind, line.period, line.in_kind): line for line in scope}
    created = updated = cleared = 0
    for change in changes:
        source = sources[change.source_id]
        key = (change.source_id, change.kind, change.period, source.in_kind)
        line = existing.get(key)
        if (line.amount if line is not None else None) != change.old:
            raise CapitalChanged
        if change.new is None:
            if line is not None:
                line.delete()
                cleared += 1
            continue
        if line is None:
            CapitalLine.objects.create(
                year=year,
                period=change.period,
                kind=change.kind,
                level=level,
                district_id=district_id,
                commune_id=commune_id,
                source=source,
                amount=change.new,
                in_kind=source.in_kind,
                entered_by=user,
            )
            created += 1
        elif line.amount != change.new:
            line.amount, line.entered_by = change.new, user
            line.save(update_fields=["amount", "entered_by", "entered_at"])
            updated += 1
    return ImportCounts(created=created, updated=updated, cleared=cleared)
