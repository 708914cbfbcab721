"""The audit history of a commune's year, as people read it: when, who, what, the old and the new value.

Read from django-simple-history's tables (every save, bulk writes included, leaves a row there): the
year's values, its workflow states, its registration and evidence files, and the commune's own record.
A fixed number of queries whatever the number of changes.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from communes.models import Assessment, Commune, CommuneYear, Registration, value_of
from communes.scorecard import value_text

from .models import Evidence

ADDED, CHANGED, DELETED = "+", "~", "-"
EMPTY = "—"
# The commune's fields shown in its history (search and sort keys follow the name and are left out).
COMMUNE_FIELDS = [
    "name",
    "kind",
    "district",
    "in_programme",
    "commune_group",
    "recognition_decision",
    "recognition_date",
    "recognition_level",
    "valid_from",
    "valid_until",
]


@dataclass(frozen=True)
class HistoryRow:
    when: datetime.datetime
    user: object
    kind: str  # value, state, commune, registration, evidence
    subject: str
    old: str
    new: str
    note: str = ""


def history_rows(*, commune: Commune, year: int) -> list[HistoryRow]:
    """Every recorded change of the commune's year and of the commune, newest first."""
    rows = [
        *_value_rows(commune, year),
        *_state_rows(commune, year),
        *_commune_rows(commune),
        *_registration_rows(commune, year),
        *_evidence_rows(commune, year),
    ]
    return sorted(rows, key=lambda row: row.when, reverse=True)


def _value_rows(commune: Commune, year: int) -> list[HistoryRow]:
    records = (
        Assessment.history.filter(commune_id=commune.pk, year=year)
        .select_related("indicator", "history_user")
        .order_by("indicator_id", "history_date", "history_id")
    )
    rows, previous = [], {}
    for record in records:
        before = previous.get(record.indicator_id)
        previous[record.indicator_id] = record
        old = None if before is None or before.history_type == DELETED else before
        new = None if record.history_type == DELETED else record
        old_text, new_text = _value_texts(record.indicator, old, new)
        subject = f"{record.indicator.code} {record.indicator.text[:80]}"
        rows.append(HistoryRow(record.history_date, record.history_user, "value", subject, old_text, new_text))
    return rows


def _value_texts(indicator, old, new) -> tuple[str, str]:
    """The values as read on the scorecard; when only the result changed (a new target), the results."""
    old_value = _recorded_value(indicator, old)
    new_value = _recorded_value(indicator, new)
    if old is not None and new is not None and old_value == new_value and old.meets != new.meets:
        return _result_text(old.meets), _result_text(new.meets)
    return (
        value_text(indicator, old_value) if old is not None else EMPTY,
        value_text(indicator, new_value) if new is not None else EMPTY,
    )


def _recorded_value(indicator, record):
    if record is None:
        return None
    return value_of(indicator.kind, record.yes_no, record.percent, record.amount)


def _result_text(meets) -> str:
    if meets is None:
        return gettext("Not assessed")
    return gettext("Met") if meets else gettext("Not met")


def _state_rows(commune: Commune, year: int) -> list[HistoryRow]:
    records = (
        CommuneYear.history.filter(commune_id=commune.pk, year=year)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    rows, state = [], CommuneYear.State.DRAFT
    for record in records:
        if record.history_type != DELETED and record.state != state:
            old, new = CommuneYear.State(state).label, CommuneYear.State(record.state).label
            rows.append(
                HistoryRow(record.history_date, record.history_user, "state", gettext("State"), old, new, _note(record))
            )
            state = record.state
    return rows


def _note(record) -> str:
    State = CommuneYear.State
    if record.state == State.APPRAISED and record.council_date:
        return gettext("Council of %(date)s: %(result)s") % {
            "date": date_format(record.council_date, "d/m/Y"),
            "result": record.get_council_result_display(),
        }
    if record.state == State.RECOGNISED:
        return gettext("Decision %(number)s of %(date)s, %(level)s") % {
            "number": record.decision_number,
            "date": date_format(record.decision_date, "d/m/Y") if record.decision_date else EMPTY,
            "level": record.get_decision_level_display(),
        }
    if record.state == State.RETURNED:
        return record.return_reason
    if record.state == State.DRAFT:
        return record.reopen_reason
    return ""


def _commune_rows(commune: Commune) -> list[HistoryRow]:
    records = (
        Commune.history.filter(id=commune.pk)
        .select_related("history_user", "district")
        .order_by("history_date", "history_id")
    )
    rows, before = [], None
    for record in records:
        if record.history_type == ADDED or before is None:
            subject, created = gettext("Commune"), gettext("created")
            rows.append(HistoryRow(record.history_date, record.history_user, "commune", subject, EMPTY, created))
        else:
            for name in COMMUNE_FIELDS:
                old, new = _field_text(before, name), _field_text(record, name)
                if old != new:
                    label = str(Commune._meta.get_field(name).verbose_name)
                    rows.append(HistoryRow(record.history_date, record.history_user, "commune", label, old, new))
        before = record
    return rows


def _field_text(record, name: str) -> str:
    field = Commune._meta.get_field(name)
    value = getattr(record, name if not field.is_relation else f"{name}_id")
    if value in (None, ""):
        return EMPTY
    if field.is_relation:
        return str(getattr(record, name))
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.date):
        return date_format(value, "d/m/Y")
    return str(value)


def _registration_rows(commune: Commune, year: int) -> list[HistoryRow]:
    records = Registration.history.filter(commune_id=commune.pk, year=year).select_related("history_user")
    registered = gettext("registered for %(year)s") % {"year": year}
    return [
        HistoryRow(
            record.history_date,
            record.history_user,
            "registration",
            gettext("Registration"),
            registered if record.history_type == DELETED else EMPTY,
            EMPTY if record.history_type == DELETED else registered,
        )
        for record in records
        if record.history_type in (ADDED, DELETED)
    ]


def _evidence_rows(commune: Commune, year: int) -> list[HistoryRow]:
    records = Evidence.history.filter(
        commune_year__commune_id=commune.pk, commune_year__year=year, history_type__in=[ADDED, DELETED]
    ).select_related("history_user", "indicator")
    rows = []
    for record in records:
        text = f"{record.title} ({record.original_name})"
        subject = gettext("Evidence for %(code)s") % {"code": record.indicator.code}
        old, new = (text, EMPTY) if record.history_type == DELETED else (EMPTY, text)
        rows.append(HistoryRow(record.history_date, record.history_user, "evidence", subject, old, new))
    return rows
