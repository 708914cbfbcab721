"""Back-test of the forecast (communes/forecast.py): forecast a past year from the years before it, and compare
with what the communes actually reached that year (the score summary)."""

from collections import Counter
from dataclasses import dataclass, field

from .forecast import Outlook, forecasts_build
from .models import Commune, CommuneYearScore


@dataclass
class BacktestReport:
    as_of: int
    target_year: int
    communes: int = 0  # forecast and with a result in the target year
    right: int = 0  # on track and met every criterion, or not on track and did not
    outcomes: Counter = field(default_factory=Counter)  # (outlook, met every criterion) -> communes
    criteria: int = 0  # (commune, criterion) pairs judged both ways
    criteria_right: int = 0
    criteria_right_today: int = 0  # the same pairs, judged by the latest value only (no trend): the baseline

    @property
    def share_right(self) -> float:
        return round(100 * self.right / self.communes, 1) if self.communes else 0.0

    @property
    def criteria_share_right(self) -> float:
        return round(100 * self.criteria_right / self.criteria, 1) if self.criteria else 0.0

    @property
    def criteria_share_right_today(self) -> float:
        return round(100 * self.criteria_right_today / self.criteria, 1) if self.criteria else 0.0


def forecast_backtest(*, province, as_of: int, target_year: int) -> BacktestReport:
    """Forecast `target_year` for the province's programme communes not recognised by `as_of`, from the values up
    to `as_of`, and count how often it was right: per commune (on track against "met every criterion") and per
    criterion (projected met against met), beside the baseline "the latest value stands"."""
    communes = (
        Commune.objects.current()
        .filter(province=province, in_programme=True)
        .with_recognised_year()
        .exclude(pk__in=Commune.objects.with_recognised_year().recognised_by(as_of).values("pk"))
    )
    forecasts = forecasts_build(targets={pk: target_year for pk in communes.values_list("pk", flat=True)}, as_of=as_of)
    actual = {
        pk: (all_met, mask, open_mask)
        for pk, all_met, mask, open_mask in CommuneYearScore.objects.filter(
            year=target_year, commune_id__in=list(forecasts)
        ).values_list("commune_id", "all_met", "met_mask", "not_assessable_mask")
    }
    report = BacktestReport(as_of=as_of, target_year=target_year)
    for pk, forecast in forecasts.items():
        if pk not in actual:
            continue
        all_met, mask, open_mask = actual[pk]
        report.communes += 1
        report.outcomes[(str(forecast.outlook), all_met)] += 1
        report.right += (forecast.outlook == Outlook.ON_TRACK) == all_met
        short = set(forecast.short_criteria)
        short_today = {item.criterion for item in forecast.indicators if item.target is not None and not item.meets_now}
        for number in forecast.criteria:
            if open_mask >> number & 1 or number not in _judged(forecast):
                continue
            met = bool(mask >> number & 1)
            report.criteria += 1
            report.criteria_right += (number not in short) == met
            report.criteria_right_today += (number not in short_today) == met
    return report


def _judged(forecast) -> set[int]:
    """Criteria the forecast can judge: every indicator has a target."""
    by_criterion: dict[int, list] = {}
    for item in forecast.indicators:
        by_criterion.setdefault(item.criterion, []).append(item)
    return {n for n, items in by_criterion.items() if items and all(i.target is not None for i in items)}
