"""Forecast: will a commune meet every criterion by its target year?

Method (README "Forecast"): for each indicator of the set in force in the target year, take the commune's recorded
values of the last `HISTORY_YEARS` years up to the year the forecast is made in (values of an earlier set count when
the indicator has the same code and kind). A numeric indicator with at least `MIN_POINTS` values is projected to the
target year by a least-squares line (a percentage is kept within 0-100); with fewer, its latest value stands. A yes/no
indicator keeps its latest value. A value recorded for the target year itself is taken as it is. The projection is
judged against the target of the commune's class with `criteria.rules.meets` (so "≤ 5 % poor households" is met by a
falling line). A criterion is projected short when one of its indicators is (an indicator with no value yet is
short); a criterion with no indicator or no target cannot be judged and is left out. No criterion short: on track;
one or two: at risk; more: off track. The deciding indicators are those projected short, or, for a commune on track,
those that miss today and are carried over the line by their trend.

The pure functions (`project`, `indicator_forecast`, `commune_forecast`, `outlook_of`) use no database;
`forecasts_build` reads what they need in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from criteria import rules
from criteria.models import CriteriaSet, Criterion, Indicator
from criteria.selectors import TargetBook

from .models import Assessment, Commune, value_of
from .scorecard import target_text, value_text

HISTORY_YEARS = 5
MIN_POINTS = 3


class Outlook(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"  # one or two criteria projected short
    OFF_TRACK = "off_track"  # three or more


class Method(StrEnum):
    TREND = "trend"  # least squares over at least MIN_POINTS values
    LATEST = "latest"  # too few values, or a yes/no indicator: the latest value stands
    RECORDED = "recorded"  # a value recorded for the target year itself
    NONE = "none"  # no value at all


def least_squares(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Slope and intercept of the least-squares line through `(year, value)` points (at least two distinct years)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return slope, mean_y - slope * mean_x


def project(points: dict[int, float], target_year: int, *, kind: str) -> tuple[float | None, Method]:
    """The value expected in `target_year` from `{year: value}` and how it was obtained.

    The target year's own value if recorded; else a least-squares line for a numeric indicator with at least
    MIN_POINTS values; else the latest value. Percentages are kept within 0-100.
    """
    if not points:
        return None, Method.NONE
    if target_year in points:
        return points[target_year], Method.RECORDED
    latest = points[max(points)]
    if kind == rules.BOOLEAN or len(points) < MIN_POINTS:
        return latest, Method.LATEST
    slope, intercept = least_squares(sorted(points.items()))
    value = slope * target_year + intercept
    if kind == rules.PERCENTAGE:
        value = min(100.0, max(0.0, value))
    return value, Method.TREND


@dataclass(frozen=True)
class IndicatorForecast:
    """One indicator's history, projection and verdict for the target year."""

    indicator_id: int
    code: str
    text: str
    criterion: int
    kind: str
    comparator: str
    unit: str
    target: Decimal | None
    history: tuple[tuple[int, float], ...]
    projected: float | None
    method: Method
    meets: bool | None  # None: no target for the commune's class (cannot be judged)
    meets_now: bool | None  # the latest value against the same target
    indicator: Indicator | None = field(default=None, compare=False, repr=False)

    @property
    def target_text(self) -> str:
        """The target as read by people ("≥ 70 %", "Yes"), in the active language."""
        return target_text(self.indicator, self.target) if self.indicator else str(self.target)

    @property
    def history_text(self) -> list[tuple[int, str]]:
        """(year, value as read by people) for each recorded value."""
        return [(year, value_text(self.indicator, self._native(value))) for year, value in self.history]

    @property
    def projected_text(self) -> str:
        if self.projected is None or self.indicator is None:
            return "—"
        return value_text(self.indicator, self._native(self.projected))

    def _native(self, value: float):
        if self.kind == rules.BOOLEAN:
            return bool(round(value))
        return Decimal(str(round(value, 1)))

    @property
    def short(self) -> bool:
        """Projected to miss its target (an indicator with a target and no value yet misses it)."""
        return self.target is not None and self.meets is not True

    @property
    def carried_by_trend(self) -> bool:
        return self.meets is True and self.meets_now is False


