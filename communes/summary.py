"""The score summary (`CommuneYearScore`): what each commune-year scores, kept in step with every write.

Every write that can change a commune-year's result calls one function here inside its own transaction:

- values written (form, import, demo): `scores_refresh(commune_ids=..., year=...)`;
- a year locked or unlocked by the workflow: `scores_freeze(commune_ids=..., year=..., frozen=...)`;
- a rule changed (target, indicator, band, criteria set; admin, `load_criteria`, a bulk sheet): the signal
  `criteria.signals.rules_changed` calls `criteria_changed(criteria_set_ids)`, which recomputes the stored `meets`
  of unlocked years and the summary;
- `python manage.py rebuild_scores` recomputes everything (and must give what the writes gave: tested).

Each of them raises the `ScoreVersion` of the (province, year) pairs it touched in the same transaction, so the
cached figures (communes/scoring.py) are never stale and never invalidated by anything else.
"""

from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from criteria import rules
from criteria.models import Band, CriteriaSet, Criterion, Indicator
from criteria.selectors import TargetBook
from provinces.models import Province

from .models import Assessment, Commune, CommuneYear, CommuneYearScore, ScoreVersion, groups_in_year, value_of

logger = logging.getLogger(__name__)
BATCH = 2000
RULES_TTL = 24 * 3600  # seconds a set's cached rules are kept; a change of the rules renews the key anyway


@dataclass
class SetRules:
    """What scoring needs of one criteria set, read once: criteria, indicators, targets, bands."""

    criteria_set: CriteriaSet
    numbers: dict[int, int] = field(default_factory=dict)  # criterion id -> number
    indicators: dict[int, list[Indicator]] = field(default_factory=dict)  # criterion id -> its indicators
    bands: list[rules.BandEdge] = field(default_factory=list)
    book: TargetBook | None = None
    _gaps: dict[tuple, int] = field(default_factory=dict)

    @classmethod
    def load(cls, criteria_set: CriteriaSet) -> SetRules:
        """Read the set's rules from the database: four queries. Each indicator's `criterion` (and its
        `criteria_set`) is one shared instance, so nothing more is read when they are followed."""
        loaded = cls(criteria_set=criteria_set, book=TargetBook(criteria_set))
        criteria = {}
        for criterion in Criterion.objects.filter(criteria_set=criteria_set).order_by("number"):
            criterion.criteria_set = criteria_set
            criteria[criterion.pk] = criterion
            loaded.numbers[criterion.pk] = criterion.number
            loaded.indicators[criterion.pk] = []
        for indicator in Indicator.objects.filter(criterion__criteria_set=criteria_set).order_by("pk"):
            indicator.criterion = criteria[indicator.criterion_id]
            loaded.indicators[indicator.criterion_id].append(indicator)
        loaded.bands = [b.as_edge() for b in Band.objects.filter(criteria_set=criteria_set).order_by("-max_met")]
        return loaded

    @classmethod
    def of(cls, criteria_set: CriteriaSet) -> SetRules:
        """The set's rules from the cache, keyed by the set's `rules_version` (renewed in the transaction of every
        change of its rules, `criteria.signals`), else read (`load`) and cached. `criteria_set` must have been read
        in the caller's transaction: an instance kept from before a change carries an older version."""
        key = f"setrules:{criteria_set.pk}:{criteria_set.rules_version}"
        try:
            found = cache.get(key)
        except Exception:  # the cache server is down: read the rules, as without a cache
            logger.warning("rules cache unavailable", exc_info=True)
            return cls.load(criteria_set)
        if found is None:
            found = cls.load(criteria_set)
            try:
                cache.set(key, found, RULES_TTL)
            except Exception:
                logger.warning("rules cache unavailable", exc_info=True)
        return found

    @cached_property
    def by_id(self) -> dict[int, Indicator]:
        """Indicator id -> indicator, every indicator of the set (built once per loaded rules)."""
        return {indicator.pk: indicator for items in self.indicators.values() for indicator in items}

    @property
    def indicator_total(self) -> int:
        return sum(len(items) for items in self.indicators.values())

    def target(self, indicator: Indicator, *, target_class: str, year: int, province_id: int):
        return self.book.target(indicator.pk, target_class=target_class, year=year, province_id=province_id)

    def not_assessable_mask(self, *, target_class: str, year: int, province_id: int) -> int:
        """Criteria that cannot be judged for this class, year and province (no indicator, or one without a
        target): `rules.criterion_status`."""
        key = (target_class, year, province_id)
        if key not in self._gaps:
            gaps = []
            for criterion_id, indicators in self.indicators.items():
                without = sum(
                    1
                    for i in indicators
                    if self.target(i, target_class=target_class, year=year, province_id=province_id) is None
                )
                status = rules.criterion_status(indicator_count=len(indicators), without_target=without, met=0)
                if status == rules.CriterionStatus.NOT_ASSESSABLE:
                    gaps.append(self.numbers[criterion_id])
            self._gaps[key] = rules.numbers_mask(gaps)
        return self._gaps[key]


