"""Deterministic demo progress for Hà Tĩnh, 2011-2015, shaped on the real figures.

Figures (shared/domain/NOTES.md §7): about 4.1 criteria per commune at the start
(none above 10), 7.7 at the end of 2013 with 7 communes recognised, 26 recognised
by the end of 2014 with 38 communes under 7 criteria and none under 5, about 52
by the end of 2015. Each year's counts are drawn as a sorted list that dominates
the previous year's, then handed out by a fixed ranking of communes, so progress
only moves forward; each commune meets its easiest criteria first.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from criteria import rules
from criteria.models import CriteriaSet
from criteria.selectors import TargetBook, indicators_of
from ntm.lib.history import bulk_delete_with_history
from provinces.models import Province, Region

from .models import Assessment, Commune, CommuneYear, Registration, value_columns
from .services import target_class_of
from .summary import scores_rebuild

SEED = 2014
YEARS = (2011, 2012, 2013, 2014, 2015)
# Criteria from easiest to hardest for a Hà Tĩnh commune of the time (illustrative).
EASE_ORDER = [19, 4, 8, 1, 18, 13, 9, 3, 16, 15, 14, 12, 7, 5, 11, 2, 6, 10, 17]
RECOGNISED_BY_END_OF = {2013: 7, 2014: 26, 2015: 52}
# Communes meeting all 19 by the end of the year; the last three of 2015 still await their decision.
ALL_MET_BY_END_OF = {2013: 7, 2014: 26, 2015: 55}
# Communes that registered for a year but fell short that year (they make it the year after).
MISSED_REGISTRATION = {2014: 4}
SHORT_REASON = "Chưa đạt đủ 19 tiêu chí trong năm đăng ký."  # why the province returned their year
# Per year: (mean criteria per commune, lowest count, highest count for communes not recognised)
YEAR_SHAPE = {2011: (4.1, 1, 9), 2012: (5.6, 2, 12), 2013: (7.7, 3, 18), 2014: (10.4, 5, 18), 2015: (13.0, 7, 18)}
UNDER_SEVEN = {2013: 90, 2014: 38}
DEMO_PASSWORD = "ntm-demo-2014"
DEMO_USERS = [
    ("vanphong", "office", None, "Nguyễn Văn Phòng"),
    ("huyen_ductho", "district", "440", "Trần Thị Đức"),
    ("lanhdao", "leadership", None, "Lê Văn Lãnh"),
]


def _ramp(n: int, lo: int, hi: int, total: int) -> list[int]:
    """n integers in [lo, hi], sorted high to low, adding up to `total` (as near as bounds allow)."""
    if n == 0:
        return []
    low_p, high_p = 0.05, 20.0
    for _ in range(60):
        power = (low_p + high_p) / 2
        values = [round(lo + (hi - lo) * ((n - 1 - i) / max(n - 1, 1)) ** power) for i in range(n)]
        if sum(values) > total:
            low_p = power
        else:
            high_p = power
    diff = total - sum(values)
    index = 0
    while diff and index < 10 * n:
        i = index % n
        if diff > 0 and values[i] < hi:
            values[i] += 1
            diff -= 1
        elif diff < 0 and values[n - 1 - i] > lo:
            values[n - 1 - i] -= 1
            diff += 1
        index += 1
    return sorted(values, reverse=True)


def yearly_counts(n: int) -> dict[int, list[int]]:
    """Criteria met per rank (best commune first) for each demo year."""
    counts: dict[int, list[int]] = {}
    previous = [0] * n
    for year in YEARS:
        mean, lo, hi = YEAR_SHAPE[year]
        recognised = ALL_MET_BY_END_OF.get(year, 0)
        total = round(mean * n) - 19 * recognised
        rest = n - recognised
        under = UNDER_SEVEN.get(year)
        if under:
            upper = _ramp(rest - under, 7, hi, total - round(5.3 * under if year == 2014 else 4.8 * under))
            lower = _ramp(under, lo, 6, total - sum(upper))
            body = upper + lower
        else:
            body = _ramp(rest, lo, hi, total)
        ranked = [19] * recognised + body
        counts[year] = [max(a, b) for a, b in zip(ranked, previous, strict=True)]
        previous = counts[year]
    return counts


def _value(kind: str, comparator: str, target: Decimal, ratio: float):
    """The value standing at `ratio` of the target (1.0 = exactly the target; above 1 better than the target).

    Lower-is-better indicators (poverty rate) divide instead of multiply; percentages stay within 0-100.
    """
    if kind == rules.BOOLEAN:
        return bool(target) if ratio >= 1 else not bool(target)
    if comparator in (rules.LE, rules.LT):
        value = target / Decimal(str(ratio))
    elif comparator == rules.EQ:
        value = target if ratio >= 1 else target * Decimal(str(ratio))
    else:
        value = target * Decimal(str(ratio))
    if kind == rules.PERCENTAGE:
        value = min(value, Decimal(100))
    return value.quantize(Decimal("0.1"))


def _meeting_value(indicator, target: Decimal, ratio: float, *, meets: bool):
    """`_value`, nudged until it meets (or misses) the target as the demo's counts require (rounding to one
    decimal, strict comparators and a target of 0 would otherwise break the count)."""
    value = _value(indicator.kind, indicator.comparator, target, ratio)
    for _attempt in range(20):
        if rules.meets(indicator.kind, indicator.comparator, target, value) == meets:
            return value
        if indicator.kind == rules.BOOLEAN:
            return bool(target) if meets else not bool(target)
        worse = indicator.comparator in (rules.LE, rules.LT)
        step = Decimal("0.1") if (meets != worse) else Decimal("-0.1")
        value = value + step if value + step >= 0 else value + abs(step)
        if indicator.kind == rules.PERCENTAGE:
            value = min(max(value, Decimal(0)), Decimal(100))
    return value


class _Trajectories:
    """Each commune's indicators move by plausible steps from year to year (no 100 % one year, 41 % the next).

    An indicator's standing is a ratio to its target: it starts below the target for the indicators that
    hold a criterion back, climbs a little every year, and once the criterion is met stays at or above it.
    Indicators are followed by code, so they carry over when the criteria set changes (491 -> 342).
    The indicators holding an unmet criterion back are chosen once and only shrink while it stays unmet.
    """

    def __init__(self):
        self.ratio: dict[tuple[int, str], float] = {}
        self.holding_back: dict[tuple[int, int], set[str]] = {}

    def failing(self, commune: Commune, number: int, codes: list[str], met: bool, rng: random.Random) -> set[str]:
        key = (commune.pk, number)
        if met:
            self.holding_back[key] = set()
            return set()
        current = {code for code in self.holding_back.get(key, set()) if code in codes}
        if not current:
            current = {rng.choice(codes)} | {code for code in codes if rng.random() < 0.3}
        elif len(current) > 1 and rng.random() < 0.4:
            current.discard(sorted(current)[0])  # one more indicator reaches its target this year
        self.holding_back[key] = current
        return current

    def step(self, commune: Commune, code: str, failing: bool, rng: random.Random) -> float:
        key = (commune.pk, code)
        previous = self.ratio.get(key)
        if failing:
            start = previous if previous is not None and previous < 1 else rng.uniform(0.6, 0.85)
            ratio = min(0.97, start + (rng.uniform(0.02, 0.08) if previous is not None else 0))
        else:
            start = previous if previous is not None and previous >= 1.05 else rng.uniform(1.05, 1.12)
            ratio = min(1.35, start + (rng.uniform(0.0, 0.05) if previous is not None else 0))
        self.ratio[key] = ratio
        return ratio


def _ease_order(rng: random.Random) -> list[int]:
    """A commune's own order: the common order, with neighbours swapped now and then."""
    order = EASE_ORDER[:]
    for i in range(len(order) - 1):
        if rng.random() < 0.3:
            order[i], order[i + 1] = order[i + 1], order[i]
    return order