def _judge(kind: str, comparator: str, target, value: float | None) -> bool | None:
    if target is None:
        return None
    if value is None:
        return False
    if kind == rules.BOOLEAN:
        return rules.meets(kind, comparator, target, bool(round(value)))
    return rules.meets(kind, comparator, target, Decimal(str(round(value, 4))))


def indicator_forecast(indicator: Indicator, *, target, history: dict[int, float], target_year: int):
    """`IndicatorForecast` of one indicator from its `{year: value}` history (yes/no values as 1.0 / 0.0)."""
    projected, method = project(history, target_year, kind=indicator.kind)
    latest = history[max(history)] if history else None
    return IndicatorForecast(
        indicator_id=indicator.pk,
        code=indicator.code,
        text=indicator.text,
        criterion=indicator.criterion.number,
        kind=indicator.kind,
        comparator=indicator.comparator,
        unit=indicator.unit,
        target=target,
        history=tuple(sorted(history.items())),
        projected=projected,
        method=method,
        meets=_judge(indicator.kind, indicator.comparator, target, projected),
        meets_now=_judge(indicator.kind, indicator.comparator, target, latest),
        indicator=indicator,
    )


def outlook_of(short_criteria: int) -> Outlook:
    """On track with no criterion projected short, at risk with one or two, off track with more."""
    if short_criteria == 0:
        return Outlook.ON_TRACK
    return Outlook.AT_RISK if short_criteria <= 2 else Outlook.OFF_TRACK


@dataclass
class CommuneForecast:
    commune_id: int
    target_year: int
    as_of: int
    indicators: list[IndicatorForecast] = field(default_factory=list)
    criteria: list[int] = field(default_factory=list)  # numbers of the target year's set

    @property
    def short_criteria(self) -> list[int]:
        """Criteria projected short: one of their indicators is (criteria without a target are left out)."""
        by_criterion: dict[int, list[IndicatorForecast]] = defaultdict(list)
        for item in self.indicators:
            by_criterion[item.criterion].append(item)
        short = []
        for number in self.criteria:
            items = by_criterion.get(number, [])
            if not items or any(item.target is None for item in items):
                continue  # cannot be judged (rules.criterion_status)
            if any(item.short for item in items):
                short.append(number)
        return short

    @property
    def outlook(self) -> Outlook:
        return outlook_of(len(self.short_criteria))

    @property
    def deciding(self) -> list[IndicatorForecast]:
        """The indicators that decide the outlook: those projected short of judgeable criteria, else those that
        miss today and are carried over the line by their trend."""
        short = set(self.short_criteria)
        missing = [item for item in self.indicators if item.criterion in short and item.short]
        return missing or [item for item in self.indicators if item.carried_by_trend]


def commune_forecast(
    *,
    commune_id: int,
    indicators,
    targets: dict[int, object],
    history: dict[tuple[str, str], dict[int, float]],
    criteria: list[int],
    target_year: int,
    as_of: int,
) -> CommuneForecast:
    """The forecast of one commune: `indicators` of the target year's set, their `targets` by indicator id, the
    commune's `history` by (code, kind) as `{year: value}`."""
    return CommuneForecast(
        commune_id=commune_id,
        target_year=target_year,
        as_of=as_of,
        criteria=criteria,
        indicators=[
            indicator_forecast(
                indicator,
                target=targets.get(indicator.pk),
                history=history.get((indicator.code, indicator.kind), {}),
                target_year=target_year,
            )
            for indicator in indicators
        ],
    )


@dataclass
class _SetData:
    criteria_set: CriteriaSet
    book: TargetBook
    indicators: list[Indicator]
    criteria: list[int]


def _set_data(criteria_set: CriteriaSet) -> _SetData:
    indicators = list(
        Indicator.objects.filter(criterion__criteria_set=criteria_set)
        .select_related("criterion")
        .order_by("criterion__number", "order", "code")
    )
    numbers = list(
        Criterion.objects.filter(criteria_set=criteria_set).order_by("number").values_list("number", flat=True)
    )
    return _SetData(criteria_set, TargetBook(criteria_set), indicators, numbers)


