"""Inspections: the list, plan and edit one, its status, the communes visited and their findings, the Word
record and conclusion notice."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from criteria.selectors import criteria_set_for_year
from ntm.lib.filenames import words
from provinces.selectors import default_province

from .. import rules
from ..filters import FindingFilter, InspectionFilter
from ..forms import FindingForm, InspectionForm, InspectionStepForm, RequestForm, VisitForm
from ..models import Finding, Inspection, Visit
from ..outputs import conclusion_notice_docx, inspection_record_docx
from ..services import finding_save, inspection_move, request_create
from .common import docx_response, office_only, paginate


def inspection_queryset():
    return Inspection.objects.select_related("lead", "legal_basis").prefetch_related("subjects", "visits__commune")


@viewer_required
@require_GET
def inspection_list(request: HttpRequest) -> HttpResponse:
    filters = InspectionFilter(request.GET, queryset=inspection_queryset())
    ctx = {
        "filter": filters,
        "page_obj": paginate(request, filters.qs),
        "can_edit": policy.can_manage_operations(request.user),
    }
    return render(request, "operations/inspection_list.html", ctx)


@viewer_required
@require_GET
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(inspection_queryset().prefetch_related("members", "documents"), pk=pk)
    visits = inspection.visits.select_related("commune__district").prefetch_related("findings")
    ctx = {
        "inspection": inspection,
        "visits": visits,
        "requests": inspection.requests.select_related("commune", "district"),
        "steps": [(s, Inspection.Status(s).label) for s in rules.INSPECTION_STEPS[inspection.status]],
        "can_edit": policy.can_manage_operations(request.user),
        "today": _today(),
    }
    return render(request, "operations/inspection_detail.html", ctx)


def _today():
    import datetime

    return datetime.date.today()


def _save_inspection(form: InspectionForm, user) -> Inspection:
    with transaction.atomic():
        inspection = form.save(commit=False)
        if inspection.pk is None:
            inspection.created_by = user
        inspection.save()
        form.save_m2m()
        have = set(inspection.visits.values_list("commune_id", flat=True))
        Visit.objects.bulk_create(
            [Visit(inspection=inspection, commune=c) for c in form.cleaned_data["visit_communes"] if c.pk not in have]
        )
    return inspection


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def inspection_create(request: HttpRequest) -> HttpResponse:
    form = InspectionForm(request.POST or None, initial={"lead": request.user})
    if request.method == "POST" and form.is_valid():
        inspection = _save_inspection(form, request.user)
        messages.success(request, _("The inspection was planned."))
        return redirect(inspection)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/inspection_form.html", {"form": form}, status=status)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    form = InspectionForm(request.POST or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        _save_inspection(form, request.user)
        messages.success(request, _("The inspection was saved."))
        return redirect(inspection)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/inspection_form.html", {"form": form, "inspection": inspection}, status=status)


@viewer_required
@require_POST
@office_only
def inspection_step(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    form = InspectionStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(inspection)
    try:
        inspection_move(inspection=inspection, target=form.cleaned_data["target"], user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The status was changed."))
    return redirect(inspection)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def visit_edit(request: HttpRequest, pk: int, visit_pk: int | None = None) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    visit = get_object_or_404(Visit, pk=visit_pk, inspection=inspection) if visit_pk else Visit(inspection=inspection)
    form = VisitForm(request.POST or None, instance=visit, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The commune visited was saved."))
        return redirect(form.instance)
    status = 400 if request.method == "POST" else 200
    ctx = {"form": form, "inspection": inspection, "visit": visit if visit.pk else None}
    return render(request, "operations/visit_form.html", ctx, status=status)


@viewer_required
@require_GET
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(Visit.objects.select_related("inspection", "commune__district"), pk=pk)
    ctx = {
        "visit": visit,
        "inspection": visit.inspection,
        "findings": visit.findings.select_related("criterion", "indicator"),
        "requests": visit.inspection.requests.filter(commune=visit.commune).select_related("commune", "district"),
        "can_edit": policy.can_manage_operations(request.user),
        "today": _today(),
    }
    return render(request, "operations/visit_detail.html", ctx)


def _criteria_set(visit: Visit):
    return criteria_set_for_year(visit.inspection.year, default_province())


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def finding_edit(request: HttpRequest, pk: int, finding_pk: int | None = None) -> HttpResponse:
    visit = get_object_or_404(Visit.objects.select_related("inspection", "commune"), pk=pk)
    finding = get_object_or_404(Finding, pk=finding_pk, visit=visit) if finding_pk else Finding(visit=visit)
    form = FindingForm(request.POST or None, instance=finding, criteria_set=_criteria_set(visit))
    if request.method == "POST" and form.is_valid():
        finding_save(finding=form.save(commit=False))
        messages.success(request, _("The finding was saved."))
        return redirect(visit)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "operations/finding_form.html", {"form": form, "visit": visit, "finding": finding}, status=status
    )


@viewer_required
@require_POST
@office_only
def finding_delete(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding, pk=finding_pk, visit_id=pk)
    finding.delete()
    messages.success(request, _("The finding was removed."))
    return redirect("operations:visit_detail", pk=pk)


@viewer_required
@require_GET
def finding_list(request: HttpRequest) -> HttpResponse:
    rows = Finding.objects.select_related("visit__inspection", "visit__commune__district", "criterion", "indicator")
    filters = FindingFilter(request.GET, queryset=rows)
    return render(
        request, "operations/finding_list.html", {"filter": filters, "page_obj": paginate(request, filters.qs)}
    )


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def request_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    initial = {}
    if request.GET.get("commune"):
        initial["commune"] = request.GET["commune"]
    form = RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        new = form.save(commit=False)
        new.inspection = inspection
        request_create(request=new, user=request.user)
        messages.success(request, _("The request was recorded; the responsible district is told."))
        return redirect(inspection)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/request_form.html", {"form": form, "inspection": inspection}, status=status)


@viewer_required
@require_GET
def visit_record(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(
        Visit.objects.select_related("inspection__lead", "inspection__legal_basis", "commune__district"), pk=pk
    )
    if visit.visited_on is None and not policy.can_manage_operations(request.user):
        raise Http404
    return docx_response(
        inspection_record_docx(visit),
        f"{words('bien ban kiem tra', visit.commune.name, visit.visited_on or visit.inspection.planned_start)}.docx",
    )


@viewer_required
@require_GET
def inspection_notice(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.select_related("legal_basis"), pk=pk)
    return docx_response(conclusion_notice_docx(inspection), f"{words('thong bao ket luan', inspection.title)}.docx")
