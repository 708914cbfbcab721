"""The work queue: commune-years waiting for someone, by workflow state, oldest first.

What waits, and for whom (TT 40/2014's steps, README "Recognition workflow"):
- registered for the year, not yet submitted: the district (enter and submit);
- returned by the office: the district (correct and submit again);
- submitted: verification (the district's verifier or the office);
- verified: the province's appraisal council;
- appraised with a proposal to recognise: the recognition decision.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, CommuneYear, Registration


class Waiting(TextChoices):
    """Why an item is in the queue (the order is the procedure's)."""

    NOT_SUBMITTED = "not_submitted", _("registered, not yet submitted")
    RETURNED = "returned", _("returned, to correct")
    SUBMITTED = "submitted", _("submitted, waiting for verification")
    VERIFIED = "verified", _("verified, waiting for appraisal")
    APPRAISED = "appraised", _("appraised, waiting for the decision")


_STATE_OF = {
    CommuneYear.State.RETURNED: Waiting.RETURNED,
    CommuneYear.State.SUBMITTED: Waiting.SUBMITTED,
    CommuneYear.State.VERIFIED: Waiting.VERIFIED,
    CommuneYear.State.APPRAISED: Waiting.APPRAISED,
}


@dataclass(frozen=True)
class WorkItem:
    commune: Commune
    year: int
    waiting: Waiting
    since: datetime.datetime | None  # when the item started waiting (the last step, or the registration)

    def age_days(self, now: datetime.datetime) -> int | None:
        """Whole days the item has waited at `now` (None when the time is not known)."""
        return (now - self.since).days if self.since else None


def work_items(*, communes: QuerySet[Commune], year: int | None = None, waiting: str = "") -> list[WorkItem]:
    """Every item waiting among `communes` (already narrowed to what the user may see), oldest first.

    `year` and `waiting` (a Waiting value) narrow the list; two queries whatever the number of communes.
    """
    items: list[WorkItem] = []
    if waiting in ("", Waiting.NOT_SUBMITTED):
        started = CommuneYear.objects.filter(commune=OuterRef("commune"), year=OuterRef("year")).exclude(
            state=CommuneYear.State.DRAFT
        )
        registrations = Registration.objects.filter(commune__in=communes).exclude(Exists(started))
        if year is not None:
            registrations = registrations.filter(year=year)
        for registration in registrations.select_related("commune__district"):
            items.append(
                WorkItem(registration.commune, registration.year, Waiting.NOT_SUBMITTED, registration.registered_at)
            )
    states = [state for state, w in _STATE_OF.items() if waiting in ("", w)]
    if states:
        years = CommuneYear.objects.filter(commune__in=communes, state__in=states)
        if year is not None:
            years = years.filter(year=year)
        if waiting in ("", Waiting.APPRAISED):  # a council that did not propose recognition ends the year's wait
            years = years.exclude(state=CommuneYear.State.APPRAISED, council_result=CommuneYear.CouncilResult.REJECTED)
        for commune_year in years.select_related("commune__district"):
            items.append(
                WorkItem(
                    commune_year.commune, commune_year.year, _STATE_OF[commune_year.state], commune_year.changed_at
                )
            )
    never = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(items, key=lambda item: (item.since or never, item.commune.sort_name, item.year))


def work_counts(items: list[WorkItem]) -> dict[int | None, Counter]:
    """Items per district id (None: communes without district) and reason, for the counts table."""
    counts: dict[int | None, Counter] = {}
    for item in items:
        counts.setdefault(item.commune.district_id, Counter())[item.waiting] += 1
    return counts