@transaction.atomic
def demo_seed(*, province: Province, entered_by=None) -> dict[int, float]:
    """Replace the demo years' assessments, registrations, workflow states and recognitions of the province.

    Every write keeps its history (bulk ones included). Returns the average criteria met per year.
    """
    region = Region.objects.filter(code="BTB").first()
    province.region = province.region or region
    province.report_cutoff = province.report_cutoff or 7
    province.save()
    communes = list(
        Commune.objects.in_year(YEARS[-1])
        .filter(province=province, in_programme=True)
        .select_related("province__region")
    )
    rng = random.Random(SEED)
    rng.shuffle(communes)  # the ranking: best first
    counts = yearly_counts(len(communes))
    orders = {c.pk: _ease_order(random.Random(f"{SEED}-{c.code}")) for c in communes}
    bulk_delete_with_history(Assessment.objects.filter(commune__province=province, year__in=YEARS), user=entered_by)
    _reset_programme(province, communes)
    rows: list[Assessment] = []
    paths = _Trajectories()
    for year in YEARS:
        criteria_set = CriteriaSet.objects.for_year(year, province).first()
        book = TargetBook(criteria_set)
        by_criterion: dict[int, list] = {}
        for indicator in indicators_of(criteria_set):
            by_criterion.setdefault(indicator.criterion.number, []).append(indicator)
        for rank, commune in enumerate(communes):
            met = set(orders[commune.pk][: counts[year][rank]])
            value_rng = random.Random(f"{SEED}-{commune.code}-{year}")
            target_class = target_class_of(commune, criteria_set, year)  # once per commune-year, not per value
            for number, indicators in by_criterion.items():
                codes = [indicator.code for indicator in indicators]
                failing = paths.failing(commune, number, codes, number in met, value_rng)
                for indicator in indicators:
                    target = book.target(
                        indicator.pk,
                        target_class=target_class,
                        year=year,
                        province_id=province.pk,
                    )
                    ratio = paths.step(commune, indicator.code, indicator.code in failing, value_rng)
                    value = _meeting_value(indicator, target, ratio, meets=indicator.code not in failing)
                    yes_no, percent, amount = value_columns(indicator.kind, value)
                    rows.append(
                        Assessment(
                            commune=commune,
                            indicator=indicator,
                            year=year,
                            yes_no=yes_no,
                            percent=percent,
                            amount=amount,
                            meets=rules.meets(indicator.kind, indicator.comparator, target, value),
                            entered_by=entered_by,
                        )
                    )
    bulk_create_with_history(rows, Assessment, batch_size=2000, default_user=entered_by)
    _record_programme(communes, counts, rng, entered_by)
    scores_rebuild(province=province, years=YEARS)  # the summary of what was written in bulk (and what is locked)
    return {year: sum(values) / len(values) for year, values in counts.items()}


