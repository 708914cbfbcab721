"""Reads of trainings and events: the calendar's events, the district coverage and the dashboard section."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from accounts import policy
from communes.models import District
from provinces.selectors import default_province

from .models import Training


def trainings_between(*, start: datetime.date, end: datetime.date, user) -> list[dict]:
    """Trainings and events taking place (at least one day) between `start` and `end`, both included, for the
    calendar: `[{"title", "start", "end", "url", "kind"}]` with `start` and `end` as `datetime.date` (`end` is
    the last day, included: a calendar counting all-day ends as exclusive adds one day), `kind` the code
    (course, study_tour, fair, other) and `kind_label` its name. Everyone with a role reads every training;
    anyone else gets []. One query.
    """
    if not policy.can_view(user):
        return []
    trainings = Training.objects.filter(starts_on__lte=end, ends_on__gte=start).order_by("starts_on", "pk")
    return [
        {
            "title": t.title,
            "start": t.starts_on,
            "end": t.ends_on,
            "url": t.get_absolute_url(),
            "kind": t.kind,
            "kind_label": str(t.get_kind_display()),
        }
        for t in trainings
    ]


def covered_district_ids(training: Training) -> set[int | None]:
    """The districts a training concerns (its own and its communes'); {None} for a province-wide one."""
    ids = {d.pk for d in training.districts.all()} | {c.district_id for c in training.communes.all()}
    ids.discard(None)
    if training.level == Training.Level.PROVINCE or not ids:
        return {None}
    return ids


@dataclass
class Tally:
    """Trainings and participants counted for a level, a district or the province."""

    courses: int = 0
    events: int = 0
    participants: int = 0
    officials: int = 0
    residents: int = 0

    def add(self, training: dict) -> None:
        self.events += 1
        self.courses += training["kind"] == Training.Kind.COURSE
        self.participants += training["participants"]
        self.officials += training["officials"] or 0
        self.residents += training["residents"] or 0


@dataclass
class TallyRow:
    label: str
    district: District | None
    year: Tally = field(default_factory=Tally)
    cumulated: Tally = field(default_factory=Tally)


@dataclass
class TrainingBoard:
    year: int
    first_year: int
    levels: list[TallyRow]
    districts: list[TallyRow]
    total: TallyRow
    kinds: dict[str, int]


def trainings_board(*, year: int, first_year: int = 2011, province=None) -> TrainingBoard:
    """Courses, events and participants in `year` and cumulated since `first_year`, by level and by district.

    A training counts once in each district it covers (its districts and its communes' districts), so the
    district rows may add up to more than the province's total; province-wide ones have their own row. The
    districts are `province`'s (default: the installation's). 4 queries (5 without `province`).
    """
    rows = list(
        Training.objects.filter(starts_on__year__gte=first_year, starts_on__year__lte=year).values(
            "pk", "kind", "level", "starts_on", "participants", "officials", "residents"
        )
    )
    ids = [row["pk"] for row in rows]
    districts_of: dict[int, set[int]] = defaultdict(set)
    for training_id, district_id in Training.districts.through.objects.filter(training_id__in=ids).values_list(
        "training_id", "district_id"
    ):
        districts_of[training_id].add(district_id)
    for training_id, district_id in Training.communes.through.objects.filter(training_id__in=ids).values_list(
        "training_id", "commune__district_id"
    ):
        if district_id is not None:
            districts_of[training_id].add(district_id)
    levels = {value: TallyRow(label=str(label), district=None) for value, label in Training.Level.choices}
    province_wide = TallyRow(label="", district=None)
    by_district: dict[int, TallyRow] = {
        d.pk: TallyRow(label=d.name, district=d)
        for d in District.objects.in_year(year).filter(province=province or default_province()).order_by("code")
    }
    total = TallyRow(label="", district=None)
    kinds: dict[str, int] = dict.fromkeys(Training.Kind.values, 0)
    for row in rows:
        this_year = row["starts_on"].year == year
        targets = [levels[row["level"]], total]
        covered = districts_of.get(row["pk"]) or set()
        if row["level"] == Training.Level.PROVINCE or not covered:
            targets.append(province_wide)
        targets += [by_district[d] for d in covered if d in by_district]
        for target in targets:
            target.cumulated.add(row)
            if this_year:
                target.year.add(row)
        if this_year:
            kinds[row["kind"]] += 1
    district_rows = [province_wide, *by_district.values()]
    return TrainingBoard(
        year=year,
        first_year=first_year,
        levels=list(levels.values()),
        districts=district_rows,
        total=total,
        kinds=kinds,
    )


__all__ = ["trainings_between", "trainings_board", "covered_district_ids"]
