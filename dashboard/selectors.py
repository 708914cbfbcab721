"""The provincial dashboard's figures, read from the score summary in a fixed number of queries.

`dashboard_build` returns plain dataclasses; the HTML page, the JSON endpoint and the summary workbook all render
the same object, so they cannot disagree. It reads only the scope it shows (a province, or one district) and only
plain values (no model instance per commune): a province of 10,000 communes costs about what 200 do, in queries,
and the lists (registered, fell back, no data) are capped with their totals given.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Max, Min, QuerySet, Sum

from communes.forecast import CommuneForecast, Outlook, forecasts_build
from communes.models import Commune, CommuneYear, CommuneYearScore, District, Registration
from communes.scoring import YearScores, scores_for_years
from communes.selectors import programme_communes
from communes.withdrawal import (
    Review,
    district_flagged,
    due_for_reevaluation,
    key_criteria,
    rule_covers,
    withdrawal_review,
)
from criteria import rules
from criteria.selectors import targets_unverified
from provinces.models import Province
from provinces.selectors import default_province

LIST_CAP = 100  # rows of each list on the page (registered, fell back, no data); the totals are given beside


@dataclass
class Figures:
    """Headline figures for a group of communes (the province or one district)."""

    communes: int = 0
    no_data: int = 0  # communes with no value recorded for the year: left out of the average and the bands
    recognised: int = 0
    all_criteria_met: int = 0
    average_criteria_met: float = 0.0
    under_cutoff: int = 0
    bands: dict[str, int] = field(default_factory=dict)

    @property
    def recognised_share(self) -> float:
        return round(100 * self.recognised / self.communes, 1) if self.communes else 0.0


@dataclass
class DistrictRow:
    district: District
    current: Figures
    previous: Figures


@dataclass
class CriterionRow:
    number: int
    name: str
    communes_met: int
    share_met: float
    not_assessable: int = 0  # communes for which the criterion cannot be judged (no indicator, or no target)


@dataclass
class TrendPoint:
    year: int
    recognised: int
    average_criteria_met: float


@dataclass
class RegisteredRow:
    commune: Commune
    criteria_met: int
    missing: list[int]
    has_data: bool = True
    not_assessed: int = 0


@dataclass
class FellBackRow:
    """A commune recognised before the year whose values that year miss criteria (it "fell back")."""

    commune: Commune
    recognised_in: int
    lost: list[int]


@dataclass
class WithdrawalRow:
    """A recognised commune flagged for withdrawal review (Decision 18/2022/QĐ-TTg), with the reason."""

    commune: Commune
    recognised_in: int
    review: Review


@dataclass
class DistrictFlag:
    """A district 30 % or more of whose communes are flagged for withdrawal review."""

    district: District
    flagged: int
    communes: int

    @property
    def share(self) -> float:
        return round(100 * self.flagged / self.communes, 1) if self.communes else 0.0


@dataclass
class ReevaluationRow:
    """A commune recognised five years ago or more: due for re-evaluation (Decision 372/QĐ-TTg, 2014)."""

    commune: Commune
    recognised_in: int


@dataclass
class ForecastRow:
    """A commune's forecast for its target year (communes/forecast.py): outlook, criteria short, deciding indicators."""

    commune: Commune
    target_year: int
    outlook: Outlook
    short: list[int]
    deciding: list[str]  # indicator codes


OUTLOOK_ORDER = [Outlook.OFF_TRACK, Outlook.AT_RISK, Outlook.ON_TRACK]


@dataclass
class ForecastSummary:
    """The forecast of the communes registered for this year or later (or of every commune not yet recognised)."""

    everyone: bool
    counts: dict[str, int]
    rows: list[ForecastRow]
    total: int


@dataclass(frozen=True)
class _Place:
    """What the figures need of a commune: its district, the years it was first and last recognised for, and its
    province (the national dashboard's grouping)."""

    district_id: int | None
    recognised_year: int | None
    last_recognised_year: int | None = None
    province_id: int | None = None

    def recognised_by(self, year: int) -> bool:
        return self.recognised_year is not None and self.recognised_year <= year