RECOGNITION_FIELDS = ["recognition_decision", "recognition_date", "recognition_level"]


def _reset_programme(province: Province, communes: list[Commune]) -> None:
    """Clear the demo years' registrations and workflow states, and every recognition of the province."""
    CommuneYear.objects.filter(commune__province=province, year__in=YEARS).delete()
    Registration.objects.filter(commune__province=province, year__in=YEARS).delete()
    loaded = {c.pk: c for c in communes}
    recognised = Commune.objects.filter(province=province).exclude(
        recognition_decision="", recognition_date=None, recognition_level=""
    )
    cleared = [loaded.get(c.pk, c) for c in recognised]
    for commune in cleared:
        commune.recognition_decision, commune.recognition_date, commune.recognition_level = "", None, ""
    bulk_update_with_history(cleared, Commune, RECOGNITION_FIELDS)


def _record_programme(communes: list[Commune], counts: dict[int, list[int]], rng: random.Random, user) -> None:
    """Registrations for 2014 and 2015, recognition decisions, and where each of those years stands."""
    registered: dict[int, set[int]] = {}
    states: list[CommuneYear] = []
    for year, missed in MISSED_REGISTRATION.items():
        short = [c for rank, c in enumerate(communes) if counts[year][rank] < 19]
        for commune in short[:missed]:
            registered.setdefault(commune.pk, set()).update({year, year + 1})  # short this year, again the next
            states.append(
                CommuneYear(commune=commune, year=year, state=CommuneYear.State.RETURNED, return_reason=SHORT_REASON)
            )
    decision_number = 1200
    for year in (2013, 2014, 2015):
        newly = [c for rank, c in enumerate(communes) if counts[year][rank] == 19 and c.recognition_date is None]
        newly = newly[: RECOGNISED_BY_END_OF[year] - sum(1 for c in communes if c.recognition_date is not None)]
        for commune in newly:
            decision_number += 7
            commune.recognition_decision = f"{decision_number}/QĐ-UBND"
            commune.recognition_date = datetime.date(year, 12, rng.randint(15, 30))
            commune.recognition_level = Commune.RecognitionLevel.STANDARD
            if year >= 2014 and commune.pk not in registered:
                registered[commune.pk] = {year}
            states.append(_recognised_year(commune, year))
    for rank, commune in enumerate(communes):
        if commune.recognition_date is not None or counts[2015][rank] < 15:
            continue
        registered.setdefault(commune.pk, {2015})  # close to the standard in 2015: registered for it
        if counts[2015][rank] == 19:  # all 19 met: appraised, awaiting the decision
            states.append(_appraised_year(commune, 2015))
        else:
            states.append(CommuneYear(commune=commune, year=2015, state=CommuneYear.State.SUBMITTED))
    recognised = [c for c in communes if c.recognition_date is not None]
    bulk_update_with_history(recognised, Commune, RECOGNITION_FIELDS, default_user=user)
    registrations = [
        Registration(commune_id=pk, year=year, registered_by=user)
        for pk, years in registered.items()
        for year in sorted(years)
    ]
    bulk_create_with_history(registrations, Registration, default_user=user)
    _date_registrations(registrations, rng)
    for commune_year in states:
        commune_year.changed_at = _step_date(commune_year, rng)
        commune_year.changed_by = user
    bulk_create_with_history(states, CommuneYear, default_user=user)


