"""The forecast on hand-made histories: trends, flat lines, too few points, yes/no values, missing targets."""

from decimal import Decimal

import pytest

from communes.forecast import (
    Method,
    Outlook,
    commune_forecast,
    forecasts_build,
    indicator_forecast,
    least_squares,
    outlook_of,
    project,
)
from communes.models import Assessment, Commune
from criteria import rules
from criteria.models import Criterion, Indicator


def _indicator(pk: int, number: int, kind: str = rules.PERCENTAGE, comparator: str = rules.GE) -> Indicator:
    return Indicator(
        pk=pk,
        code=f"{number}.1",
        text=f"Chỉ tiêu {number}",
        kind=kind,
        comparator=comparator,
        criterion=Criterion(number=number, name=f"Tiêu chí {number}"),
    )


def test_least_squares_fits_a_straight_line_exactly():
    slope, intercept = least_squares([(2011, 50.0), (2012, 58.0), (2013, 66.0)])
    assert slope == pytest.approx(8.0) and slope * 2015 + intercept == pytest.approx(82.0)


def test_a_steady_climb_crossing_the_target_is_on_track():
    paved = _indicator(1, 1)
    item = indicator_forecast(paved, target=Decimal("70"), history={2011: 50, 2012: 58, 2013: 66}, target_year=2015)
    assert item.method == Method.TREND and item.projected == pytest.approx(82.0)
    assert item.meets is True and item.meets_now is False and item.carried_by_trend
    forecast = commune_forecast(
        commune_id=1,
        indicators=[paved],
        targets={1: Decimal("70")},
        history={("1.1", rules.PERCENTAGE): {2011: 50, 2012: 58, 2013: 66}},
        criteria=[1],
        target_year=2015,
        as_of=2013,
    )
    assert forecast.outlook == Outlook.ON_TRACK
    assert [i.code for i in forecast.deciding] == ["1.1"]  # the trend carries it over the line


def test_a_flat_line_under_the_target_is_off_track():
    indicators = [_indicator(n, n) for n in (1, 2, 3)]
    flat = {2011: 60, 2012: 60, 2013: 60}
    forecast = commune_forecast(
        commune_id=1,
        indicators=indicators,
        targets={n: Decimal("70") for n in (1, 2, 3)},
        history={(f"{n}.1", rules.PERCENTAGE): flat for n in (1, 2, 3)},
        criteria=[1, 2, 3],
        target_year=2015,
        as_of=2013,
    )
    assert forecast.short_criteria == [1, 2, 3] and forecast.outlook == Outlook.OFF_TRACK
    assert [i.code for i in forecast.deciding] == ["1.1", "2.1", "3.1"]
    assert all(i.projected == pytest.approx(60.0) for i in forecast.indicators)


def test_a_noisy_series_with_too_few_points_uses_the_latest_value():
    projected, method = project({2012: 90.0, 2013: 40.0}, 2015, kind=rules.PERCENTAGE)
    assert (projected, method) == (40.0, Method.LATEST)
    item = indicator_forecast(_indicator(1, 1), target=Decimal("70"), history={2012: 90, 2013: 40}, target_year=2015)
    assert item.meets is False


def test_lower_is_better_follows_the_comparator():
    poor = _indicator(1, 11, comparator=rules.LT)
    item = indicator_forecast(poor, target=Decimal("7"), history={2011: 12, 2012: 10, 2013: 8}, target_year=2015)
    assert item.projected == pytest.approx(4.0) and item.meets is True


def test_a_percentage_is_kept_within_0_and_100():
    assert project({2011: 80, 2012: 90, 2013: 100}, 2016, kind=rules.PERCENTAGE)[0] == 100.0
    assert project({2011: 80, 2012: 90, 2013: 100}, 2016, kind=rules.MONEY)[0] == pytest.approx(130.0)


def test_a_yes_no_indicator_keeps_its_latest_value():
    plan = _indicator(1, 1, kind=rules.BOOLEAN, comparator=rules.EQ)
    item = indicator_forecast(plan, target=1, history={2011: 1.0, 2012: 1.0, 2013: 0.0}, target_year=2015)
    assert item.method == Method.LATEST and item.meets is False


