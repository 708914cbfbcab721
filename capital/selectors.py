"""Reads of programme capital: the list of sources of a year, the reports and the dashboard section.

Every figure is a sum of capital lines in million VND. "Mobilised" totals use the lines of kind mobilised /
implemented; the period chosen (whole year or first 6 months) applies to every kind. The budget is the central
and local budget; policy credit is usually over half of every total (57-73 % in the reports quoted in
OPERATIONS.md §1.3) and hides the rest, so each report also gives the totals without credit and the budget's
share of those. The disbursement rate is the budget's disbursed ÷ its plan for the same period.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from communes.models import District
from provinces.selectors import default_province

from .models import BUDGET_CATEGORIES, CapitalLine, CapitalSource, Category, Kind, Level, Period, SourceSet

ZERO = Decimal(0)


def source_set_for_year(year: int) -> SourceSet | None:
    return SourceSet.objects.for_year(year).first()


def sources_of(source_set: SourceSet | None) -> list[CapitalSource]:
    """The list's sources in the order of the report table (parents before their children)."""
    if source_set is None:
        return []
    return list(source_set.sources.order_by("order"))


def capital_years() -> list[int]:
    """Years with any capital line, newest first; this year when there are none."""
    years = sorted(set(CapitalLine.objects.order_by().values_list("year", flat=True).distinct()), reverse=True)
    return years or [datetime.date.today().year]


def percent(part: Decimal, whole: Decimal) -> float | None:
    """`part` of `whole` in per cent, one decimal; None when `whole` is zero (a share of nothing is not 0 %)."""
    if not whole:
        return None
    return round(float(100 * part / whole), 1)


@dataclass
class Totals:
    """Sums of a group of lines: mobilised by category, and the budget's plan and disbursement."""

    by_category: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(Category.values, ZERO))
    budget_plan: Decimal = ZERO
    budget_disbursed: Decimal = ZERO
    plan: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return sum(self.by_category.values(), ZERO)

    @property
    def budget(self) -> Decimal:
        return sum((self.by_category[c] for c in BUDGET_CATEGORIES), ZERO)

    @property
    def credit(self) -> Decimal:
        return self.by_category[Category.CREDIT]

    @property
    def without_credit(self) -> Decimal:
        return self.total - self.credit

    @property
    def budget_share(self) -> float | None:
        return percent(self.budget, self.total)

    @property
    def credit_share(self) -> float | None:
        return percent(self.credit, self.total)

    @property
    def budget_share_without_credit(self) -> float | None:
        return percent(self.budget, self.without_credit)

    @property
    def disbursement_rate(self) -> float | None:
        return percent(self.budget_disbursed, self.budget_plan)

    def add(self, *, kind: str, category: str, amount: Decimal) -> None:
        if kind == Kind.MOBILISED:
            self.by_category[category] += amount
        elif kind == Kind.PLAN:
            self.plan += amount
            if category in BUDGET_CATEGORIES:
                self.budget_plan += amount
        elif kind == Kind.DISBURSED and category in BUDGET_CATEGORIES:
            self.budget_disbursed += amount


@dataclass
class PlaceRow:
    """A district (its own lines and its communes'), or the province's own lines (`district` None)."""

    district: District | None
    year: Totals = field(default_factory=Totals)
    cumulated: Totals = field(default_factory=Totals)


@dataclass
class SourceRow:
    source: CapitalSource
    by_place: list[Decimal]
    total: Decimal


@dataclass
class CapitalReport:
    year: int
    first_year: int
    period: str
    years: list[tuple[int, Totals]]
    cumulated: Totals
    places: list[PlaceRow]
    source_set: SourceSet | None
    sources: list[SourceRow]

    @property
    def current(self) -> Totals:
        return dict(self.years).get(self.year, Totals())

    @property
    def categories(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in Category.choices]