@dataclass(frozen=True)
class _Score:
    criteria_met: int
    met_mask: int
    not_assessable_mask: int
    all_met: bool
    band: str
    assessed: int


@dataclass
class Dashboard:
    year: int
    province: Province | None
    district: District | None
    scores_info: YearScores  # the year's set, criteria and bands (no per-commune data)
    current: Figures
    previous: Figures
    districts: list[DistrictRow]
    criteria: list[CriterionRow]
    trend: list[TrendPoint]
    registered: list[RegisteredRow]
    registered_total: int
    fell_back: list[FellBackRow]
    fell_back_total: int
    no_data: list[Commune]
    no_data_total: int
    forecast: ForecastSummary | None = None
    withdrawal_rule: bool = False  # the year falls under Decision 18/2022/QĐ-TTg: "withdrawal review", not "fell back"
    withdrawal: list[WithdrawalRow] = field(default_factory=list)
    withdrawal_total: int = 0
    withdrawal_districts: list[DistrictFlag] = field(default_factory=list)
    reevaluation: list[ReevaluationRow] = field(default_factory=list)
    reevaluation_total: int = 0
    targets_unverified: int = 0  # of the year's set: entered from secondary sources, not the official text
    targets_total: int = 0

    @property
    def average_change(self) -> float:
        return round(self.current.average_criteria_met - self.previous.average_criteria_met, 2)

    @property
    def cutoff(self) -> int | None:
        return self.province.report_cutoff if self.province else None

    @property
    def not_assessable_criteria(self) -> list[CriterionRow]:
        """Criteria of the year's set that cannot be judged for some commune (missing indicators or targets)."""
        return [row for row in sorted(self.criteria, key=lambda r: r.number) if row.not_assessable]

    # What a few pages need beyond the figures, read only when asked (never cached with the board) -------------

    @cached_property
    def communes(self) -> list[Commune]:
        """The scope's programme communes (model instances; read on demand)."""
        communes = programme_communes(self.province, self.year)
        if self.district is not None:
            communes = communes.filter(district=self.district)
        return list(communes)

    @cached_property
    def _scores(self) -> dict[int, YearScores]:
        return scores_for_years(
            [self.year - 1, self.year],
            province=self.province if self.district is None else None,
            district=self.district,
        )

    @property
    def scores(self) -> YearScores:
        return self._scores[self.year]

    @property
    def previous_scores(self) -> YearScores:
        return self._scores[self.year - 1]

    def __getstate__(self) -> dict:
        """Cached without what is read on demand."""
        return {k: v for k, v in self.__dict__.items() if k not in ("communes", "_scores")}


def figures_for(communes: list[Commune], scores: YearScores, cutoff: int | None) -> Figures:
    """Headline figures of `communes` in the scores' year, from model instances and a YearScores (pages that
    already hold them: the plan against actual, reviews). The dashboard computes the same from the summary.

    A commune with no value recorded that year is "no data yet": counted in `no_data` and left out of the
    average, the bands and the count under the cut-off (0 criteria met would be a figure nobody measured).
    """
    assessed = [c for c in communes if scores.has_data(c.pk)]
    counts = [scores.count(c.pk) for c in assessed]
    band_counts = Counter(scores.band(c.pk) for c in assessed)
    return Figures(
        communes=len(communes),
        no_data=len(communes) - len(assessed),
        recognised=sum(1 for c in communes if c.recognised_by(scores.year)),
        all_criteria_met=sum(1 for c in communes if scores.all_met(c.pk) and not c.recognised_by(scores.year)),
        average_criteria_met=round(sum(counts) / len(counts), 2) if counts else 0.0,
        under_cutoff=sum(1 for n in counts if cutoff is not None and n < cutoff),
        bands={band.label: band_counts.get(band.label, 0) for band in scores.bands},
    )


