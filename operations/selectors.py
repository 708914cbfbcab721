"""Reads of the office's work shared by its pages, the dashboard, the Excel workbooks and the work queue."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict

from accounts.models import Role
from accounts.policy import district_id_of, role_of
from communes.directory import communes_filter, communes_in_vietnamese_order, communes_search
from communes.forms import CommuneFilterForm
from communes.models import Commune, District
from communes.scoring import YearScores, scores_for_years
from communes.selectors import assessment_years, programme_communes
from provinces.selectors import default_province

from . import rules
from .models import CommuneGroup, Finding, Inspection, InspectionRequest, Review, Visit, YearPlan

# --- commune groups (saved filters of the commune directory) ----------------------------------------------------


def group_communes(params: dict, *, year: int) -> tuple[list[Commune], YearScores]:
    """The communes the directory shows for these saved filter parameters, standing in `year`, in Vietnamese
    order, with the year's scores (criteria met per commune)."""
    province = default_province()
    scores = scores_for_years([year], province=province)[year]
    data = QueryDict(mutable=True)
    for name, value in (params or {}).items():
        data[name] = value
    bands = [b.label for b in scores.bands]
    form = CommuneFilterForm(data, years=assessment_years(province), year=year, bands=bands, province=province)
    form.is_valid()
    communes = Commune.objects.in_year(year).filter(province=province).select_related("district")
    communes = communes_filter(communes_search(communes, form.cleaned_data.get("q", "")), form.cleaned_data, scores)
    return list(communes_in_vietnamese_order(communes)), scores


def latest_reviews() -> list[Review]:
    """The latest review of each commune group (for the dashboard's links), groups in name order."""
    latest: dict[int, Review] = {}
    for review in Review.objects.select_related("group").order_by("group_id", "-held_on", "-pk"):
        latest.setdefault(review.group_id, review)
    return sorted(latest.values(), key=lambda r: r.group.name)


# --- requests on the work queue ---------------------------------------------------------------------------------


def requests_visible(user):
    """Requests the user reads: every role reads the province's (the list page narrows by district on demand)."""
    return InspectionRequest.objects.select_related("inspection", "commune", "district")


def overdue_requests(user, *, today: datetime.date) -> list[InspectionRequest]:
    """The work queue's overdue requests (open, deadline before today), oldest deadline first.

    Office staff and leadership: every district's; a district officer: their own district's only.
    """
    rows = requests_visible(user).filter(status=rules.RequestStatus.OPEN, deadline__lt=today)
    role = role_of(user)
    if role == Role.DISTRICT:
        rows = rows.filter(district_id=district_id_of(user))
    elif role not in (Role.OFFICE, Role.LEADERSHIP):
        return []
    return list(rows.order_by("deadline", "pk"))


# --- scorecard ---------------------------------------------------------------------------------------------------


def commune_findings(commune: Commune, year: int) -> list[Finding]:
    """The findings of the year's inspections (held or planned that year) on the commune, by criterion."""
    year_q = Q(visit__inspection__held_start__year=year) | Q(
        visit__inspection__held_start__isnull=True, visit__inspection__planned_start__year=year
    )
    return list(
        Finding.objects.filter(year_q, visit__commune=commune)
        .select_related("visit__inspection", "criterion", "indicator")
        .order_by("criterion__number", "indicator__code", "pk")
    )


def _count_of(rows, group_by: str):
    """A correlated COUNT(*) of `rows` (0 when none), for an annotation."""
    counted = rows.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def former_communes_visits(commune: Commune) -> list[Visit]:
    """The visits of inspections to the former communes `commune` was formed from (the reform of 1/7/2025), newest
    first, in one query whatever their number: each with its inspection and commune, `on` (the day of the visit,
    else the inspection's first day held or planned), `findings_count`, `overstated_count` and `open_requests`
    (the inspection's requests naming that commune and not done, overdue ones among them). Inspections still only
    planned are left out: a former commune can no longer be visited, so they are no part of its history."""
    findings = Finding.objects.filter(visit=OuterRef("pk"))
    requests = InspectionRequest.objects.filter(inspection=OuterRef("inspection"), commune=OuterRef("commune")).exclude(
        status=rules.RequestStatus.DONE
    )
    return list(
        Visit.objects.filter(commune__successor_links__successor=commune)
        .exclude(inspection__status=rules.InspectionStatus.PLANNED)
        .select_related("inspection", "commune")
        .annotate(
            on=Coalesce("visited_on", "inspection__held_start", "inspection__planned_start"),
            findings_count=_count_of(findings, "visit"),
            overstated_count=_count_of(findings.filter(verdict=rules.Verdict.OVERSTATED), "visit"),
            open_requests=_count_of(requests, "inspection"),
        )
        .order_by("-on", "commune__sort_name", "-pk")
    )


