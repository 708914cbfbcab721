"""The country's figures: every province on this server side by side (the central coordination office's view, or
a server shared by several provinces), read from the score summary in a fixed number of queries.

Each province is judged as its own dashboard judges it (its own variant of the set where it has one, its own
communes of the year, the same `_figures` rules), so a province's row equals its province dashboard's headline and
the country's figures are the sum of its provinces'. Nothing here reads the assessments: 10,000 communes cost one
read of the two years' summary rows (about 20,000) and one grouped read of the trend.
"""

import datetime
import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Sum

from communes.models import Commune, CommuneYearScore, ScoreVersion
from communes.scoring import _set_in_force, scores_for_years
from criteria.models import CriteriaSet
from ntm.lib.rows import table
from ntm.lib.text import vi_sort_key
from provinces.models import Province

from .selectors import CriterionRow, Figures, TrendPoint, _figures, _places, _Score, figures_json


@dataclass
class ProvinceRow:
    """A province's headline in the year and the year before, and the set it is judged by."""

    province_id: int
    code: str
    name: str
    current: Figures
    previous: Figures
    own_set: str  # the province's own variant of the set in force (its code), empty: the national set


@dataclass
class Nation:
    """The country's dashboard in `year`: totals, one row per province, the criteria and the trend."""

    year: int
    criteria_set: str  # the national set in force (empty: none)
    current: Figures
    previous: Figures
    provinces: list[ProvinceRow]
    criteria: list[CriterionRow]
    trend: list[TrendPoint]
    criteria_set_code: str = ""
    cutoff = None  # provinces set their own report cut-off: no national one

    @property
    def average_change(self) -> float:
        return round(self.current.average_criteria_met - self.previous.average_criteria_met, 2)

    @property
    def own_set_provinces(self) -> list[ProvinceRow]:
        return [row for row in self.provinces if row.own_set]


_STAMP_MODULI = (2_147_483_647, 2_147_483_629)  # two primes under 2**31: ten thousand rows sum well inside 64 bits


def national_stamp(exclude_years: Iterable[int] = ()) -> str:
    """A value that changes whenever any province's score version of any year does (but `exclude_years`): the key
    of figures read across provinces. One query, a row per year whatever the number of provinces.

    Per year it takes the number of versions and their sums modulo two primes. Versions are random 63-bit numbers
    renewed in the writing transaction (communes/summary.py: versions_bump), so a renewed version leaves both sums
    unchanged with a probability of about 2**-62.
    """
    exclude = list(exclude_years)
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(len(exclude)), [*_STAMP_MODULI, *exclude])
        rows = cursor.fetchall()
    return hashlib.sha1(repr(rows).encode()).hexdigest()[:16]


@functools.cache  # written once per process for each number of years excluded (ntm/lib/rows.py)
def _stamp_sql(excluded: int) -> str:
    where = f"WHERE year NOT IN ({', '.join(['%s'] * excluded)})" if excluded else ""
    return (
        f"SELECT year, count(*), sum(version %% %s), sum(version %% %s) FROM {table(ScoreVersion)} {where} "
        "GROUP BY year ORDER BY year"
    )


def national_years() -> list[int]:
    """Years with a summary row in any province, newest first; this year when there is none. One query over the
    versions (a row per province and year), not over the summary's rows."""
    has_scores = CommuneYearScore.objects.filter(province_id=OuterRef("province_id"), year=OuterRef("year"))
    versions = ScoreVersion.objects.filter(year__gt=1).filter(Exists(has_scores))  # 0, 1: pseudo-years
    years = sorted(set(versions.order_by().values_list("year", flat=True).distinct()), reverse=True)
    return years or [datetime.date.today().year]


@dataclass(frozen=True)
class ProvincePart:
    """A province's share of the country's figures in a year, kept apart so that a write in one province
    recomputes only that province (dashboard/cache.py: parts_cached)."""

    row: ProvinceRow
    met_sums: tuple[int, int]  # criteria met summed over the communes with data: the year, the year before
    criteria: dict[int, tuple[int, int]]  # criterion number -> (communes meeting it, communes it cannot judge)
    trend: dict[int, tuple[int, int, int]]  # year -> (communes with data, criteria met summed, communes recognised)


PartsCompute = Callable[[list[Province]], dict[int, ProvincePart]]


