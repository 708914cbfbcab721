"""Trainings and promotion events on the office's work calendar (a source of `operations.calendar`)."""

import datetime

from accounts import policy
from operations.calendar import CalendarEvent, register_source

from .models import Training
from .selectors import covered_district_ids


@register_source
def trainings_source(*, start: datetime.date, end: datetime.date, user) -> list[CalendarEvent]:
    """Every training or event between `start` and `end` (every role reads them), kind "training", concerning the
    districts it covers. Two queries (the trainings, their districts and communes)."""
    if not policy.can_view(user):
        return []
    trainings = Training.objects.filter(starts_on__lte=end, ends_on__gte=start).prefetch_related(
        "districts", "communes"
    )
    return [
        CalendarEvent(
            uid=f"training-{training.pk}",
            title=training.title,
            kind="training",
            start=training.starts_on,
            end=training.ends_on,
            place=training.place,
            url=training.get_absolute_url(),
            description=f"{training.get_kind_display()} · {training.organiser}",
            source="trainings",
            district_ids=frozenset(covered_district_ids(training) - {None}),
        )
        for training in trainings
    ]