# --- dashboard: inspections ---------------------------------------------------------------------------------------


@dataclass
class CriterionFindings:
    number: int
    name: str
    findings: int
    overstated: int


@dataclass
class DistrictRequests:
    district: District
    open: int
    overdue: int


@dataclass
class InspectionFigures:
    year: int
    held_regular: int = 0
    held_surprise: int = 0
    communes_covered: int = 0
    programme_communes: int = 0
    districts_covered: int = 0
    criteria: list[CriterionFindings] = field(default_factory=list)
    requests: list[DistrictRequests] = field(default_factory=list)

    @property
    def held(self) -> int:
        return self.held_regular + self.held_surprise

    @property
    def share_covered(self) -> float:
        return round(100 * self.communes_covered / self.programme_communes, 1) if self.programme_communes else 0.0

    @property
    def requests_open(self) -> int:
        return sum(r.open for r in self.requests)

    @property
    def requests_overdue(self) -> int:
        return sum(r.overdue for r in self.requests)


def inspection_figures(*, year: int, province=None, today: datetime.date | None = None) -> InspectionFigures:
    """The dashboard's "Inspections" section for a year, in a fixed number of queries.

    Held: inspections whose held start falls in the year and that are past "planned", by kind. Communes covered:
    distinct communes visited (with a visit date) by those inspections, and their share of the programme's
    communes. Findings per criterion: count and how many were recorded higher than found, most overstated first.
    Requests: of the year's inspections, not done ("open", overdue included) and overdue, per responsible district.
    """
    today = today or datetime.date.today()
    province = province or default_province()
    figures = InspectionFigures(year=year)
    held = Inspection.objects.held_in(year)
    kinds = Counter(held.values_list("kind", flat=True))
    figures.held_regular, figures.held_surprise = kinds[Inspection.Kind.REGULAR], kinds[Inspection.Kind.SURPRISE]
    visited = Visit.objects.filter(inspection__in=held, visited_on__isnull=False).values_list(
        "commune_id", "commune__district_id"
    )
    figures.communes_covered = len({commune for commune, _d in visited})
    figures.districts_covered = len({district for _c, district in visited if district})
    current = Commune.objects.current().filter(in_programme=True)  # a plain count, not programme_communes' grouping
    figures.programme_communes = (current.filter(province=province) if province is not None else current).count()
    per_criterion: dict[int, CriterionFindings] = {}
    for number, name, verdict in Finding.objects.filter(
        visit__inspection__in=held, criterion__isnull=False
    ).values_list("criterion__number", "criterion__name", "verdict"):
        row = per_criterion.setdefault(number, CriterionFindings(number, name, 0, 0))
        row.findings += 1
        row.overstated += verdict == rules.Verdict.OVERSTATED
    figures.criteria = sorted(per_criterion.values(), key=lambda r: (-r.overstated, -r.findings, r.number))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    year_requests = InspectionRequest.objects.filter(
        Q(inspection__held_start__year=year)
        | Q(inspection__held_start__isnull=True, inspection__planned_start__year=year),
        district__isnull=False,
    ).exclude(status=rules.RequestStatus.DONE)
    for district_id, status, deadline in year_requests.values_list("district_id", "status", "deadline"):
        counts[district_id][0] += 1
        counts[district_id][1] += rules.request_status(status, deadline, today) == rules.RequestStatus.OVERDUE
    districts = District.objects.filter(pk__in=counts).order_by("sort_name")
    figures.requests = [DistrictRequests(d, *counts[d.pk]) for d in districts]
    return figures


# --- plan against actual -------------------------------------------------------------------------------------------


@dataclass
class PlanLine:
    district: District | None
    name: str
    communes: int
    target_standard: int
    actual_standard: int
    target_average: float | None
    actual_average: float
    target_lift: int
    actual_lift: int

    @property
    def share_standard(self) -> float | None:
        return rules.plan_share(self.actual_standard, self.target_standard)


@dataclass
class NamedCommune:
    commune: Commune
    registered: bool
    recognised: bool
    criteria_met: int