def nation_build(
    *, year: int, years: list[int], parts: Callable[[list[Province], int, list[int], PartsCompute], dict] | None = None
) -> Nation:
    """The figures of every province existing at the end of `year`, beside `year - 1`, with the trend over `years`.

    Shapes: `years` are the years with data (any order). `parts(provinces, year, trend_years, compute)` may serve
    each province's part from a cache ({province id: ProvincePart}), calling `compute(missing provinces)` for the
    rest; without it every part is computed. Queries: 5, plus 4 when any part is computed, whatever the number of
    provinces or communes (the provinces, the sets, the national sets' criteria and bands; the recognitions, the
    communes, the two years' summary rows, the trend). A commune counts where it stood at the end of `year`
    (Commune.objects.in_year), as on the province pages.
    """
    trend_years = sorted({*years, year, year - 1})
    provinces = sorted(Province.objects.in_year(year), key=lambda p: (vi_sort_key(p.name), p.code))
    sets = list(CriteriaSet.objects.filter(year_from__lte=max(trend_years), year_to__gte=min(trend_years)))
    national = scores_for_years([year - 1, year], commune_ids=[])  # the national set's criteria and bands
    info, previous_info = national[year], national[year - 1]

    def compute(missing: list[Province]) -> dict[int, ProvincePart]:
        set_of = {
            (p.pk, y): _set_in_force([s for s in sets if s.province_id in (None, p.pk)], y)
            for p in missing
            for y in trend_years
        }
        return _parts(missing, year, sorted(set(years)), set_of, (info.bands, previous_info.bands))

    found = parts(provinces, year, trend_years, compute) if parts else compute(provinces)
    return _nation(year, info, previous_info, [found[p.pk] for p in provinces])


def _nation(year: int, info, previous_info, parts: list[ProvincePart]) -> Nation:
    """The country from its provinces' parts: sums, and averages from the summed criteria met (never an average
    of averages)."""

    def total(figures: list[Figures], met_sum: int, bands) -> Figures:
        assessed = sum(f.communes - f.no_data for f in figures)
        return Figures(
            communes=sum(f.communes for f in figures),
            no_data=sum(f.no_data for f in figures),
            recognised=sum(f.recognised for f in figures),
            all_criteria_met=sum(f.all_criteria_met for f in figures),
            average_criteria_met=round(met_sum / assessed, 2) if assessed else 0.0,
            bands={band.label: sum(f.bands.get(band.label, 0) for f in figures) for band in bands},
        )

    current = total([p.row.current for p in parts], sum(p.met_sums[0] for p in parts), info.bands)
    assessed = current.communes - current.no_data
    criteria = []
    for criterion in info.criteria:
        met = sum(p.criteria.get(criterion.number, (0, 0))[0] for p in parts)
        open_ = sum(p.criteria.get(criterion.number, (0, 0))[1] for p in parts)
        share = round(100 * met / assessed, 1) if assessed else 0.0
        criteria.append(CriterionRow(criterion.number, criterion.name, met, share, open_))
    trend = []
    for trend_year in sorted({y for p in parts for y in p.trend}):
        n, met, recognised = (sum(p.trend[trend_year][i] for p in parts if trend_year in p.trend) for i in range(3))
        trend.append(TrendPoint(trend_year, recognised, round(met / n, 2) if n else 0.0))
    return Nation(
        year=year,
        criteria_set=str(info.criteria_set) if info.criteria_set else "",
        current=current,
        previous=total([p.row.previous for p in parts], sum(p.met_sums[1] for p in parts), previous_info.bands),
        provinces=[p.row for p in parts],
        criteria=sorted(criteria, key=lambda row: (row.communes_met, row.number)),
        trend=trend,
        criteria_set_code=info.criteria_set.code if info.criteria_set else "",
    )


