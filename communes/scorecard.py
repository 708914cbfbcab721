"""A commune's scorecard for one year: targets, values and results under the set in force.

Everything here is read in a fixed number of queries whatever the number of
indicators: the set, its criteria, its indicators, its targets (one
`TargetBook`), the commune's assessments, and `scores_for_years` for the change
from the previous year.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext

from criteria import rules
from criteria.models import CriteriaSet, Criterion, CriterionGroup, Indicator
from criteria.selectors import TargetBook, criteria_set_for_year

from .models import Assessment, Commune, value_of
from .scoring import change_between, scores_for_years
from .services import target_class_of

STATUS_CLASSES = {True: "met", False: "not-met", None: "unknown"}
CRITERION_CLASSES = {
    rules.CriterionStatus.MET: "met",
    rules.CriterionStatus.NOT_MET: "not-met",
    rules.CriterionStatus.NOT_ASSESSABLE: "unknown",
}


def format_number(value) -> str:
    """A number in the active language's format (85,5 in Vietnamese), without trailing zeros."""
    if isinstance(value, Decimal):
        value = value.normalize()
    return number_format(value, use_l10n=True, force_grouping=True)


def unit_of(indicator: Indicator) -> str:
    if indicator.kind == rules.PERCENTAGE:
        return "%"
    if indicator.kind == rules.MONEY:
        return gettext("million VND/person/year")
    return indicator.unit


def yes_no_text(value) -> str:
    return gettext("Yes") if value else gettext("No")


def target_text(indicator: Indicator, target) -> str:
    """The target as read by people: "≥ 70 %", "Yes", "≥ 17 million VND/person/year"; "—" when none applies."""
    if target is None:
        return "—"
    if indicator.kind == rules.BOOLEAN:
        return yes_no_text(target)
    return f"{indicator.get_comparator_display()} {format_number(target)} {unit_of(indicator)}".strip()


def value_text(indicator: Indicator, value) -> str:
    if value is None:
        return "—"
    if indicator.kind == rules.BOOLEAN:
        return yes_no_text(value)
    return f"{format_number(value)} {unit_of(indicator)}".strip()


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Indicator
    target: Decimal | None
    value: object
    meets: bool | None  # as recorded: for a locked year, as it was judged
    today: bool | None = None  # what today's target gives for the value
    target_disputed: bool = False  # sources disagree on the target (criteria.Target.disputed)
    target_note: str = ""

    @property
    def differs_today(self) -> bool:
        """A locked year's result that today's rules would give otherwise."""
        return self.value is not None and self.today != self.meets

    @property
    def target_text(self) -> str:
        return target_text(self.indicator, self.target)

    @property
    def value_text(self) -> str:
        return value_text(self.indicator, self.value)

    @property
    def verified(self) -> bool:
        return self.indicator.verified

    @property
    def status(self) -> str:
        return STATUS_CLASSES[self.meets]


@dataclass(frozen=True)
class CriterionLine:
    criterion: Criterion
    indicators: list[IndicatorLine]

    @property
    def result(self) -> rules.CriterionStatus:
        """Met, not met, or not assessable (no indicator, or an indicator without a target for this commune)."""
        return rules.criterion_status(
            indicator_count=len(self.indicators),
            without_target=sum(1 for line in self.indicators if line.target is None),
            met=sum(1 for line in self.indicators if line.meets is True),
        )

    @property
    def met(self) -> bool:
        return self.result == rules.CriterionStatus.MET

    @property
    def not_assessable(self) -> bool:
        return self.result == rules.CriterionStatus.NOT_ASSESSABLE

    @property
    def status(self) -> str:
        return CRITERION_CLASSES[self.result]


@dataclass(frozen=True)
class GroupLine:
    group: CriterionGroup | None
    criteria: list[CriterionLine]


@dataclass
class Scorecard:
    commune: Commune
    year: int
    criteria_set: CriteriaSet | None
    groups: list[GroupLine] = field(default_factory=list)
    bands: list[rules.BandEdge] = field(default_factory=list)
    previous_set: CriteriaSet | None = None
    previous_has_data: bool = False
    gained: list[Criterion] = field(default_factory=list)
    lost: list[Criterion] = field(default_factory=list)

    @property
    def criteria(self) -> list[CriterionLine]:
        return [line for group in self.groups for line in group.criteria]

    @property
    def total(self) -> int:
        return len(self.criteria)

    @property
    def met_count(self) -> int:
        return sum(1 for line in self.criteria if line.met)

    @property
    def band(self) -> str | None:
        """None while no value is recorded: "no data yet" is not "0 criteria met"."""
        return rules.band_for(self.met_count, self.bands) if self.has_data else None

    @property
    def not_assessed(self) -> int:
        """Indicators of the set without a recorded value."""
        return sum(1 for criterion in self.criteria for line in criterion.indicators if line.value is None)

    @property
    def criteria_not_met(self) -> list[Criterion]:
        return [line.criterion for line in self.criteria if line.result == rules.CriterionStatus.NOT_MET]

    @property
    def not_assessable_count(self) -> int:
        return sum(1 for line in self.criteria if line.not_assessable)

    @property
    def differs_today(self) -> list[IndicatorLine]:
        """Indicators of a locked year that today's rules would judge otherwise (they keep their judged result)."""
        return [line for criterion in self.criteria for line in criterion.indicators if line.differs_today]

    @property
    def has_data(self) -> bool:
        return any(line.value is not None for criterion in self.criteria for line in criterion.indicators)

    @property
    def has_disputed(self) -> bool:
        return any(line.target_disputed for criterion in self.criteria for line in criterion.indicators)

    @property
    def has_unverified(self) -> bool:
        return any(not line.verified for criterion in self.criteria for line in criterion.indicators)

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def previous_under_same_set(self) -> bool:
        return self.previous_set is not None and self.previous_set == self.criteria_set