@dataclass(frozen=True)
class _Place:
    commune_id: int
    province_id: int
    district_id: int | None
    target_class: str


def _places(commune_ids: Iterable[int], criteria_set_of) -> dict[int, _Place]:
    places = {}
    commune_ids = list(commune_ids)
    rows = Commune.objects.filter(pk__in=commune_ids).values_list(
        "pk", "province_id", "district_id", "province__region__code"
    )
    groups: dict[int, dict[int, int]] = {}  # set id -> commune id -> group (sets by commune group only)
    for pk, province_id, district_id, region_code in rows:
        criteria_set = criteria_set_of(province_id)
        if criteria_set is None:
            continue
        chosen = criteria_set.criteria_set
        if chosen.target_basis == CriteriaSet.TargetBasis.COMMUNE_GROUP and chosen.pk not in groups:
            groups[chosen.pk] = groups_in_year(commune_ids, criteria_set=chosen, year=criteria_set_of.year)
        group = groups.get(chosen.pk, {}).get(pk)
        target_class = chosen.target_class_for(region_code=region_code, commune_group=group)
        places[pk] = _Place(pk, province_id, district_id, target_class)
    return places


class _SetCache:
    """The set in force per province for one year, and its rules, each read once."""

    def __init__(self, year: int):
        self.year = year
        self._by_province: dict[int, SetRules | None] = {}
        self._by_set: dict[int, SetRules] = {}

    def __call__(self, province_id: int) -> SetRules | None:
        if province_id not in self._by_province:
            criteria_set = CriteriaSet.objects.for_year(self.year, province_id).first()
            if criteria_set is None:
                self._by_province[province_id] = None
            else:
                if criteria_set.pk not in self._by_set:
                    self._by_set[criteria_set.pk] = SetRules.of(criteria_set)
                self._by_province[province_id] = self._by_set[criteria_set.pk]
        return self._by_province[province_id]