def _figures(
    places: dict[int, _Place], scores: dict[int, _Score], year: int, cutoff: int | None, bands: list[rules.BandEdge]
) -> Figures:
    counts = [score.criteria_met for pk, score in scores.items() if pk in places]
    band_counts = Counter(score.band for pk, score in scores.items() if pk in places)
    return Figures(
        communes=len(places),
        no_data=len(places) - len(counts),
        recognised=sum(1 for place in places.values() if place.recognised_by(year)),
        all_criteria_met=sum(
            1 for pk, score in scores.items() if pk in places and score.all_met and not places[pk].recognised_by(year)
        ),
        average_criteria_met=round(sum(counts) / len(counts), 2) if counts else 0.0,
        under_cutoff=sum(1 for n in counts if cutoff is not None and n < cutoff),
        bands={band.label: band_counts.get(band.label, 0) for band in bands},
    )


def _places(base) -> dict[int, _Place]:
    """Each programme commune of the scope: district, province, first and last recognised year (two queries, plain
    values)."""
    recognised = {
        pk: (first, last)
        for pk, first, last in CommuneYear.objects.filter(
            commune__in=base.values("pk"), state=CommuneYear.State.RECOGNISED
        )
        .values("commune_id")
        .annotate(first=Min("year"), last=Max("year"))
        .values_list("commune_id", "first", "last")
        .order_by()
    }
    places = {}
    for pk, district_id, province_id, decided in base.values_list(
        "pk", "district_id", "province_id", "recognition_date"
    ).order_by():
        first, last = recognised.get(pk, (None, None))
        years = [y for y in (first, last, decided.year if decided else None) if y is not None]
        places[pk] = _Place(district_id, min(years) if years else None, max(years) if years else None, province_id)
    return places


def _scope(province: Province | None, year: int, district: District | None) -> QuerySet[Commune]:
    """The programme communes the board covers (those of `year`), as a plain query: no annotation and no order, so
    that as a subquery it lets the planner reach the summary rows through the province's index."""
    communes = Commune.objects.in_year(year).filter(in_programme=True)
    if province is not None:
        communes = communes.filter(province=province)
    if district is not None:
        communes = communes.filter(district=district)
    return communes


def _summary(base: QuerySet[Commune], province: Province | None) -> QuerySet[CommuneYearScore]:
    """The summary rows of the scope's communes, narrowed to the scope's province (its index) when it has one."""
    rows = CommuneYearScore.objects.filter(commune__in=base.values("pk"))
    return rows.filter(province=province) if province is not None else rows


def _year_scores(base, province: Province | None, year: int, set_id: int | None) -> dict[int, _Score]:
    if set_id is None:
        return {}
    rows = _summary(base, province).filter(year=year, criteria_set_id=set_id)
    return {
        pk: _Score(met, mask, gaps, all_met, band, assessed)
        for pk, met, mask, gaps, all_met, band, assessed in rows.values_list(
            "commune_id", "criteria_met", "met_mask", "not_assessable_mask", "all_met", "band", "indicators_assessed"
        ).order_by()
    }


def _trend(
    base, province: Province | None, places: dict[int, _Place], years: list[int], set_of_year: dict[int, int | None]
) -> list[TrendPoint]:
    """Recognised communes and the average criteria met per year: one grouped query over the summary."""
    rows = (
        _summary(base, province)
        .filter(year__in=years)
        .values_list("year", "criteria_set_id")
        .annotate(n=Count("pk"), met=Sum("criteria_met"))
        .order_by()
    )
    totals: dict[int, tuple[int, int]] = {}
    for year, set_id, n, met in rows:
        if set_id == set_of_year.get(year):
            totals[year] = (n, met or 0)
    points = []
    for year in sorted(years):
        n, met = totals.get(year, (0, 0))
        recognised = sum(1 for place in places.values() if place.recognised_by(year))
        points.append(TrendPoint(year, recognised, round(met / n, 2) if n else 0.0))
    return points


