"""Locks on a commune's year: no write to a locked year, and no write started from an old version.

Every write of a commune-year's values or state runs in a transaction that first locks the year's
`CommuneYear` row (SELECT ... FOR UPDATE, in commune order so two writers never deadlock). Two writers
of the same commune-year therefore take turns: the second waits, then sees the version the first wrote
and is refused when it started from an older one, with what changed meanwhile read from the history.

    with transaction.atomic():
        years = commune_years_lock(commune_ids=[...], year=2014, expected_versions={...})  # YearLocked, StaleVersion
        ... write values, with history ...
        commune_years_bump(list(years.values()), user=user, when=now)
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ntm.lib.history import history_copy, history_update_copy

from .models import Assessment, CommuneYear, value_of


@dataclass(frozen=True)
class Change:
    """A value someone else wrote after the version a refused save started from (None: cleared)."""

    indicator: object
    value: object
    user: object
    when: datetime.datetime


@dataclass(frozen=True)
class Conflict:
    commune_year: CommuneYear
    expected_version: int
    changes: list[Change] = field(default_factory=list)


class YearLocked(Exception):
    """The year is submitted, verified, appraised or recognised: office staff must reopen (or return) it first."""

    def __init__(self, commune_years: list[CommuneYear]):
        self.commune_years = commune_years
        super().__init__(", ".join(f"{cy.commune_id}/{cy.year}: {cy.state}" for cy in commune_years))


class StaleVersion(Exception):
    """Someone saved the year after the form (or file) was read: nothing was written."""

    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        super().__init__(
            ", ".join(
                f"{c.commune_year.commune_id}/{c.commune_year.year}: version {c.expected_version}, "
                f"now {c.commune_year.version}"
                for c in conflicts
            )
        )

    @property
    def changes(self) -> list[Change]:
        return [change for conflict in self.conflicts for change in conflict.changes]


def saved_meanwhile_by(error: StaleVersion, user) -> str:
    """Who saved in between, for the message of a refused save: "Nguyễn Văn Phòng", "you, in another window",
    or "someone" when the history does not say (the names of every person, joined)."""
    people = []
    for conflict in error.conflicts:
        authors = [change.user for change in conflict.changes] or [conflict.commune_year.changed_by]
        for author in authors:
            if author is not None and author not in people:
                people.append(author)
    if not people:
        return gettext("Someone")
    names = [
        gettext("you, in another window") if user is not None and person.pk == user.pk else person_name(person)
        for person in people
    ]
    text = ", ".join(names)
    return text[:1].upper() + text[1:] if user is not None and people[0].pk == user.pk else text


def person_name(user) -> str:
    """A user as people name them: the full name, else the login."""
    return user.get_full_name() or user.get_username()


def commune_years_for_update(*, commune_ids: Iterable[int], year: int) -> dict[int, CommuneYear]:
    """Lock (and create, as draft at version 0, when missing) the rows of these communes for `year`.

    Must run inside `transaction.atomic()`. Returns commune id -> CommuneYear.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("commune_years_for_update must run inside transaction.atomic()")
    ids = sorted(set(commune_ids))
    locked = CommuneYear.objects.select_for_update().filter(year=year).order_by("commune_id")
    rows = {row.commune_id: row for row in locked.filter(commune_id__in=ids)}
    missing = [pk for pk in ids if pk not in rows]
    if missing:
        # A concurrent insert of the same row makes this wait for the other transaction, then skip the row.
        CommuneYear.objects.bulk_create(
            [CommuneYear(commune_id=pk, year=year) for pk in missing], ignore_conflicts=True
        )
        rows |= {row.commune_id: row for row in locked.filter(commune_id__in=missing)}
        _record_creation(missing, year=year)
    return rows


def _record_creation(commune_ids: list[int], *, year: int) -> None:
    """A '+' history row for the rows created here (and not by a concurrent transaction that got there first)."""
    recorded = CommuneYear.history.filter(commune_id__in=commune_ids, year=year).values("id")
    fresh = CommuneYear.objects.filter(commune_id__in=commune_ids, year=year, version=0).exclude(id__in=recorded)
    history_copy(fresh, history_type="+")


def commune_years_lock(
    *, commune_ids: Iterable[int], year: int, expected_versions: Mapping[int, int | None] | None = None
) -> dict[int, CommuneYear]:
    """The guard of every write of values: lock the rows, refuse locked years, refuse old versions.

    Must run inside `transaction.atomic()`, before any value is written. `expected_versions` maps a commune
    id to the version the user's form or file was read at (None or absent: not checked). Raises `YearLocked`
    (every locked year listed) or `StaleVersion` (every conflict, with the values changed meanwhile).
    Returns commune id -> CommuneYear; call `commune_years_bump` on those written.
    """
    rows = commune_years_for_update(commune_ids=commune_ids, year=year)
    locked = [row for row in rows.values() if row.is_locked]
    if locked:
        raise YearLocked(locked)
    conflicts = [
        Conflict(rows[pk], expected, changes_since(rows[pk], expected))
        for pk, expected in sorted((expected_versions or {}).items())
        if expected is not None and pk in rows and rows[pk].version != expected
    ]
    if conflicts:
        raise StaleVersion(conflicts)
    return rows


def commune_years_bump(commune_years: list[CommuneYear], *, user, when: datetime.datetime | None = None) -> None:
    """Add one to the version of each row (locked by `commune_years_lock`), with a history row each.

    Pass as `when` the date given to the history rows of the values written, so `changes_since` finds them.
    """
    if not commune_years:
        return
    rows = CommuneYear.objects.filter(pk__in=[row.pk for row in commune_years])
    # One statement on PostgreSQL, however many rows: the update and its history rows.
    history_update_copy(rows, {"version": "version + 1"}, user=user, when=when or timezone.now())
    for row in commune_years:
        row.version += 1


def changes_since(commune_year: CommuneYear, version: int) -> list[Change]:
    """The values of this commune-year written after `version`: the latest per indicator, with who and when."""
    versions = CommuneYear.history.filter(id=commune_year.pk)
    seen = versions.filter(version=version).order_by("-history_date").first()
    if seen is not None:
        rows = Assessment.history.filter(history_date__gt=seen.history_date)
    else:
        first_later = versions.filter(version__gt=version).order_by("history_date").first()
        if first_later is None:
            return []
        rows = Assessment.history.filter(history_date__gte=first_later.history_date)
    rows = rows.filter(commune_id=commune_year.commune_id, year=commune_year.year)
    latest = {}
    for row in rows.select_related("indicator__criterion", "history_user").order_by("history_date", "history_id"):
        latest[row.indicator_id] = row
    changes = [
        Change(
            indicator=row.indicator,
            value=None
            if row.history_type == "-"
            else value_of(row.indicator.kind, row.yes_no, row.percent, row.amount),
            user=row.history_user,
            when=row.history_date,
        )
        for row in latest.values()
    ]
    return sorted(changes, key=lambda c: (c.indicator.criterion.number, c.indicator.order, c.indicator.code))