def _parts(provinces: list[Province], year: int, years: list[int], set_of: dict, bands) -> dict[int, ProvincePart]:
    """Each province's part, from four queries over all of `provinces` together."""
    base = Commune.objects.in_year(year).filter(in_programme=True, province__in=[p.pk for p in provinces])
    places = _places(base)
    province_of = {pk: place.province_id for pk, place in places.items()}
    scores, previous = _scores(base, year, set_of, province_of)
    trend = _trend(base, years, set_of)
    places_in, scores_in, previous_in = (_by_province(province_of, d) for d in (places, scores, previous))
    parts = {}
    for province in provinces:
        own, pk, cutoff = set_of[(province.pk, year)], province.pk, province.report_cutoff
        mine, now, before = places_in[pk], scores_in[pk], previous_in[pk]
        first_years = Counter(place.recognised_year for place in mine.values() if place.recognised_year is not None)
        row = ProvinceRow(
            pk,
            province.code,
            province.name,
            _figures(mine, now, year, cutoff, bands[0]),
            _figures(mine, before, year - 1, cutoff, bands[1]),
            own.code if own is not None and own.province_id is not None else "",
        )
        criteria: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for score in now.values():
            for number in _bits(score.met_mask):
                criteria[number][0] += 1
            for number in _bits(score.not_assessable_mask):
                criteria[number][1] += 1
        parts[pk] = ProvincePart(
            row,
            (sum(score.criteria_met for score in now.values()), sum(score.criteria_met for score in before.values())),
            {number: (met, open_) for number, (met, open_) in criteria.items()},
            {y: (*trend.get((pk, y), (0, 0)), sum(n for first, n in first_years.items() if first <= y)) for y in years},
        )
    return parts


def _bits(mask: int) -> list[int]:
    """The numbers of the bits set in `mask` (criterion n is bit n)."""
    numbers, n = [], 0
    while mask:
        if mask & 1:
            numbers.append(n)
        mask >>= 1
        n += 1
    return numbers


def _by_province(province_of: dict[int, int], values: dict[int, object]) -> dict[int, dict[int, object]]:
    """{province id: {commune id: value}}: each province's share, so its figures read only its own communes."""
    split: dict[int, dict[int, object]] = defaultdict(dict)
    for pk, value in values.items():
        split[province_of[pk]][pk] = value
    return split


def _scores(base, year: int, set_of: dict, province_of: dict[int, int]) -> tuple[dict[int, _Score], dict[int, _Score]]:
    """The summary rows of `year` and the year before, each under the set in force in its commune's province: one
    query."""
    years = (year, year - 1)
    set_ids = {s.pk for (_p, y), s in set_of.items() if y in years and s is not None}
    rows = CommuneYearScore.objects.filter(year__in=years, criteria_set_id__in=set_ids, commune__in=base.values("pk"))
    found: dict[int, dict[int, _Score]] = {year: {}, year - 1: {}}
    for pk, row_year, set_id, met, mask, gaps, all_met, band, assessed in rows.values_list(
        "commune_id", "year", "criteria_set_id", "criteria_met", "met_mask", "not_assessable_mask", "all_met",
        "band", "indicators_assessed",
    ).order_by():  # fmt: skip
        in_force = set_of.get((province_of.get(pk), row_year))
        if in_force is not None and in_force.pk == set_id:
            found[row_year][pk] = _Score(met, mask, gaps, all_met, band, assessed)
    return found[year], found[year - 1]


def _trend(base, years: list[int], set_of: dict) -> dict[tuple[int, int], tuple[int, int]]:
    """{(province id, year): (communes with data, criteria met summed)} under the set in force in the province
    that year: one query grouped by province, year and set."""
    rows = (
        CommuneYearScore.objects.filter(year__in=years, commune__in=base.values("pk"))
        .values_list("province_id", "year", "criteria_set_id")
        .annotate(n=Count("pk"), met=Sum("criteria_met"))
        .order_by()
    )
    totals: dict[tuple[int, int], tuple[int, int]] = {}
    for province_id, year, set_id, n, met in rows:
        in_force = set_of.get((province_id, year))
        if in_force is not None and in_force.pk == set_id:
            totals[(province_id, year)] = (n, met or 0)
    return totals


def nation_json(nation: Nation) -> dict:
    """The documented JSON shape of GET /api/national/: the country's figures, one entry per province (with the
    code of its own variant of the set, empty for the national set), the criteria and the trend."""
    return {
        "year": nation.year,
        "criteria_set": nation.criteria_set_code or None,
        "country": figures_json(nation.current),
        "previous_year": figures_json(nation.previous),
        "provinces": [
            {"code": row.code, "name": row.name, "own_set": row.own_set or None, **figures_json(row.current)}
            for row in nation.provinces
        ],
        "criteria": [
            {
                "number": r.number,
                "name": r.name,
                "communes_met": r.communes_met,
                "share_met": r.share_met,
                "communes_not_assessable": r.not_assessable,
            }
            for r in sorted(nation.criteria, key=lambda r: r.number)
        ],
        "trend": [
            {"year": p.year, "recognised": p.recognised, "average_criteria_met": p.average_criteria_met}
            for p in nation.trend
        ],
    }
