"""The provincial dashboard's figures, computed in a fixed number of queries.

`dashboard_build` returns plain dataclasses; the HTML page and the JSON
endpoint both render the same object, so they cannot disagree.
"""

from collections import Counter
from dataclasses import dataclass, field

from communes.models import Commune, District, Registration
from communes.scoring import YearScores, scores_for_years
from communes.selectors import programme_communes
from provinces.models import Province
from provinces.selectors import default_province


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
class Dashboard:
    year: int
    province: Province | None
    scores: YearScores
    previous_scores: YearScores
    current: Figures
    previous: Figures
    districts: list[DistrictRow]
    criteria: list[CriterionRow]
    trend: list[TrendPoint]
    registered: list[RegisteredRow]
    fell_back: list[FellBackRow]
    communes: list[Commune]

    @property
    def not_assessable_criteria(self) -> list[CriterionRow]:
        """Criteria of the year's set that cannot be judged for some commune (missing indicators or targets)."""
        return [row for row in sorted(self.criteria, key=lambda r: r.number) if row.not_assessable]

    @property
    def no_data(self) -> list[Commune]:
        """Communes with no value recorded for the year, listed on their own."""
        return [c for c in self.communes if not self.scores.has_data(c.pk)]

    @property
    def average_change(self) -> float:
        return round(self.current.average_criteria_met - self.previous.average_criteria_met, 2)

    @property
    def cutoff(self) -> int | None:
        return self.province.report_cutoff if self.province else None


def figures_for(communes: list[Commune], scores: YearScores, cutoff: int | None) -> Figures:
    """Headline figures of `communes` in the scores' year.

    A commune with no value recorded that year is "no data yet": counted in `no_data` and left out of the
    average, the bands and the count under the cut-off (0 criteria met would be a figure nobody measured).
    """
    assessed = [c for c in communes if scores.has_data(c.pk)]
    counts = [scores.count(c.pk) for c in assessed]
    recognised = [c for c in communes if c.recognised_by(scores.year)]
    band_counts = Counter(scores.band(c.pk) for c in assessed)
    return Figures(
        communes=len(communes),
        no_data=len(communes) - len(assessed),
        recognised=len(recognised),
        all_criteria_met=sum(1 for c in communes if scores.all_met(c.pk) and not c.recognised_by(scores.year)),
        average_criteria_met=round(sum(counts) / len(counts), 2) if counts else 0.0,
        under_cutoff=sum(1 for n in counts if cutoff is not None and n < cutoff),
        bands={band.label: band_counts.get(band.label, 0) for band in scores.bands},
    )


def criteria_rows(communes: list[Commune], scores: YearScores) -> list[CriterionRow]:
    """Per criterion: communes meeting it and their share of the communes with data, weakest first."""
    rows = []
    assessed = [c for c in communes if scores.has_data(c.pk)]
    for criterion in scores.criteria:
        met = sum(1 for c in assessed if criterion.number in scores.met_numbers(c.pk))
        share = round(100 * met / len(assessed), 1) if assessed else 0.0
        open_ = sum(1 for c in assessed if criterion.number in scores.not_assessable(c.pk))
        rows.append(CriterionRow(criterion.number, criterion.name, met, share, open_))
    return sorted(rows, key=lambda row: (row.communes_met, row.number))


def trend_points(communes: list[Commune], scores: dict[int, YearScores], years, cutoff) -> list[TrendPoint]:
    points = []
    for year in sorted(years):
        figures = figures_for(communes, scores[year], cutoff)
        points.append(TrendPoint(year, figures.recognised, figures.average_criteria_met))
    return points


def fell_back_rows(communes: list[Commune], scores: YearScores) -> list[FellBackRow]:
    """Communes recognised in an earlier year that no longer meet every criterion on this year's values."""
    return [
        FellBackRow(c, c.recognition_date.year, scores.missing(c.pk))
        for c in communes
        if c.recognised_by(scores.year - 1) and scores.has_data(c.pk) and not scores.all_met(c.pk)
    ]


def dashboard_build(*, year: int, years: list[int], district: District | None = None) -> Dashboard:
    province = district.province if district else default_province()
    communes = programme_communes(province)
    if district is not None:
        communes = communes.filter(district=district)
    communes = list(communes)
    trend_years = sorted({*years, year, year - 1})
    scores = scores_for_years(trend_years, province=province)
    current, previous = scores[year], scores[year - 1]
    cutoff = province.report_cutoff if province else None
    registered = set(Registration.objects.filter(year=year).values_list("commune_id", flat=True))
    by_district: dict[District, list[Commune]] = {}
    for commune in communes:
        if commune.district is not None:
            by_district.setdefault(commune.district, []).append(commune)
    return Dashboard(
        year=year,
        province=province,
        scores=current,
        previous_scores=previous,
        current=figures_for(communes, current, cutoff),
        previous=figures_for(communes, previous, cutoff),
        districts=[
            DistrictRow(d, figures_for(members, current, cutoff), figures_for(members, previous, cutoff))
            for d, members in sorted(by_district.items(), key=lambda item: item[0].sort_name)
        ],
        criteria=criteria_rows(communes, current),
        trend=trend_points(communes, scores, years, cutoff),
        registered=[
            RegisteredRow(
                c, current.count(c.pk), current.missing(c.pk), current.has_data(c.pk), current.not_assessed(c.pk)
            )
            for c in communes
            if c.pk in registered
        ],
        fell_back=fell_back_rows(communes, current),
        communes=communes,
    )


def dashboard_json(board: Dashboard) -> dict:
    """The documented JSON shape of GET /api/dashboard/."""

    def figures(f: Figures) -> dict:
        return {
            "communes": f.communes,
            "no_data": f.no_data,
            "recognised": f.recognised,
            "all_criteria_met": f.all_criteria_met,
            "average_criteria_met": f.average_criteria_met,
            "bands": f.bands,
        }

    criteria_set = board.scores.criteria_set
    return {
        "year": board.year,
        "criteria_set": criteria_set.code if criteria_set else None,
        "province": figures(board.current),
        "districts": [
            {"code": row.district.code, "name": row.district.name, **figures(row.current)} for row in board.districts
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
        "no_data": [{"code": c.code, "name": c.name} for c in board.no_data],
        "fell_back": [
            {"code": r.commune.code, "name": r.commune.name, "recognised_in": r.recognised_in, "criteria_lost": r.lost}
            for r in board.fell_back
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
    """The commune x criterion matrix: met or not per criterion, with the count and band."""
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
