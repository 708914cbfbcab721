"""Criteria met per commune and year, read from the score summary (communes/summary.py).

`scores_for_years` reads the summary rows of the scope asked for (a province, a district, some communes) and
returns one `YearScores` per year; everything else (counts, bands, gained / lost, gaps) is plain Python on top.
A province's scores are cached per year under that year's `ScoreVersion`, which every write of the year's
scores raises in its own transaction: an entry is never stale, and nothing else invalidates it.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

import django
from django.db.models import Count, Q

from criteria import rules
from criteria.models import Band, CriteriaSet, Criterion
from ntm.lib.cached import cached_many

from .models import CommuneYearScore
from .summary import versions_of


@dataclass
class YearScores:
    """Which criteria each commune met in one year, under the set in force that year."""

    year: int
    criteria_set: CriteriaSet | None
    criteria: list[Criterion] = field(default_factory=list)
    bands: list[rules.BandEdge] = field(default_factory=list)
    met: dict[int, frozenset[int]] = field(default_factory=dict)  # commune id -> criterion numbers met
    assessed: set[int] = field(default_factory=set)  # communes with any value this year
    indicator_count: int = 0  # indicators of the year's set
    assessed_counts: dict[int, int] = field(default_factory=dict)  # commune id -> indicators with a value
    not_assessable_numbers: dict[int, frozenset[int]] = field(default_factory=dict)  # commune id -> criteria
    differs_today: set[int] = field(default_factory=set)  # locked years today's rules would judge differently

    @property
    def criteria_count(self) -> int:
        return len(self.criteria)

    def met_numbers(self, commune_id: int) -> frozenset[int]:
        return self.met.get(commune_id, frozenset())

    def not_assessable(self, commune_id: int) -> frozenset[int]:
        """Criteria that cannot be judged for the commune (no indicator, or an indicator without a target)."""
        return self.not_assessable_numbers.get(commune_id, frozenset())

    def count(self, commune_id: int) -> int:
        return len(self.met_numbers(commune_id))

    def all_met(self, commune_id: int) -> bool:
        return self.criteria_count > 0 and self.count(commune_id) == self.criteria_count

    def band(self, commune_id: int) -> str | None:
        """The band of the commune's count; None for a commune with no value this year ("no data yet")."""
        if not self.has_data(commune_id):
            return None
        return rules.band_for(self.count(commune_id), self.bands)

    def not_assessed(self, commune_id: int) -> int:
        """Indicators of the year's set without a recorded value for the commune."""
        return self.indicator_count - self.assessed_counts.get(commune_id, 0)

    def missing(self, commune_id: int) -> list[int]:
        """Criteria not met, the not assessable ones left out (they are neither met nor failed)."""
        met, open_ = self.met_numbers(commune_id), self.not_assessable(commune_id)
        return [c.number for c in self.criteria if c.number not in met and c.number not in open_]

    def has_data(self, commune_id: int) -> bool:
        return commune_id in self.assessed


def scores_for_years(
    years: Iterable[int], *, province=None, commune_ids: Iterable[int] | None = None, district=None
) -> dict[int, YearScores]:
    """YearScores for each year, for the communes of `province`, of `district`, or the `commune_ids` given.

    Queries: the versions (a province's scores, cached), then on a miss the sets, criteria, bands and the
    summary rows of the scope, whatever the number of communes or years.
    """
    years = sorted(set(years))
    if not years:
        return {}
    if commune_ids is not None or district is not None or province is None:
        return _scores(years, province=province, commune_ids=commune_ids, district=district)
    versions = versions_of(province.pk, years)
    keys = {year: f"scores:{_CACHE_FORMAT}:{province.pk}:{year}:{versions[year]}" for year in years}
    year_of = {key: year for year, key in keys.items()}

    def compute(missing: list[str]) -> dict[str, YearScores]:
        computed = _scores([year_of[key] for key in missing], province=province, commune_ids=None, district=None)
        return {keys[year]: value for year, value in computed.items()}

    values = cached_many(list(keys.values()), compute)
    return {year: values[key] for year, key in keys.items()}


# Entries written by another version of the code or of Django are never read back (a deploy need not write).
_CACHE_FORMAT = hashlib.sha1(f"{django.__version__}|{[f.name for f in fields(YearScores)]}".encode()).hexdigest()[:8]


def _scores(years: list[int], *, province, commune_ids, district) -> dict[int, YearScores]:
    if province is None and district is not None:
        province = district.province
    sets = list(
        CriteriaSet.objects.filter(year_from__lte=max(years), year_to__gte=min(years)).filter(
            Q(province__isnull=True) | Q(province=province) if province is not None else Q(province__isnull=True)
        )
    )
    set_of_year = {year: _set_in_force(sets, year) for year in years}
    set_ids = {s.pk for s in set_of_year.values() if s}
    criteria_by_set: dict[int, list[Criterion]] = {}
    indicator_total: dict[int, int] = {}
    for criterion in Criterion.objects.filter(criteria_set_id__in=set_ids).annotate(total=Count("indicators")):
        criteria_by_set.setdefault(criterion.criteria_set_id, []).append(criterion)
        indicator_total[criterion.criteria_set_id] = indicator_total.get(criterion.criteria_set_id, 0) + criterion.total
    bands_by_set: dict[int, list[rules.BandEdge]] = {}
    for band in Band.objects.filter(criteria_set_id__in=set_ids).order_by("-max_met"):
        bands_by_set.setdefault(band.criteria_set_id, []).append(band.as_edge())
    result = {
        year: YearScores(
            year=year,
            criteria_set=s,
            criteria=sorted(criteria_by_set.get(s.pk, []), key=lambda c: c.number) if s else [],
            bands=bands_by_set.get(s.pk, []) if s else [],
            indicator_count=indicator_total.get(s.pk, 0) if s else 0,
        )
        for year, s in set_of_year.items()
    }
    rows = CommuneYearScore.objects.filter(year__in=years, criteria_set_id__in=set_ids)
    if commune_ids is not None:
        rows = rows.filter(commune_id__in=list(commune_ids))
    elif district is not None:
        rows = rows.filter(district=district)
    elif province is not None:
        rows = rows.filter(province=province)
    columns = ("year", "commune_id", "criteria_set_id", "met_mask", "not_assessable_mask", "indicators_assessed")
    for year, commune_id, set_id, met, gaps, assessed, frozen, live_met, live_gaps in rows.values_list(
        *columns, "frozen", "live_met_mask", "live_not_assessable_mask"
    ).order_by():
        scores = result[year]
        if scores.criteria_set is None or set_id != scores.criteria_set.pk:
            continue
        scores.assessed.add(commune_id)
        scores.assessed_counts[commune_id] = assessed
        if met:
            scores.met[commune_id] = rules.mask_numbers(met)
        if gaps:
            scores.not_assessable_numbers[commune_id] = rules.mask_numbers(gaps)
        if frozen and (met, gaps) != (live_met, live_gaps):
            scores.differs_today.add(commune_id)
    return result


def _set_in_force(sets: list[CriteriaSet], year: int) -> CriteriaSet | None:
    """A province's variant beats the national set; the newest start wins."""
    candidates = [s for s in sets if s.year_from <= year <= s.year_to]
    candidates.sort(key=lambda s: (s.province_id is not None, s.year_from), reverse=True)
    return candidates[0] if candidates else None


def change_between(previous: YearScores, current: YearScores, commune_id: int) -> tuple[list[int], list[int]]:
    """Criteria gained and lost from one year to the next (by number)."""
    before, after = previous.met_numbers(commune_id), current.met_numbers(commune_id)
    return sorted(after - before), sorted(before - after)