def dashboard_build(
    *,
    year: int,
    years: list[int],
    district: District | None = None,
    province: Province | None = None,
    forecast_all: bool = False,
) -> Dashboard:
    """The figures of a province (or of one district) in `year`, beside `year - 1`, with the trend over `years`.
    The province defaults to the district's, else the installation's. The forecast covers the communes registered
    for `year` or later, or with `forecast_all` every commune not yet recognised."""
    province = province or (district.province if district else default_province())
    base = _scope(province, year, district)
    trend_years = sorted({*years, year, year - 1})
    info = {y: s for y, s in scores_for_years(trend_years, province=province, commune_ids=[]).items()}
    current_info, previous_info = info[year], info[year - 1]
    set_of_year = {y: (s.criteria_set.pk if s.criteria_set else None) for y, s in info.items()}
    places = _places(base)
    scores = _year_scores(base, province, year, set_of_year[year])
    previous = _year_scores(base, province, year - 1, set_of_year[year - 1])
    cutoff = province.report_cutoff if province else None
    by_district: dict[int | None, dict[int, _Place]] = defaultdict(dict)
    for pk, place in places.items():
        by_district[place.district_id][pk] = place
    districts = District.objects.filter(pk__in=[d for d in by_district if d is not None]).order_by("sort_name", "code")
    registrations = list(
        Registration.objects.filter(year__gte=year, commune__in=base.values("pk"))
        .values_list("commune_id", "year")
        .order_by("year")
    )
    registered_ids = [pk for pk, registered_for in registrations if registered_for == year]
    fell_back_ids = [
        pk for pk, score in scores.items() if pk in places and places[pk].recognised_by(year - 1) and not score.all_met
    ]
    no_data_ids = [pk for pk in places if pk not in scores]
    numbers = [c.number for c in current_info.criteria]

    def missing(pk: int) -> list[int]:
        score = scores.get(pk)
        if score is None:
            return numbers
        return [n for n in numbers if not (score.met_mask >> n & 1) and not (score.not_assessable_mask >> n & 1)]

    reviews = _withdrawal_reviews(year, current_info, fell_back_ids, missing)
    forecasts = forecasts_build(
        targets=_forecast_targets(year, places, registrations, current_info, everyone=forecast_all), as_of=year
    )
    forecast_ids = sorted(forecasts, key=lambda pk: (OUTLOOK_ORDER.index(forecasts[pk].outlook), pk))
    reevaluation_ids = [
        pk for pk, p in places.items() if due_for_reevaluation(recognised_year=p.last_recognised_year, year=year)
    ]
    shown = _communes_by_pk(
        [
            *registered_ids[:LIST_CAP],
            *fell_back_ids[:LIST_CAP],
            *no_data_ids[:LIST_CAP],
            *list(reviews)[:LIST_CAP],
            *reevaluation_ids[:LIST_CAP],
            *forecast_ids[:LIST_CAP],
        ]
    )

    unverified, targets = targets_unverified(current_info.criteria_set)
    return Dashboard(
        year=year,
        province=province,
        district=district,
        scores_info=current_info,
        current=_figures(places, scores, year, cutoff, current_info.bands),
        previous=_figures(places, previous, year - 1, cutoff, previous_info.bands),
        districts=[
            DistrictRow(
                d,
                _figures(by_district[d.pk], scores, year, cutoff, current_info.bands),
                _figures(by_district[d.pk], previous, year - 1, cutoff, previous_info.bands),
            )
            for d in districts
        ],
        criteria=_criteria_rows(current_info, scores, places),
        trend=_trend(base, province, places, sorted(set(years)), set_of_year),
        registered=[
            RegisteredRow(
                shown[pk],
                scores[pk].criteria_met if pk in scores else 0,
                missing(pk),
                pk in scores,
                current_info.indicator_count - (scores[pk].assessed if pk in scores else 0),
            )
            for pk in _vietnamese_order(registered_ids, shown)[:LIST_CAP]
        ],
        registered_total=len(registered_ids),
        fell_back=[
            FellBackRow(shown[pk], places[pk].recognised_year, missing(pk))
            for pk in _vietnamese_order(fell_back_ids, shown)[:LIST_CAP]
        ],
        fell_back_total=len(fell_back_ids),
        no_data=[shown[pk] for pk in _vietnamese_order(no_data_ids, shown)[:LIST_CAP]],
        no_data_total=len(no_data_ids),
        forecast=_forecast_summary(forecasts, forecast_ids, shown, everyone=forecast_all),
        withdrawal_rule=rule_covers(year),
        withdrawal=[
            WithdrawalRow(shown[pk], places[pk].recognised_year, reviews[pk])
            for pk in _vietnamese_order(list(reviews), shown)[:LIST_CAP]
        ],
        withdrawal_total=len(reviews),
        withdrawal_districts=_district_flags(districts, by_district, reviews),
        reevaluation=[
            ReevaluationRow(shown[pk], places[pk].last_recognised_year)
            for pk in _vietnamese_order(reevaluation_ids, shown)[:LIST_CAP]
        ],
        reevaluation_total=len(reevaluation_ids),
        targets_unverified=unverified,
        targets_total=targets,
    )