def test_a_value_recorded_for_the_target_year_is_taken_as_it_is():
    assert project({2011: 10, 2012: 20, 2013: 90}, 2013, kind=rules.NUMBER) == (90, Method.RECORDED)


def test_one_or_two_criteria_short_is_at_risk_and_missing_targets_do_not_count():
    indicators = [_indicator(1, 1), _indicator(2, 2), _indicator(3, 3)]
    forecast = commune_forecast(
        commune_id=1,
        indicators=indicators,
        targets={1: Decimal("70"), 2: None, 3: Decimal("70")},
        history={("1.1", rules.PERCENTAGE): {2013: 50}, ("2.1", rules.PERCENTAGE): {2013: 10}},
        criteria=[1, 2, 3, 4],
        target_year=2015,
        as_of=2013,
    )
    # 1: latest 50 < 70; 2: no target (not judged); 3: no value (short); 4: no indicator (not judged)
    assert forecast.short_criteria == [1, 3] and forecast.outlook == Outlook.AT_RISK
    assert [outlook_of(n) for n in (0, 1, 2, 3)] == [
        Outlook.ON_TRACK,
        Outlook.AT_RISK,
        Outlook.AT_RISK,
        Outlook.OFF_TRACK,
    ]


def test_forecasts_build_reads_the_history_and_the_targets(small_set, ind, commune):
    small_set.year_from = 2011
    small_set.save()
    for year, paved, money, poor in [(2011, 50, 9, 12), (2012, 58, 11, 10), (2013, 66, 13, 8)]:
        Assessment.objects.create(commune=commune, indicator=ind["1.1"], year=year, percent=paved)
        Assessment.objects.create(commune=commune, indicator=ind["1.2"], year=year, yes_no=True)
        Assessment.objects.create(commune=commune, indicator=ind["2.1"], year=year, amount=money)
        Assessment.objects.create(commune=commune, indicator=ind["3.1"], year=year, percent=poor)
    forecast = forecasts_build(targets={commune.pk: 2015}, as_of=2013)[commune.pk]
    by_code = {i.code: i for i in forecast.indicators}
    assert by_code["1.1"].projected == pytest.approx(82.0) and by_code["1.1"].meets  # ≥ 70 (BTB)
    assert by_code["2.1"].projected == pytest.approx(17.0) and by_code["2.1"].meets  # ≥ 17 from 2014
    assert by_code["3.1"].meets  # 4 % < 7 %
    assert forecast.outlook == Outlook.ON_TRACK
    assert Commune.objects.count() == 1


def test_the_back_test_counts_how_often_the_forecast_was_right(small_set, ind, province, commune, second_commune):
    from communes.backtest import forecast_backtest
    from communes.services import assessments_save

    small_set.year_from = 2011
    small_set.save()
    climb = {2011: (50, 9, 12), 2012: (58, 11, 10), 2013: (66, 13, 8), 2015: (80, 18, 5)}  # meets all in 2015
    flat = {2011: (60, 10, 10), 2012: (60, 10, 10), 2013: (60, 10, 10), 2015: (90, 20, 3)}  # jumps: not foreseen
    for place, rows in ((commune, climb), (second_commune, flat)):
        for year, (paved, money, poor) in rows.items():
            values = {ind["1.1"].pk: Decimal(paved), ind["1.2"].pk: True, ind["2.1"].pk: Decimal(money)}
            values[ind["3.1"].pk] = Decimal(poor)
            assessments_save(commune=place, year=year, values=values, user=None)
    report = forecast_backtest(province=province, as_of=2013, target_year=2015)
    assert report.communes == 2 and report.right == 1 and report.share_right == 50.0
    assert report.outcomes == {("on_track", True): 1, ("off_track", True): 1}
    # 3 criteria x 2 communes: the climbing commune's three are foreseen by their trends, the flat one's jump is not;
    # the latest values alone (66 %, 13 million, 8 %; 60 %, 10 million, 10 %) miss every one
    assert report.criteria == 6 and report.criteria_right == 3
    assert report.criteria_right_today == 0