def scores_refresh(*, commune_ids: Iterable[int], year: int) -> int:
    """Recompute the summary rows of these communes for `year` from their stored values and today's rules.

    A row that is not frozen takes today's result; a frozen one (its year is locked) keeps the result it was
    judged with and records today's in its `live_*` columns. A commune-year with no value loses its row (no data).
    Must run inside the transaction that changed the values. Returns the number of rows written or removed.
    """
    ids = sorted(set(commune_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        written += _refresh_batch(ids[start : start + BATCH], year)
    return written


def score_refresh_one(
    *, commune: Commune, year: int, set_rules: SetRules, target_class: str, meets: dict[int, bool]
) -> None:
    """Write one commune-year's summary row from the values it holds after a write (indicator id -> meets, every
    value of the year, of any set) and raise its (province, year) version: two queries, no reading.

    The twin of `scores_refresh` for the save of one commune-year (the entry form), which already holds the
    rules, the commune's target class and every stored value. Only for a year that is not locked (the save
    checked it, `commune_years_lock`): its row is not frozen, so it takes today's result.
    """
    criterion_of = {indicator.pk: indicator.criterion_id for indicator in set_rules.by_id.values()}
    counts: dict[int, tuple[int, int]] = {}
    for indicator_id, met in meets.items():
        criterion_id = criterion_of.get(indicator_id)
        if criterion_id is not None:
            done, values = counts.get(criterion_id, (0, 0))
            counts[criterion_id] = (done + bool(met), values + 1)
    gaps = set_rules.not_assessable_mask(target_class=target_class, year=year, province_id=commune.province_id)
    result = _result(set_rules, counts, gaps)
    if result.assessed == 0:
        CommuneYearScore.objects.filter(commune=commune, year=year).delete()
    else:
        CommuneYearScore.objects.bulk_create(
            [_score_row(commune.pk, year, commune.province_id, commune.district_id, set_rules, result)],
            update_conflicts=True,
            unique_fields=["commune", "year"],
            update_fields=SCORE_FIELDS,
        )
    versions_bump([(commune.province_id, year)])


SCORE_FIELDS = [
    "province",
    "district",
    "criteria_set",
    "criteria_met",
    "met_mask",
    "not_assessable_mask",
    "all_met",
    "band",
    "indicators_assessed",
    "indicators_total",
    "frozen",
    "live_met_mask",
    "live_not_assessable_mask",
]


def _score_row(commune_id, year, province_id, district_id, set_rules: SetRules, live: _Result) -> CommuneYearScore:
    return CommuneYearScore(
        commune_id=commune_id,
        year=year,
        province_id=province_id,
        district_id=district_id,
        criteria_set=set_rules.criteria_set,
        criteria_met=live.criteria_met,
        met_mask=live.met_mask,
        not_assessable_mask=live.not_assessable_mask,
        all_met=live.all_met,
        band=live.band or "",
        indicators_assessed=live.assessed,
        indicators_total=set_rules.indicator_total,
        frozen=False,
        live_met_mask=live.met_mask,
        live_not_assessable_mask=live.not_assessable_mask,
    )


def _refresh_batch(ids: list[int], year: int) -> int:
    sets = _SetCache(year)
    places = _places(ids, sets)
    existing = {row.commune_id: row for row in CommuneYearScore.objects.filter(commune_id__in=ids, year=year)}
    counts: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)  # commune -> criterion -> (met, values)
    set_ids = {sets(p.province_id).criteria_set.pk for p in places.values()}
    grouped = (
        Assessment.objects.filter(
            commune_id__in=list(places), year=year, indicator__criterion__criteria_set__in=set_ids
        )
        .values_list("commune_id", "indicator__criterion_id")
        .annotate(met=Count("pk", filter=Q(meets=True)), values=Count("pk"))
        .order_by()
    )
    for commune_id, criterion_id, met, values in grouped:
        counts[commune_id][criterion_id] = (met, values)
    frozen_live = _frozen_live_counts(
        [pk for pk, row in existing.items() if row.frozen and pk in places], year, places, sets
    )
    upserts, frozen_updates, removed = [], [], []
    for commune_id, place in places.items():
        set_rules = sets(place.province_id)
        gaps = set_rules.not_assessable_mask(target_class=place.target_class, year=year, province_id=place.province_id)
        live = _result(set_rules, frozen_live.get(commune_id, counts.get(commune_id, {})), gaps)
        row = existing.get(commune_id)
        if row is not None and row.frozen:
            row.live_met_mask, row.live_not_assessable_mask = live.met_mask, live.not_assessable_mask
            frozen_updates.append(row)
            continue
        if live.assessed == 0:
            if row is not None:
                removed.append(row.pk)
            continue
        upserts.append(_score_row(commune_id, year, place.province_id, place.district_id, set_rules, live))
    if removed:
        CommuneYearScore.objects.filter(pk__in=removed).delete()
    CommuneYearScore.objects.bulk_create(
        upserts,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["commune", "year"],
        update_fields=SCORE_FIELDS,
    )
    CommuneYearScore.objects.bulk_update(
        frozen_updates, ["live_met_mask", "live_not_assessable_mask"], batch_size=BATCH
    )
    versions_bump({(p.province_id, year) for p in places.values()} | {(r.province_id, year) for r in existing.values()})
    return len(upserts) + len(frozen_updates) + len(removed)


@dataclass(frozen=True)
class _Result:
    criteria_met: int
    met_mask: int
    not_assessable_mask: int
    all_met: bool
    band: str | None
    assessed: int


def _result(set_rules: SetRules, counts: dict[int, tuple[int, int]], gaps: int) -> _Result:
    """One commune-year's result from its (met, values) counts per criterion id and its not-assessable mask."""
    met_numbers = []
    assessed = 0
    for criterion_id, number in set_rules.numbers.items():
        met, values = counts.get(criterion_id, (0, 0))
        assessed += values
        if gaps >> number & 1:
            continue
        status = rules.criterion_status(
            indicator_count=len(set_rules.indicators[criterion_id]), without_target=0, met=met
        )
        if status == rules.CriterionStatus.MET:
            met_numbers.append(number)
    met_mask = rules.numbers_mask(met_numbers)
    total = len(set_rules.numbers)
    return _Result(
        criteria_met=len(met_numbers),
        met_mask=met_mask,
        not_assessable_mask=gaps,
        all_met=total > 0 and len(met_numbers) == total,
        band=rules.band_for(len(met_numbers), set_rules.bands),
        assessed=assessed,
    )


def _frozen_live_counts(ids: list[int], year: int, places: dict[int, _Place], sets: _SetCache) -> dict:
    """For locked years: today's (met, values) per criterion, judging the stored values against today's targets
    (their stored `meets` stay as judged)."""
    if not ids:
        return {}
    result: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    rows = Assessment.objects.filter(commune_id__in=ids, year=year).select_related("indicator")
    for row in rows:
        place = places[row.commune_id]
        set_rules = sets(place.province_id)
        indicator = row.indicator
        if indicator.criterion_id not in set_rules.numbers:
            continue
        target = set_rules.target(indicator, target_class=place.target_class, year=year, province_id=place.province_id)
        value = value_of(indicator.kind, row.yes_no, row.percent, row.amount)
        counts = result[row.commune_id][indicator.criterion_id]
        counts[1] += 1
        counts[0] += rules.meets(indicator.kind, indicator.comparator, target, value) is True
    return {pk: {c: tuple(v) for c, v in by.items()} for pk, by in result.items()}


def scores_freeze(*, commune_ids: Iterable[int], year: int, frozen: bool) -> None:
    """A year locked (`frozen=True`) keeps the result it has now; unlocked, it takes today's result again."""
    ids = list(commune_ids)
    rows = CommuneYearScore.objects.filter(commune_id__in=ids, year=year)
    if frozen:
        rows.update(frozen=True)
        return
    if not rows.filter(frozen=True).exists():
        return
    rows.update(frozen=False)
    _meets_refresh(ids, year)  # the values kept their judged results while locked: judge them by today's rules
    scores_refresh(commune_ids=ids, year=year)


def _meets_refresh(commune_ids: list[int], year: int) -> None:
    from .services import assessments_recompute

    for criteria_set in CriteriaSet.objects.filter(
        criteria__indicators__assessments__commune_id__in=commune_ids, criteria__indicators__assessments__year=year
    ).distinct():
        assessments_recompute(criteria_set=criteria_set, year=year, exclude=~Q(commune_id__in=commune_ids))


def versions_bump(pairs: Iterable[tuple[int, int]]) -> None:
    """Give each (province id, year) a new version: a random number never given before (63 bits), not a counter,
    so figures cached under the version a transaction wrote can never be served to anyone if that transaction
    rolls back. Called last in a transaction touching scores: the row lock it takes is held the shortest time,
    always after the commune-years' locks."""
    pairs = sorted(set(pairs))
    if not pairs:
        return
    ScoreVersion.objects.bulk_create(  # one upsert: INSERT ... ON CONFLICT (province, year) DO UPDATE SET version
        [ScoreVersion(province_id=p, year=y, version=secrets.randbits(63)) for p, y in pairs],
        update_conflicts=True,
        unique_fields=["province", "year"],
        update_fields=["version"],
    )


def versions_of(province_id: int, years: Iterable[int]) -> dict[int, int]:
    """The current version of each year's scores in the province (0 when never written): one query."""
    found = dict(
        ScoreVersion.objects.filter(province_id=province_id, year__in=list(years)).values_list("year", "version")
    )
    return {year: found.get(year, 0) for year in years}


# Rule changes ----------------------------------------------------------------------------------------------------


def criteria_changed(criteria_set_ids: Iterable[int]) -> int:
    """After a change of rules (a target, an indicator, a band, a set's years): recompute the stored `meets` of
    every unlocked commune-year the sets cover and their summary rows; locked years keep their results and get
    today's in their `live_*` columns. Runs in the caller's transaction. Returns the summary rows written.

    Bulk writers batch their changes with `criteria.signals.rules_changes_batched()`.
    """
    ids = set(criteria_set_ids)
    written = 0
    with transaction.atomic():
        for criteria_set in CriteriaSet.objects.filter(pk__in=ids):
            years = set(range(criteria_set.year_from, criteria_set.year_to + 1))
            years |= set(CommuneYearScore.objects.filter(criteria_set=criteria_set).values_list("year", flat=True))
            for year in sorted(years):
                assessments_recompute_unlocked(criteria_set=criteria_set, year=year)
                communes = set(
                    Assessment.objects.filter(year=year, indicator__criterion__criteria_set=criteria_set)
                    .values_list("commune_id", flat=True)
                    .distinct()
                )
                communes |= set(
                    CommuneYearScore.objects.filter(year=year, criteria_set=criteria_set).values_list(
                        "commune_id", flat=True
                    )
                )
                written += scores_refresh(commune_ids=communes, year=year)
            # What the pages show of the rules themselves (targets unverified, criteria that cannot be judged)
            # moves even where no commune has values yet: every province the set covers gets new versions.
            if criteria_set.province_id:
                provinces = [criteria_set.province_id]
            else:
                provinces = list(Province.objects.values_list("pk", flat=True))
            versions_bump([(province, year) for province in provinces for year in years])
    return written


def assessments_recompute_unlocked(*, criteria_set: CriteriaSet, year: int) -> int:
    """Recompute `meets` of the set's values in `year`, except in locked commune-years (they keep theirs)."""
    from .services import assessments_recompute

    locked = CommuneYear.objects.filter(
        commune=OuterRef("commune"), year=OuterRef("year"), state__in=CommuneYear.LOCKED_STATES
    )
    return assessments_recompute(criteria_set=criteria_set, year=year, exclude=Exists(locked))


def scores_rebuild(*, province=None, years: Iterable[int] | None = None, progress=None) -> int:
    """Recompute every summary row (of a province, of some years) from the stored values; frozen rows keep the
    result they were judged with. `progress(done, total)` is called per batch. Returns rows written."""
    rows = Assessment.objects.all()
    if province is not None:
        rows = rows.filter(commune__province=province)
    if years is not None:
        rows = rows.filter(year__in=list(years))
    pairs = sorted(set(rows.order_by().values_list("year", "commune_id").distinct()))
    summary = CommuneYearScore.objects.all()
    if province is not None:
        summary = summary.filter(province=province)
    if years is not None:
        summary = summary.filter(year__in=list(years))
    pairs = sorted(set(pairs) | set(summary.values_list("year", "commune_id")))
    by_year: dict[int, list[int]] = defaultdict(list)
    for year, commune_id in pairs:
        by_year[year].append(commune_id)
    provinces = (
        [province.pk]
        if province is not None
        else list(CommuneYearScore.objects.values_list("province_id", flat=True).distinct())
    )
    versions_bump((pk, 0) for pk in provinces)  # recognitions and states may have been written in bulk too
    done, written = 0, 0
    for year, ids in sorted(by_year.items()):
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            with transaction.atomic():
                _sync_frozen(batch, year)
                written += scores_refresh(commune_ids=batch, year=year)
            done += len(batch)
            if progress is not None:
                progress(done, len(pairs))
    return written


def _sync_frozen(ids: list[int], year: int) -> None:
    """Frozen flags follow the commune-years' lock (rows of locked years with no summary yet start frozen)."""
    locked = set(
        CommuneYear.objects.filter(commune_id__in=ids, year=year, state__in=CommuneYear.LOCKED_STATES).values_list(
            "commune_id", flat=True
        )
    )
    CommuneYearScore.objects.filter(commune_id__in=ids, year=year).exclude(commune_id__in=locked).filter(
        frozen=True
    ).update(frozen=False)
    missing_frozen = locked - set(
        CommuneYearScore.objects.filter(commune_id__in=locked, year=year).values_list("commune_id", flat=True)
    )
    if missing_frozen:
        scores_refresh(commune_ids=missing_frozen, year=year)
    CommuneYearScore.objects.filter(commune_id__in=locked, year=year).update(frozen=True)


def _results_snapshot() -> dict[tuple[int, int], tuple]:
    return {
        (commune_id, year): rest
        for commune_id, year, *rest in CommuneYearScore.objects.values_list(
            "commune_id",
            "year",
            "frozen",
            "met_mask",
            "not_assessable_mask",
            "live_met_mask",
            "live_not_assessable_mask",
        ).order_by()
    }


def results_impact_probe(change):
    """criteria.impact's probe: the commune-years whose result `change` moves, and the locked ones it touches."""
    from criteria.impact import Impact

    before = _results_snapshot()
    result = change()
    after = _results_snapshot()
    impact = Impact()
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        frozen = (new or old)[0]
        if frozen:
            if old is None or new is None or old[3:] != new[3:]:
                impact.locked += 1
                impact.years.add(key[1])
        elif old is None or new is None or old[1:3] != new[1:3]:
            impact.changed += 1
            impact.years.add(key[1])
    return impact, result