def _forecast_targets(year: int, places, registrations, info: YearScores, *, everyone: bool) -> dict[int, int]:
    """{commune id: target year}: the nearest year each commune registered for (this year or later); with
    `everyone`, also every commune not yet recognised, by the last year of the set in force (or this year)."""
    targets: dict[int, int] = {}
    for pk, registered_for in registrations:  # in year order: the nearest first
        if pk in places:
            targets.setdefault(pk, registered_for)
    if everyone:
        last = info.criteria_set.year_to if info.criteria_set else year
        for pk, place in places.items():
            if not place.recognised_by(year):
                targets.setdefault(pk, last)
    return targets


def _forecast_summary(
    forecasts: dict[int, CommuneForecast], ordered: list[int], shown: dict[int, Commune], *, everyone: bool
) -> ForecastSummary:
    counts = {str(outlook): 0 for outlook in OUTLOOK_ORDER}
    for forecast in forecasts.values():
        counts[str(forecast.outlook)] += 1
    capped = [pk for pk in ordered[:LIST_CAP] if pk in shown]
    capped.sort(key=lambda pk: (OUTLOOK_ORDER.index(forecasts[pk].outlook), shown[pk].sort_name, shown[pk].code))
    rows = [
        ForecastRow(
            shown[pk],
            forecasts[pk].target_year,
            forecasts[pk].outlook,
            forecasts[pk].short_criteria,
            [item.code for item in forecasts[pk].deciding],
        )
        for pk in capped
    ]
    return ForecastSummary(everyone, counts, rows, len(forecasts))


def _district_flags(districts, by_district: dict, reviews: dict[int, Review]) -> list[DistrictFlag]:
    """Districts 30 % or more of whose programme communes are flagged for withdrawal review."""
    flags = []
    for district in districts:
        communes = by_district[district.pk]
        flagged = sum(1 for pk in reviews if pk in communes)
        if district_flagged(flagged=flagged, communes=len(communes)):
            flags.append(DistrictFlag(district, flagged, len(communes)))
    return flags


def _withdrawal_reviews(year: int, info: YearScores, recognised_short: list[int], missing) -> dict[int, Review]:
    """Recognised communes flagged for withdrawal review in `year` (none before the rule applies), with why."""
    if not rule_covers(year) or not info.criteria:
        return {}
    key = key_criteria((c.number, c.name) for c in info.criteria)
    reviews = {}
    for pk in recognised_short:
        review = withdrawal_review(total=len(info.criteria), missed=missing(pk), key=key)
        if review is not None:
            reviews[pk] = review
    return reviews


def _communes_by_pk(ids: list[int]) -> dict[int, Commune]:
    return {c.pk: c for c in Commune.objects.filter(pk__in=set(ids)).select_related("district")}


def _vietnamese_order(ids: list[int], shown: dict[int, Commune]) -> list[int]:
    return sorted((pk for pk in ids if pk in shown), key=lambda pk: (shown[pk].sort_name, shown[pk].code))


def _criteria_rows(info: YearScores, scores: dict[int, _Score], places: dict[int, _Place]) -> list[CriterionRow]:
    """Per criterion: communes meeting it and their share of the communes with data, weakest first."""
    assessed = [score for pk, score in scores.items() if pk in places]
    rows = []
    for criterion in info.criteria:
        bit = 1 << criterion.number
        met = sum(1 for score in assessed if score.met_mask & bit)
        open_ = sum(1 for score in assessed if score.not_assessable_mask & bit)
        share = round(100 * met / len(assessed), 1) if assessed else 0.0
        rows.append(CriterionRow(criterion.number, criterion.name, met, share, open_))
    return sorted(rows, key=lambda row: (row.communes_met, row.number))