@dataclass(frozen=True)
class NextSteps:
    """What the person entering a commune's year still has to do, shown after every save."""

    not_assessed: int  # indicators without a value
    criteria_not_met: list[Criterion]
    not_assessable: int  # criteria that cannot be judged yet (no indicator, or no target: the office's data)
    ready_to_submit: bool  # every indicator has a value and every criterion is met


def next_steps(card: Scorecard) -> NextSteps | None:
    """The commune-year's remaining work (None when no criteria set applies).

    The submit step itself is the workflow's (TT 40/2014: the commune self-assesses, the district submits);
    submitting with criteria still missing is allowed after a confirmation (workflow.proposal).
    """
    if card.criteria_set is None:
        return None
    missing = card.criteria_not_met
    return NextSteps(
        not_assessed=card.not_assessed,
        criteria_not_met=missing,
        not_assessable=card.not_assessable_count,
        ready_to_submit=card.not_assessed == 0 and not missing and not card.not_assessable_count and card.total > 0,
    )


def scorecard_build(*, commune: Commune, year: int) -> Scorecard:
    """The scorecard of `commune` in `year`; empty (no set) when no criteria set covers the year.

    `commune` should come with `province__region` loaded (the target class depends on it).
    """
    criteria_set = criteria_set_for_year(year, commune.province)
    if criteria_set is None:
        return Scorecard(commune=commune, year=year, criteria_set=None)
    criteria = list(Criterion.objects.filter(criteria_set=criteria_set).select_related("group").order_by("number"))
    indicators = Indicator.objects.filter(criterion__criteria_set=criteria_set).order_by(
        "criterion__number", "order", "code"
    )
    recorded = {a.indicator_id: a for a in Assessment.objects.filter(commune=commune, year=year).for_set(criteria_set)}
    book = TargetBook(criteria_set)
    target_class = target_class_of(commune, criteria_set, year)
    lines: dict[int, list[IndicatorLine]] = defaultdict(list)
    for indicator in indicators:
        assessment = recorded.get(indicator.pk)
        option = book.option(indicator.pk, target_class=target_class, year=year, province_id=commune.province_id)
        target = option.value if option else None
        value = (
            value_of(indicator.kind, assessment.yes_no, assessment.percent, assessment.amount) if assessment else None
        )
        lines[indicator.criterion_id].append(
            IndicatorLine(
                indicator=indicator,
                target=target,
                value=value,
                meets=assessment.meets if assessment else None,
                today=rules.meets(indicator.kind, indicator.comparator, target, value),
                target_disputed=bool(option and option.disputed),
                target_note=option.note if option else "",
            )
        )
    card = Scorecard(commune=commune, year=year, criteria_set=criteria_set, groups=_groups(criteria, lines))
    _add_change(card, criteria)
    return card


def _groups(criteria: list[Criterion], lines: dict[int, list[IndicatorLine]]) -> list[GroupLine]:
    """Groups in the set's order; criteria without a group come last."""
    by_group: dict[int | None, list[CriterionLine]] = defaultdict(list)
    groups: dict[int | None, CriterionGroup | None] = {}
    for criterion in criteria:
        groups[criterion.group_id] = criterion.group
        by_group[criterion.group_id].append(CriterionLine(criterion=criterion, indicators=lines.get(criterion.pk, [])))
    order = sorted(groups, key=lambda pk: (groups[pk] is None, groups[pk].order if groups[pk] else 0, pk or 0))
    return [GroupLine(group=groups[pk], criteria=by_group[pk]) for pk in order]


def _add_change(card: Scorecard, criteria: list[Criterion]) -> None:
    """Bands of the set, and criteria gained and lost since the previous year (named)."""
    commune = card.commune
    scores = scores_for_years([card.year - 1, card.year], province=commune.province, commune_ids=[commune.pk])
    previous, current = scores[card.year - 1], scores[card.year]
    card.bands = current.bands
    card.previous_set = previous.criteria_set
    card.previous_has_data = previous.has_data(commune.pk)
    if not card.previous_has_data:
        return
    gained, lost = change_between(previous, current, commune.pk)
    now = {c.number: c for c in criteria}
    before = {c.number: c for c in previous.criteria}
    card.gained = [now[number] for number in gained if number in now]
    card.lost = [before[number] for number in lost if number in before]


def year_choices(*, province, years_with_data: list[int], selected: int) -> list[int]:
    """Years offered by the year selector, newest first: every year a set covers, and every year with data."""
    years = set(years_with_data) | {selected}
    sets = CriteriaSet.objects.filter(Q(province__isnull=True) | Q(province=province))
    for year_from, year_to in sets.values_list("year_from", "year_to"):
        years.update(range(year_from, year_to + 1))
    return sorted(years, reverse=True)