@dataclass
class PlanProgress:
    plan: YearPlan
    revisions: list[YearPlan]
    lines: list[PlanLine]
    months: list[tuple[int, int]]  # (month, communes recognised so far in the year)
    named: list[NamedCommune]

    @property
    def province_line(self) -> PlanLine:
        return self.lines[-1]


def plan_in_force(*, year: int, province=None) -> YearPlan | None:
    """The year's latest revision (the plan in force), or None."""
    province = province or default_province()
    return (
        YearPlan.objects.filter(province=province, year=year).select_related("document").order_by("-revision").first()
    )


def plan_progress(
    *,
    plan: YearPlan,
    scores: YearScores | None = None,
    previous_scores: YearScores | None = None,
    communes: list[Commune] | None = None,
) -> PlanProgress:
    """The plan against what happened: per district and for the province, communes recognised in the year
    (recognition date in the year) against the target, average criteria met against the target, communes that
    were under the province's cut-off at the end of the previous year and are at or above it now against the
    target; the running total of recognitions month by month; each commune the plan names, registered or not
    for the year, recognised or not. The dashboard passes the scores and communes it holds already."""
    province, year = plan.province, plan.year
    if scores is None or previous_scores is None:
        years = scores_for_years([year - 1, year], province=province)
        scores, previous_scores = years[year], years[year - 1]
    if communes is None:
        communes = list(programme_communes(province))
    cutoff = province.report_cutoff or 0
    targets = {t.district_id: t for t in plan.targets.select_related("district")}
    members: dict[int | None, list[Commune]] = defaultdict(list)
    for commune in communes:
        members[commune.district_id].append(commune)

    def line(district: District | None, group: list[Commune]) -> PlanLine:
        target = targets.get(district.pk if district else None)
        counts = [scores.count(c.pk) for c in group]
        lifted = sum(1 for c in group if previous_scores.count(c.pk) < cutoff <= scores.count(c.pk)) if cutoff else 0
        return PlanLine(
            district=district,
            name=district.name if district else str(province.name),
            communes=len(group),
            target_standard=target.communes_to_standard if target else 0,
            actual_standard=sum(1 for c in group if c.recognition_date and c.recognition_date.year == year),
            target_average=float(target.average_criteria) if target and target.average_criteria is not None else None,
            actual_average=round(sum(counts) / len(counts), 2) if counts else 0.0,
            target_lift=target.lift_from_cutoff if target else 0,
            actual_lift=lifted,
        )

    districts = sorted({c.district for c in communes if c.district_id}, key=lambda d: d.sort_name)
    lines = [line(d, members[d.pk]) for d in districts]
    lines.append(line(None, communes))
    cumulative = rules.months_cumulative((c.recognition_date for c in communes), year)
    named_ids = list(plan.communes.values_list("commune_id", flat=True))
    registered = set(plan.communes.filter(commune__registrations__year=year).values_list("commune_id", flat=True))
    named_communes = communes_in_vietnamese_order(Commune.objects.filter(pk__in=named_ids).select_related("district"))
    return PlanProgress(
        plan=plan,
        revisions=list(YearPlan.objects.filter(province=province, year=year).order_by("revision")),
        lines=lines,
        months=list(enumerate(cumulative, start=1)),
        named=[
            NamedCommune(
                c, c.pk in registered, c.recognised_by(year) and c.recognition_date.year == year, scores.count(c.pk)
            )
            for c in named_communes
        ],
    )


def groups_with_latest() -> list[tuple[CommuneGroup, Review | None]]:
    latest = {r.group_id: r for r in latest_reviews()}
    return [(g, latest.get(g.pk)) for g in CommuneGroup.objects.all()]


@dataclass
class DashboardSection:
    inspections: InspectionFigures
    plan: PlanProgress | None
    reviews: list[Review]


def dashboard_section(board) -> DashboardSection:
    """The dashboard's office-work section for the board's year: inspections, the plan in force against actual
    (on the board's own scores), the latest review of each commune group."""
    plan = plan_in_force(year=board.year, province=board.province)
    progress = None
    if plan is not None:
        progress = plan_progress(
            plan=plan, scores=board.scores, previous_scores=board.previous_scores, communes=board.communes
        )
    return DashboardSection(
        inspections=inspection_figures(year=board.year, province=board.province),
        plan=progress,
        reviews=latest_reviews(),
    )