def figures_json(f: Figures) -> dict:
    """A headline's figures in the JSON of /api/dashboard/ and /api/national/."""
    return {
        "communes": f.communes,
        "no_data": f.no_data,
        "recognised": f.recognised,
        "all_criteria_met": f.all_criteria_met,
        "average_criteria_met": f.average_criteria_met,
        "bands": f.bands,
    }


def dashboard_json(board: Dashboard) -> dict:
    """The documented JSON shape of GET /api/dashboard/."""
    criteria_set = board.scores_info.criteria_set
    return {
        "year": board.year,
        "criteria_set": criteria_set.code if criteria_set else None,
        "province": figures_json(board.current),
        "districts": [
            {"code": row.district.code, "name": row.district.name, **figures_json(row.current)}
            for row in board.districts
        ],
        "criteria": [
            {
                "number": r.number,
                "name": r.name,
                "communes_met": r.communes_met,
                "share_met": r.share_met,
                "communes_not_assessable": r.not_assessable,
            }
            for r in sorted(board.criteria, key=lambda r: r.number)
        ],
        "registered_this_year": [
            {
                "code": r.commune.code,
                "name": r.commune.name,
                "has_data": r.has_data,
                "missing_criteria": r.missing,
                "indicators_not_assessed": r.not_assessed,
            }
            for r in board.registered
        ],
        "registered_total": board.registered_total,
        "no_data": [{"code": c.code, "name": c.name} for c in board.no_data],
        "no_data_total": board.no_data_total,
        "fell_back": [
            {"code": r.commune.code, "name": r.commune.name, "recognised_in": r.recognised_in, "criteria_lost": r.lost}
            for r in board.fell_back
        ],
        "fell_back_total": board.fell_back_total,
        "withdrawal_rule": board.withdrawal_rule,
        "withdrawal_review": [
            {
                "code": r.commune.code,
                "name": r.commune.name,
                "recognised_in": r.recognised_in,
                "reason": str(r.review.reason),
                "criteria_missed": list(r.review.missed),
                "key_criteria_missed": list(r.review.key_missed),
            }
            for r in board.withdrawal
        ],
        "withdrawal_review_total": board.withdrawal_total,
        "withdrawal_review_districts": [
            {"code": f.district.code, "name": f.district.name, "flagged": f.flagged, "communes": f.communes}
            for f in board.withdrawal_districts
        ],
        "reevaluation": [
            {"code": r.commune.code, "name": r.commune.name, "recognised_in": r.recognised_in}
            for r in board.reevaluation
        ],
        "reevaluation_total": board.reevaluation_total,
        "forecast": _forecast_json(board.forecast),
    }


def _forecast_json(summary: ForecastSummary | None) -> dict | None:
    if summary is None:
        return None
    return {
        "everyone": summary.everyone,
        "counts": summary.counts,
        "total": summary.total,
        "communes": [
            {
                "code": r.commune.code,
                "name": r.commune.name,
                "target_year": r.target_year,
                "outlook": str(r.outlook),
                "criteria_short": r.short,
                "deciding_indicators": r.deciding,
            }
            for r in summary.rows
        ],
    }


@dataclass
class MatrixRow:
    commune: Commune
    cells: list[bool]
    criteria_met: int
    band: str | None
    recognised: bool
    has_data: bool = True  # False: no value recorded this year ("no data yet", not "0 criteria met")
    not_assessed: int = 0  # indicators of the set without a value


def matrix_rows(board: Dashboard) -> list[MatrixRow]:
    """The commune x criterion matrix of a district's page: met or not per criterion, with the count and band."""
    scores = board.scores
    rows = []
    for commune in board.communes:
        met = scores.met_numbers(commune.pk)
        rows.append(
            MatrixRow(
                commune,
                [c.number in met for c in scores.criteria],
                len(met),
                scores.band(commune.pk),
                commune.recognised_by(board.year),
                scores.has_data(commune.pk),
                scores.not_assessed(commune.pk),
            )
        )
    return rows
