"""Reads of production models and enterprises: the thresholds of a year, the lists, the dashboard sections.

Each dashboard section (`production_board`, `enterprise_board`) runs a fixed number of queries whatever the
number of communes and models, and computes its figures in Python with the plain rules of `rules.py`.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, QuerySet, Value, When

from communes.models import Commune, District
from communes.selectors import programme_communes

from . import rules
from .models import Enterprise, ModelYear, ProductionModel, Sector, SizeThresholds


def thresholds_versions() -> list[SizeThresholds]:
    return list(SizeThresholds.objects.order_by("valid_from"))


def thresholds_for_year(year: int, versions: list[SizeThresholds] | None = None) -> SizeThresholds | None:
    """The version in force on 31 December of `year` (None before the first one)."""
    return rules.thresholds_for(versions if versions is not None else thresholds_versions(), year)


def figure_years() -> list[int]:
    """Years with any model's figures, newest first; this year when there are none."""
    years = sorted(set(ModelYear.objects.order_by().values_list("year", flat=True).distinct()), reverse=True)
    return years or [datetime.date.today().year]


def size_case(thresholds: SizeThresholds | None, revenue: str = "revenue") -> Case | Value:
    """A database expression giving each row's size from its `revenue` annotation (as `rules.model_size` does)."""
    if thresholds is None:
        return Value(None, output_field=CharField())
    return Case(
        When(**{f"{revenue}__gte": thresholds.large_from}, then=Value(rules.LARGE)),
        When(**{f"{revenue}__gte": thresholds.medium_from}, then=Value(rules.MEDIUM)),
        When(**{f"{revenue}__gte": thresholds.counting_floor}, then=Value(rules.SMALL)),
        default=Value(None),
        output_field=CharField(),
    )


def models_for_year(year: int, thresholds: SizeThresholds | None) -> QuerySet[ProductionModel]:
    """Every model with the year's figures and `size` (None: no figures or under the floor)."""
    return (
        ProductionModel.objects.select_related("commune__district").with_year(year).annotate(size=size_case(thresholds))
    )


# The dashboard ------------------------------------------------------------------------------------------


@dataclass
class ShareRow:
    """Communes of a district (or of the province, `district` None) and how many have models of all sizes."""

    district: District | None
    communes: int = 0
    with_all_sizes: int = 0
    with_none: int = 0

    @property
    def share(self) -> float:
        return rules.share(self.with_all_sizes, self.communes)


@dataclass
class SectorRow:
    sector: str
    label: str
    sizes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.sizes.values())


@dataclass
class ProductionBoard:
    year: int
    thresholds: SizeThresholds | None
    districts: list[ShareRow]
    province: ShareRow
    sectors: list[SectorRow]
    totals: dict[str, int]
    under_floor: int
    without_models: dict[District | None, list[Commune]] = field(default_factory=dict)

    @property
    def target(self) -> Decimal | None:
        return self.thresholds.target_share if self.thresholds else None

    @property
    def counted(self) -> int:
        return sum(self.totals.values())


def production_board(*, year: int, province=None) -> ProductionBoard:
    """The "Sản xuất" section for `year`: per district the communes with large, medium and small models (the 2014
    goal: over 75 %), the models by sector and size, the communes with no counted model. 3 queries."""
    thresholds = thresholds_for_year(year)
    communes = list(programme_communes(province))
    sizes: dict[int, list[str | None]] = defaultdict(list)
    by_sector: dict[str, Counter] = defaultdict(Counter)
    under_floor = 0
    figures = ModelYear.objects.filter(year=year).values_list("model__commune_id", "model__sector", "revenue")
    for commune_id, sector, revenue in figures:
        size = rules.model_size(revenue, thresholds)
        sizes[commune_id].append(size)
        if size is None:
            under_floor += 1
        else:
            by_sector[sector][size] += 1
    rows: dict[int | None, ShareRow] = {}
    province_row = ShareRow(district=None)
    without: dict[District | None, list[Commune]] = defaultdict(list)
    for commune in communes:
        row = rows.setdefault(commune.district_id, ShareRow(district=commune.district))
        counted = [size for size in sizes.get(commune.pk, []) if size is not None]
        for target in (row, province_row):
            target.communes += 1
            target.with_all_sizes += rules.has_all_sizes(counted)
            target.with_none += not counted
        if not counted:
            without[commune.district].append(commune)
    sectors = [
        SectorRow(sector=value, label=str(label), sizes={size: by_sector[value][size] for size in rules.SIZES})
        for value, label in Sector.choices
    ]
    totals = {size: sum(row.sizes[size] for row in sectors) for size in rules.SIZES}
    districts = sorted((row for row in rows.values() if row.district is not None), key=lambda row: row.district.code)
    return ProductionBoard(
        year=year,
        thresholds=thresholds,
        districts=districts,
        province=province_row,
        sectors=sectors,
        totals=totals,
        under_floor=under_floor,
        without_models=dict(sorted(without.items(), key=lambda item: item[0].code if item[0] else "")),
    )


@dataclass
class CoverageRow:
    """Communes without an operating enterprise or cooperative at the end of each year."""

    district: District | None
    communes: int
    without: dict[int, int]


@dataclass
class EnterpriseBoard:
    year: int
    years: list[int]
    districts: list[CoverageRow]
    province: CoverageRow
    without_this_year: dict[District | None, list[Commune]]
    operating: dict[str, int]


def enterprise_board(*, year: int, first_year: int = 2011, province=None) -> EnterpriseBoard:
    """Per district and year from `first_year` to `year`: communes with no enterprise or cooperative operating on
    31 December (the aim: none); the communes without one in `year`; those operating by kind. 2 queries."""
    years = list(range(min(first_year, year), year + 1))
    communes = list(programme_communes(province))
    spans: dict[int, list[tuple[datetime.date, datetime.date | None]]] = defaultdict(list)
    operating: Counter = Counter()
    end = datetime.date(year, 12, 31)
    rows = Enterprise.objects.filter(commune__in=[c.pk for c in communes]).values_list(
        "commune_id", "kind", "founded_on", "closed_on"
    )
    for commune_id, kind, founded_on, closed_on in rows:
        if kind in Enterprise.COUNTED_KINDS:
            spans[commune_id].append((founded_on, closed_on))
        if rules.operating_on(founded_on, closed_on, end):
            operating[kind] += 1
    by_district: dict[int | None, CoverageRow] = {}
    province_row = CoverageRow(district=None, communes=0, without=dict.fromkeys(years, 0))
    without_this_year: dict[District | None, list[Commune]] = defaultdict(list)
    for commune in communes:
        row = by_district.setdefault(
            commune.district_id, CoverageRow(district=commune.district, communes=0, without=dict.fromkeys(years, 0))
        )
        row.communes += 1
        province_row.communes += 1
        for each in years:
            day = datetime.date(each, 12, 31)
            if not any(rules.operating_on(start, stop, day) for start, stop in spans.get(commune.pk, [])):
                row.without[each] += 1
                province_row.without[each] += 1
                if each == year:
                    without_this_year[commune.district].append(commune)
    districts = sorted((r for r in by_district.values() if r.district is not None), key=lambda r: r.district.code)
    return EnterpriseBoard(
        year=year,
        years=years,
        districts=districts,
        province=province_row,
        without_this_year=dict(sorted(without_this_year.items(), key=lambda i: i[0].code if i[0] else "")),
        operating={kind: operating[kind] for kind in Enterprise.Kind.values},
    )
