"""Criteria met per commune and year, computed in a fixed number of queries.

The database counts, per (year, commune, criterion), how many indicators are
assessed as met; a criterion is met when that equals its number of indicators.
Everything else (counts, bands, gained / lost, gaps) is plain Python on top.
"""

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

import django
from django.core.cache import cache
from django.db.models import Count, Q

from criteria import rules
from criteria.models import Band, CriteriaSet, Criterion
from ntm.lib.dbstate import database_state

from .models import Assessment

logger = logging.getLogger(__name__)

CACHE_SECONDS = 600  # a state's entry is never stale; this only bounds how long unused ones stay


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

    @property
    def criteria_count(self) -> int:
        return len(self.criteria)

    def met_numbers(self, commune_id: int) -> frozenset[int]:
        return self.met.get(commune_id, frozenset())

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
        met = self.met_numbers(commune_id)
        return [c.number for c in self.criteria if c.number not in met]

    def has_data(self, commune_id: int) -> bool:
        return commune_id in self.assessed


def scores_for_years(
    years: Iterable[int], *, province=None, commune_ids: Iterable[int] | None = None
) -> dict[int, YearScores]:
    """YearScores for each year, in five queries whatever the number of communes or years.

    A province's scores (no `commune_ids`) are cached per year under the database's state
    (`ntm.lib.dbstate`): a dashboard read again before anyone writes costs one query.
    """
    years = sorted(set(years))
    if not years:
        return {}
    state = database_state() if commune_ids is None else None
    if state is None:
        return _scores(years, province=province, commune_ids=commune_ids)
    keys = {year: f"scores:{_CACHE_FORMAT}:{province.pk if province else 0}:{year}:{state}" for year in years}
    try:
        cached = cache.get_many(list(keys.values()))
    except Exception:  # the cache (Redis) is down: compute, the pages stay up
        logger.warning("scores cache unavailable", exc_info=True)
        return _scores(years, province=province, commune_ids=None)
    result = {year: cached[key] for year, key in keys.items() if key in cached}
    missing = [year for year in years if year not in result]
    if missing:
        computed = _scores(missing, province=province, commune_ids=None)
        try:
            cache.set_many({keys[year]: computed[year] for year in missing}, CACHE_SECONDS)
        except Exception:
            logger.warning("scores cache unavailable", exc_info=True)
        result |= computed
    return result


# Entries written by another version of the code or of Django are never read back (a deploy need not write).
_CACHE_FORMAT = hashlib.sha1(f"{django.__version__}|{[f.name for f in fields(YearScores)]}".encode()).hexdigest()[:8]


def _scores(years: list[int], *, province, commune_ids) -> dict[int, YearScores]:
    sets = list(
        CriteriaSet.objects.filter(year_from__lte=max(years), year_to__gte=min(years)).filter(
            Q(province__isnull=True) | Q(province=province) if province is not None else Q(province__isnull=True)
        )
    )
    set_of_year = {year: _set_in_force(sets, year) for year in years}
    set_ids = {s.pk for s in set_of_year.values() if s}
    criteria_by_set: dict[int, list[Criterion]] = defaultdict(list)
    indicator_total: dict[int, int] = {}
    for criterion in Criterion.objects.filter(criteria_set_id__in=set_ids).annotate(total=Count("indicators")):
        criteria_by_set[criterion.criteria_set_id].append(criterion)
        indicator_total[criterion.pk] = criterion.total
    bands_by_set: dict[int, list[rules.BandEdge]] = defaultdict(list)
    for band in Band.objects.filter(criteria_set_id__in=set_ids).order_by("-max_met"):
        bands_by_set[band.criteria_set_id].append(band.as_edge())
    result = {
        year: YearScores(
            year=year,
            criteria_set=s,
            criteria=sorted(criteria_by_set.get(s.pk, []), key=lambda c: c.number) if s else [],
            bands=bands_by_set.get(s.pk, []) if s else [],
            indicator_count=sum(indicator_total[c.pk] for c in criteria_by_set.get(s.pk, [])) if s else 0,
        )
        for year, s in set_of_year.items()
    }
    rows = Assessment.objects.filter(year__in=years, indicator__criterion__criteria_set_id__in=set_ids)
    if commune_ids is not None:
        rows = rows.filter(commune_id__in=list(commune_ids))
    rows = rows.values(
        "year",
        "commune_id",
        "indicator__criterion_id",
        "indicator__criterion__number",
        "indicator__criterion__criteria_set_id",
    ).annotate(met=Count("id", filter=Q(meets=True)), values=Count("id"))
    met: dict[tuple[int, int], set[int]] = defaultdict(set)
    for row in rows:
        scores = result[row["year"]]
        if scores.criteria_set is None or row["indicator__criterion__criteria_set_id"] != scores.criteria_set.pk:
            continue
        scores.assessed.add(row["commune_id"])
        scores.assessed_counts[row["commune_id"]] = scores.assessed_counts.get(row["commune_id"], 0) + row["values"]
        total = indicator_total.get(row["indicator__criterion_id"], 0)
        if total and row["met"] == total:
            met[(row["year"], row["commune_id"])].add(row["indicator__criterion__number"])
    for (year, commune_id), numbers in met.items():
        result[year].met[commune_id] = frozenset(numbers)
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