def _date_registrations(registrations: list[Registration], rng: random.Random) -> None:
    """A commune registers for year Y with its district in the first ten days of December of Y - 1 (Quảng Nam's
    rule in NOTES.md §2: the district forwards the list to the VPĐP by 10/12), never after the year starts."""
    for registration in Registration.objects.filter(pk__in=[r.pk for r in registrations]):
        day = datetime.datetime(registration.year - 1, 12, rng.randint(1, 10), 9, 0, tzinfo=datetime.UTC)
        Registration.objects.filter(pk=registration.pk).update(registered_at=day)


def _step_date(commune_year: CommuneYear, rng: random.Random) -> datetime.datetime:
    """When the year's last step was taken: the decision, the council, or a submission late in the year."""
    state = commune_year.state
    if state == CommuneYear.State.RECOGNISED:
        day = commune_year.decision_date
    elif state == CommuneYear.State.APPRAISED:
        day = commune_year.council_date
    elif state == CommuneYear.State.RETURNED:
        day = datetime.date(commune_year.year, 12, rng.randint(1, 12))
    else:
        day = datetime.date(commune_year.year, 11, rng.randint(5, 28))
    return datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=datetime.UTC)


def _appraised_year(commune: Commune, year: int) -> CommuneYear:
    return CommuneYear(
        commune=commune,
        year=year,
        state=CommuneYear.State.APPRAISED,
        council_date=datetime.date(year, 12, 10),
        council_result=CommuneYear.CouncilResult.APPROVED,
    )


def _recognised_year(commune: Commune, year: int) -> CommuneYear:
    commune_year = _appraised_year(commune, year)
    commune_year.state = CommuneYear.State.RECOGNISED
    commune_year.decision_number = commune.recognition_decision
    commune_year.decision_date = commune.recognition_date
    commune_year.decision_level = commune.recognition_level
    return commune_year
