"""The work calendar's events, gathered from every app that contributes some.

An app registers a source, a function `fn(*, start: date, end: date, user) -> list[CalendarEvent]` returning the
events between `start` and `end` (inclusive) that `user` may see:

    from operations.calendar import CalendarEvent, register_source

    @register_source
    def trainings_source(*, start, end, user):
        return [CalendarEvent(uid=f"training-{t.pk}", title=t.title, kind="training", start=t.date, end=t.date, ...)]

The calendar page, its JSON feed, the agenda list and every user's .ics feed read `events_for`, which calls each
source and applies the page's filters (kind, district, person). This app registers two sources: its own entries
and the inspections (planned dates until held, then the dates held).
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from accounts import policy

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CalendarEvent:
    """One event. `end` is the last day (inclusive); times are local (Asia/Ho_Chi_Minh), None for all-day."""

    uid: str
    title: str
    kind: str
    start: datetime.date
    end: datetime.date
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    place: str = ""
    url: str = ""
    description: str = ""
    source: str = ""
    district_ids: frozenset[int] = field(default_factory=frozenset)
    person_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def kind_label(self) -> str:
        from .models import CalendarEntry

        return str(dict(CalendarEntry.Kind.choices).get(self.kind, self.kind))


Source = Callable[..., list[CalendarEvent]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> Source:
    """Add a source of events (usable as a decorator); registering the same function twice adds it once."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def events_for(
    *,
    start: datetime.date,
    end: datetime.date,
    user,
    kind: str = "",
    district_id: int | None = None,
    person_id: int | None = None,
) -> list[CalendarEvent]:
    """Every source's events between start and end that the user may see, filtered, in date order.

    A source that fails is logged and left out; the others still show.
    """
    events: list[CalendarEvent] = []
    for source in _SOURCES:
        try:
            events += source(start=start, end=end, user=user)
        except Exception:
            logger.exception("calendar source %s failed", source.__qualname__)
    if kind:
        events = [e for e in events if e.kind == kind]
    if district_id:
        events = [e for e in events if district_id in e.district_ids]
    if person_id:
        events = [e for e in events if person_id in e.person_ids]
    return sorted(events, key=lambda e: (e.start, e.start_time or datetime.time.min, e.title))


def entry_district_ids(entry) -> set[int]:
    """The districts an entry concerns: those named and those of the communes named (prefetched)."""
    ids = {d.pk for d in entry.districts.all()}
    ids |= {c.district_id for c in entry.communes.all() if c.district_id}
    return ids


def entry_person_ids(entry) -> set[int]:
    ids = {u.pk for u in entry.participants.all()}
    if entry.lead_id:
        ids.add(entry.lead_id)
    return ids


@register_source
def calendar_entries_source(*, start: datetime.date, end: datetime.date, user) -> list[CalendarEvent]:
    """The office's and the districts' own entries."""
    from .models import CalendarEntry

    entries = (
        CalendarEntry.objects.filter(start_date__lte=end, end_date__gte=start)
        .select_related("lead")
        .prefetch_related("districts", "communes", "participants")
    )
    events = []
    for entry in entries:
        districts, persons = entry_district_ids(entry), entry_person_ids(entry)
        if not policy.can_see_calendar_entry(user, district_ids=districts, person_ids=persons):
            continue
        events.append(
            CalendarEvent(
                uid=f"entry-{entry.pk}",
                title=entry.title,
                kind=entry.kind,
                start=entry.start_date,
                end=entry.end_date,
                start_time=entry.start_time,
                end_time=entry.end_time,
                place=entry.place,
                url=reverse("operations:entry_detail", args=[entry.pk]),
                description=entry.notes,
                source="entry",
                district_ids=frozenset(districts),
                person_ids=frozenset(persons),
            )
        )
    return events


@register_source
def inspections_source(*, start: datetime.date, end: datetime.date, user) -> list[CalendarEvent]:
    """Inspections: on their planned dates until held, then on the dates they were held."""
    from .models import Inspection

    planned = Q(held_start__isnull=True, planned_start__lte=end, planned_end__gte=start)
    held = Q(held_start__isnull=False, held_start__lte=end) & (
        Q(held_end__gte=start) | Q(held_end__isnull=True, held_start__gte=start)
    )
    inspections = (
        Inspection.objects.filter(planned | held)
        .prefetch_related("members", "visits__commune")
        .order_by("planned_start", "pk")
    )
    events = []
    for inspection in inspections:
        districts = {v.commune.district_id for v in inspection.visits.all() if v.commune.district_id}
        persons = {inspection.lead_id, *(m.pk for m in inspection.members.all())}
        if not policy.can_see_calendar_entry(user, district_ids=districts, person_ids=persons):
            continue
        first = inspection.held_start or inspection.planned_start
        last = inspection.held_end or (inspection.held_start if inspection.held_start else inspection.planned_end)
        places = ", ".join(v.commune.name for v in inspection.visits.all())
        events.append(
            CalendarEvent(
                uid=f"inspection-{inspection.pk}",
                title=inspection.title,
                kind="inspection",
                start=first,
                end=max(first, last),
                place=places,
                url=reverse("operations:inspection_detail", args=[inspection.pk]),
                description=inspection.get_status_display(),
                source="inspection",
                district_ids=frozenset(districts),
                person_ids=frozenset(persons),
            )
        )
    return events