def capital_report(*, year: int, period: str = Period.YEAR, first_year: int = 2011, province=None) -> CapitalReport:
    """Totals by year from `first_year` to `year` and cumulated; by place (province level, each district with its
    communes) for the year and cumulated; by source and place for the year. The districts are `province`'s
    (default: the installation's). 4 queries whatever the data (5 without `province`)."""
    first_year = min(first_year, year)
    sums = (
        CapitalLine.objects.filter(year__gte=first_year, year__lte=year, period=period)
        .values_list("year", "kind", "source__category", "district_id")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    per_year = {each: Totals() for each in range(first_year, year + 1)}
    cumulated = Totals()
    districts = list(
        District.objects.in_year(year).filter(province=province or default_province()).order_by("code")
    )  # none after 1/7/2025: province-wide only
    places: dict[int | None, PlaceRow] = {None: PlaceRow(district=None)}
    places.update({d.pk: PlaceRow(district=d) for d in districts})
    for line_year, kind, category, district_id, amount in sums:
        per_year[line_year].add(kind=kind, category=category, amount=amount)
        cumulated.add(kind=kind, category=category, amount=amount)
        place = places.get(district_id)
        if place is None:  # a district that no longer exists
            place = places[district_id] = PlaceRow(district=District.objects.get(pk=district_id))
        place.cumulated.add(kind=kind, category=category, amount=amount)
        if line_year == year:
            place.year.add(kind=kind, category=category, amount=amount)
    source_set = source_set_for_year(year)
    return CapitalReport(
        year=year,
        first_year=first_year,
        period=period,
        years=list(per_year.items()),
        cumulated=cumulated,
        places=list(places.values()),
        source_set=source_set,
        sources=_source_rows(source_set, year, period, [p.district for p in places.values()]),
    )


def _source_rows(source_set, year: int, period: str, places: list[District | None]) -> list[SourceRow]:
    """Mobilised in the year by source (parents sum their children) and place, in the order of `places`."""
    sources = sources_of(source_set)
    if not sources:
        return []
    amounts: dict[int, dict[int | None, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    sums = (
        CapitalLine.objects.filter(year=year, period=period, kind=Kind.MOBILISED, source__source_set=source_set)
        .values_list("source_id", "district_id")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    by_id = {s.pk: s for s in sources}
    for source_id, district_id, amount in sums:
        amounts[source_id][district_id] += amount
        parent_id = by_id[source_id].parent_id
        if parent_id is not None:
            amounts[parent_id][district_id] += amount
    keys = [place.pk if place else None for place in places]
    rows = []
    for source in sources:
        values = [amounts[source.pk].get(key, ZERO) for key in keys]
        rows.append(SourceRow(source=source, by_place=values, total=sum(values, ZERO)))
    return rows


@dataclass
class Bieu07Row:
    """One row of the resources table (Biểu 07 / 11): a source and its amounts per column."""

    source: CapitalSource
    values: list[Decimal | None]

    @property
    def is_total(self) -> bool:
        return self.source.parent_id is None and self.source.children_count > 0


# The columns of the resources table as (kind, period): year plan, 6-month result, plan for the rest of the year.
BIEU07_COLUMNS = [(Kind.PLAN, Period.YEAR), (Kind.MOBILISED, Period.FIRST_HALF), (Kind.PLAN, Period.SECOND_HALF)]
# The export adds the year's result and the budget disbursed to the right of them.
BIEU07_EXTRA_COLUMNS = [(Kind.MOBILISED, Period.YEAR), (Kind.DISBURSED, Period.YEAR)]


def bieu07_rows(
    *,
    year: int,
    columns=BIEU07_COLUMNS,
    level: str | None = None,
    district_id: int | None = None,
    commune_id: int | None = None,
    own_report_only: bool = False,
) -> tuple[SourceSet | None, list[Bieu07Row]]:
    """The year's sources with their amounts per (kind, period) column; parents are the sums of their children.

    Without `level`: the whole province (every level). With `level` district and no `own_report_only`: the
    district's own lines and its communes'. `own_report_only` keeps exactly the scope's own lines without an
    implementing unit (what the Excel template reads and writes). A leaf without any line is None (empty cell).
    """
    source_set = source_set_for_year(year)
    sources = sources_of(source_set)
    if not sources:
        return source_set, []
    lines = CapitalLine.objects.filter(year=year, source__source_set=source_set)
    if own_report_only:
        lines = lines.for_scope(level=level, district_id=district_id, commune_id=commune_id).filter(unit="")
    elif level == Level.PROVINCE:
        lines = lines.filter(level=Level.PROVINCE)
    elif level == Level.DISTRICT:
        lines = lines.filter(district_id=district_id)
    elif level == Level.COMMUNE:
        lines = lines.filter(commune_id=commune_id)
    sums = lines.values_list("source_id", "kind", "period").annotate(amount=Sum("amount")).order_by()
    found: dict[tuple[int, str, str], Decimal] = {}
    parents = {s.pk: s.parent_id for s in sources}
    for source_id, kind, period, amount in sums:
        for key in (source_id, parents.get(source_id)):
            if key is not None:
                found[(key, kind, period)] = found.get((key, kind, period), ZERO) + amount
    children = defaultdict(int)
    for source in sources:
        if source.parent_id:
            children[source.parent_id] += 1
    rows = []
    for source in sources:
        source.children_count = children[source.pk]
        rows.append(Bieu07Row(source=source, values=[found.get((source.pk, k, p)) for k, p in columns]))
    return source_set, rows