def _as_number(kind: str, value) -> float | None:
    if value is None:
        return None
    if kind == rules.BOOLEAN:
        return 1.0 if value else 0.0
    return float(value)


def forecasts_build(*, targets: dict[int, int], as_of: int) -> dict[int, CommuneForecast]:
    """Forecasts made in `as_of` for communes `{commune id: target year}`, from values of the HISTORY_YEARS years
    up to `as_of`. A commune whose province has no set in force in its target year is left out.

    Queries: the communes, the set of each (province, target year), each set's criteria, indicators and targets
    (once per set), and the values.
    """
    if not targets:
        return {}
    places = Commune.objects.filter(pk__in=list(targets)).values_list(
        "pk", "province_id", "province__region__code", "commune_group"
    )
    sets: dict[tuple[int, int], CriteriaSet | None] = {}
    data: dict[int, _SetData] = {}
    plan = []
    for pk, province_id, region_code, group in places:
        year = targets[pk]
        if (province_id, year) not in sets:
            sets[(province_id, year)] = CriteriaSet.objects.for_year(year, province_id).first()
        criteria_set = sets[(province_id, year)]
        if criteria_set is None:
            continue
        if criteria_set.pk not in data:
            data[criteria_set.pk] = _set_data(criteria_set)
        target_class = criteria_set.target_class_for(region_code=region_code, commune_group=group)
        plan.append((pk, province_id, year, data[criteria_set.pk], target_class))
    history: dict[int, dict[tuple[str, str], dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    values = Assessment.objects.filter(
        commune_id__in=[p[0] for p in plan], year__gt=as_of - HISTORY_YEARS, year__lte=as_of
    ).values_list("commune_id", "year", "indicator__code", "indicator__kind", "yes_no", "percent", "amount")
    for pk, year, code, kind, yes_no, percent, amount in values.order_by():
        number = _as_number(kind, value_of(kind, yes_no, percent, amount))
        if number is not None:
            history[pk][(code, kind)][year] = number
    forecasts = {}
    for pk, province_id, year, set_data, target_class in plan:
        book_targets = {
            i.pk: set_data.book.target(i.pk, target_class=target_class, year=year, province_id=province_id)
            for i in set_data.indicators
        }
        forecasts[pk] = commune_forecast(
            commune_id=pk,
            indicators=set_data.indicators,
            targets=book_targets,
            history=history.get(pk, {}),
            criteria=set_data.criteria,
            target_year=year,
            as_of=as_of,
        )
    return forecasts


def target_year_of(commune: Commune, year: int, criteria_set: CriteriaSet | None | bool = False) -> int:
    """The year a commune's forecast aims at: the nearest year it registered for (`year` or later), else the last
    year of the set in force in `year` (else `year`). `criteria_set`: that set (or None) when the caller has read
    it already (the scorecard's), else it is read."""
    registered = commune.registrations.filter(year__gte=year).order_by("year").values_list("year", flat=True).first()
    if registered is not None:
        return registered
    if criteria_set is False:
        criteria_set = CriteriaSet.objects.for_year(year, commune.province_id).first()
    return criteria_set.year_to if criteria_set else year


def chart_series(forecast: CommuneForecast) -> list[dict]:
    """Per deciding numeric indicator: the recorded values, the projection and the target, for the scorecard's
    chart (the same numbers are in the table beside it)."""
    series = []
    for item in forecast.deciding:
        if item.kind == rules.BOOLEAN or not item.history:
            continue
        years = list(range(min([y for y, _ in item.history] or [forecast.as_of]), forecast.target_year + 1))
        recorded = dict(item.history)
        series.append(
            {
                "code": item.code,
                "text": item.text,
                "years": years,
                "values": [recorded.get(y) for y in years],
                "projection": [
                    round(item.projected, 2)
                    if y == forecast.target_year and item.projected is not None
                    else (recorded[max(recorded)] if recorded and y == max(recorded) else None)
                    for y in years
                ],
                "target": float(item.target) if item.target is not None else None,
            }
        )
    return series
