"""Workbooks of the office's work (issue 12): each list of the operations pages as Excel, with the page's filters,
an inspection's findings, a review table, and the plan sheet of the provincial summary. Built with `writer`, so
every text cell is safe from formula injection; the views follow the rules of the pages they sit on."""

import datetime
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.decorators import viewer_required
from ntm.lib.filenames import words
from operations import rules
from operations.calendar import events_for
from operations.filters import DocumentFilter, FindingFilter, InspectionFilter, PlanFilter, RequestFilter
from operations.forms import AgendaForm
from operations.models import Document, Finding, Inspection, Review, YearPlan
from operations.selectors import PlanProgress, plan_in_force, plan_progress, requests_visible
from operations.views.calendar import agenda_window

from .writer import DATE, DECIMAL, INTEGER, SHARE, TEXT, XLSX_CONTENT_TYPE, Column, SheetSpec, workbook_bytes


def _xlsx(sheets: list[SheetSpec], filename: str) -> HttpResponse:
    return HttpResponse(
        workbook_bytes(sheets),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _info(**extra) -> list[tuple[str, object]]:
    return [*extra.items(), (_("Exported on"), timezone.localtime())]


def documents_sheet(rows) -> SheetSpec:
    columns = [
        Column(_("Number and symbol"), 18),
        Column(_("Date"), 12, DATE),
        Column(_("Type"), 14),
        Column(_("Direction"), 10),
        Column(_("Summary"), 60),
        Column(_("Issuing body"), 30),
        Column(_("Signer"), 20),
        Column(_("Answer deadline"), 12, DATE),
        Column(_("Who must answer"), 24),
    ]

    def lines() -> Iterator[list[object]]:
        for d in rows:
            yield [
                d.number,
                d.date,
                d.doc_type.name,
                d.get_direction_display(),
                d.summary,
                d.issuer,
                d.signer,
                d.answer_deadline,
                d.answer_by,
            ]

    return SheetSpec(title=_("Documents"), heading=_("Document register"), info=_info(), columns=columns, rows=lines())


def inspections_sheet(rows) -> SheetSpec:
    columns = [
        Column(_("Title"), 40),
        Column(_("Kind"), 12),
        Column(_("Subjects"), 40),
        Column(_("Planned from"), 12, DATE),
        Column(_("Planned until"), 12, DATE),
        Column(_("Held from"), 12, DATE),
        Column(_("Held until"), 12, DATE),
        Column(_("Communes"), 40),
        Column(_("Team lead"), 20),
        Column(_("Status"), 14),
    ]

    def lines() -> Iterator[list[object]]:
        for i in rows:
            yield [
                i.title,
                i.get_kind_display(),
                "; ".join(s.name for s in i.subjects.all()),
                i.planned_start,
                i.planned_end,
                i.held_start,
                i.held_end,
                ", ".join(v.commune.name for v in i.visits.all()),
                i.lead.get_full_name() or i.lead.username,
                i.get_status_display(),
            ]

    return SheetSpec(title=_("Inspections"), heading=_("Inspections"), info=_info(), columns=columns, rows=lines())


def requests_sheet(rows, today: datetime.date) -> SheetSpec:
    labels = dict(rules.RequestStatus.choices)
    columns = [
        Column(_("Inspection"), 36),
        Column(_("Request"), 60),
        Column(_("Responsible unit"), 24),
        Column(_("District"), 20),
        Column(_("Deadline"), 12, DATE),
        Column(_("Status"), 12),
        Column(_("Answer"), 50),
    ]

    def lines() -> Iterator[list[object]]:
        for r in rows:
            yield [
                r.inspection.title,
                r.text,
                r.responsible_text,
                r.district.name if r.district else "",
                r.deadline,
                str(labels[r.shown_status(today)]),
                r.answer,
            ]

    return SheetSpec(
        title=_("Requests"), heading=_("Requests of inspections"), info=_info(), columns=columns, rows=lines()
    )


def findings_sheet(rows, heading: str) -> SheetSpec:
    columns = [
        Column(_("Inspection"), 30),
        Column(_("Commune code"), 10, TEXT),
        Column(_("Commune"), 22),
        Column(_("District"), 18),
        Column(_("Visited on"), 12, DATE),
        Column(_("Criterion"), 10, INTEGER),
        Column(_("Indicator"), 10, TEXT),
        Column(_("Criterion / indicator / topic"), 40),
        Column(_("Recorded value"), 12, DECIMAL),
        Column(_("Value found"), 12, DECIMAL),
        Column(_("Verdict"), 22),
        Column(_("Evidence"), 18),
        Column(_("Evidence note"), 24),
        Column(_("Severity"), 10),
        Column(_("Observation"), 50),
    ]

    def lines() -> Iterator[list[object]]:
        for f in rows:
            yield [
                f.visit.inspection.title,
                f.visit.commune.code,
                f.visit.commune.name,
                f.visit.commune.district.name if f.visit.commune.district else "",
                f.visit.visited_on,
                f.criterion.number if f.criterion_id else None,
                f.indicator.code if f.indicator_id else "",
                f.subject_text,
                f.recorded_value,
                f.found_value,
                f.get_verdict_display(),
                f.get_evidence_display(),
                f.evidence_note,
                f.get_severity_display(),
                f.observation,
            ]

    return SheetSpec(
        title=_("Findings"), heading=heading, info=_info(), columns=columns, rows=lines(), frozen_columns=3
    )


def plan_sheet(progress: PlanProgress, info=None) -> SheetSpec:
    """Plan against actual per district and for the province (the summary workbook's plan sheet)."""
    columns = [
        Column(_("District"), 26),
        Column(_("Communes"), 10, INTEGER),
        Column(_("Standard: plan"), 12, INTEGER),
        Column(_("Standard: actual"), 12, INTEGER),
        Column(_("Standard: share of plan (%)"), 12, SHARE),
        Column(_("Average criteria: plan"), 12, "0.0"),
        Column(_("Average criteria: actual"), 12, "0.00"),
        Column(_("Above the cut-off: plan"), 12, INTEGER),
        Column(_("Above the cut-off: actual"), 12, INTEGER),
    ]

    def lines() -> Iterator[list[object]]:
        for line in progress.lines:
            yield [
                line.name,
                line.communes,
                line.target_standard,
                line.actual_standard,
                line.share_standard,
                line.target_average,
                line.actual_average,
                line.target_lift,
                line.actual_lift,
            ]

    plan = progress.plan
    return SheetSpec(
        title=_("Plan"),
        heading=_("Plan %(year)s against actual") % {"year": plan.year},
        info=[*(info or []), (_("Plan version"), str(plan)), (_("Adopted on"), plan.adopted_on)],
        columns=columns,
        rows=lines(),
        frozen_columns=1,
    )


def summary_plan_sheet(*, year: int, board) -> SheetSpec | None:
    """The summary workbook's plan sheet for the year (None without a plan), from the dashboard's own scores."""
    plan = plan_in_force(year=year, province=board.province)
    if plan is None:
        return None
    progress = plan_progress(
        plan=plan, scores=board.scores, previous_scores=board.previous_scores, communes=board.communes
    )
    return plan_sheet(progress, info=[(_("Province"), board.province.name if board.province else "")])


@viewer_required
@require_GET
def documents_xlsx(request: HttpRequest) -> HttpResponse:
    rows = DocumentFilter(request.GET, queryset=Document.objects.select_related("doc_type")).qs
    return _xlsx([documents_sheet(rows)], "so-van-ban.xlsx")


@viewer_required
@require_GET
def inspections_xlsx(request: HttpRequest) -> HttpResponse:
    queryset = Inspection.objects.select_related("lead").prefetch_related("subjects", "visits__commune")
    return _xlsx([inspections_sheet(InspectionFilter(request.GET, queryset=queryset).qs)], "kiem-tra.xlsx")


@viewer_required
@require_GET
def requests_xlsx(request: HttpRequest) -> HttpResponse:
    today = datetime.date.today()
    rows = RequestFilter(request.GET, queryset=requests_visible(request.user), today=today).qs
    return _xlsx([requests_sheet(rows, today)], "kien-nghi.xlsx")


def _findings():
    return Finding.objects.select_related("visit__inspection", "visit__commune__district", "criterion", "indicator")


@viewer_required
@require_GET
def findings_xlsx(request: HttpRequest) -> HttpResponse:
    rows = FindingFilter(request.GET, queryset=_findings()).qs
    return _xlsx([findings_sheet(rows, _("Findings of inspections"))], "ket-qua-kiem-tra.xlsx")


@viewer_required
@require_GET
def inspection_findings_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    rows = (
        _findings()
        .filter(visit__inspection=inspection)
        .order_by("visit__commune__sort_name", "criterion__number", "pk")
    )
    return _xlsx([findings_sheet(rows, inspection.title)], f"{words('ket qua kiem tra', inspection.title)}.xlsx")


@viewer_required
@require_GET
def plans_xlsx(request: HttpRequest) -> HttpResponse:
    plans = PlanFilter(request.GET, queryset=YearPlan.objects.select_related("province")).qs
    sheets = [plan_sheet(plan_progress(plan=plan)) for plan in plans[:20]]
    for index, sheet in enumerate(sheets):
        plan = plans[index]
        sheet.title = f"{plan.year}-{plan.revision}"
    if not sheets:
        sheets = [SheetSpec(title=_("Plan"), heading=_("No plan"), columns=[Column(_("Year"))], rows=[])]
    return _xlsx(sheets, "ke-hoach.xlsx")


@viewer_required
@require_GET
def agenda_xlsx(request: HttpRequest) -> HttpResponse:
    form = AgendaForm(request.GET or None)
    start, end, _order = agenda_window(form)
    events = events_for(start=start, end=end, user=request.user, **form.values())
    columns = [
        Column(_("From"), 12, DATE),
        Column(_("Until"), 12, DATE),
        Column(_("Time"), 12),
        Column(_("Kind"), 14),
        Column(_("Title"), 50),
        Column(_("Place"), 30),
    ]
    rows = (
        [e.start, e.end, f"{e.start_time:%H:%M}" if e.start_time else "", e.kind_label, e.title, e.place]
        for e in events
    )
    sheet = SheetSpec(title=_("Agenda"), heading=_("Work calendar"), info=_info(), columns=columns, rows=rows)
    return _xlsx([sheet], f"lich-cong-tac-{start:%Y%m%d}.xlsx")


@viewer_required
@require_GET
def review_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("group"), pk=pk)
    entries = review.entries.select_related("commune__district").order_by(
        "commune__district__sort_name", "commune__sort_name"
    )
    columns = [
        Column(_("Commune code"), 10, TEXT),
        Column(_("Commune"), 24),
        Column(_("District"), 20),
        Column(_("Criteria met"), 10, INTEGER),
        Column(_("Classification"), 22),
        Column(_("Note"), 50),
    ]
    rows = (
        [
            e.commune.code,
            e.commune.name,
            e.commune.district.name if e.commune.district else "",
            e.criteria_met,
            e.get_classification_display(),
            e.note,
        ]
        for e in entries
    )
    sheet = SheetSpec(
        title=_("Review"),
        heading=review.title,
        info=[(_("Group"), review.group.name), (_("Year"), review.year), (_("Date"), review.held_on)],
        columns=columns,
        rows=rows,
        frozen_columns=2,
    )
    return _xlsx([sheet], f"{words('ra soat', review.title)}.xlsx")
