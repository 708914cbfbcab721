"""Downloads (matrices, summary, entry template) and the upload -> preview -> confirm import.

A download follows the rules of the page it sits on: the matrices and the summary are read by every
role, like the dashboard and the district page; the template and the upload are for users who may
edit the district (office staff: any; a district officer: their own). A district officer also has the
template of their own communes (`own_template`, `own_upload`): after 1/7/2025 districts are gone and their
scope is the communes office staff assigned to them; every row's commune is checked against that scope.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.models import District

from .exports import matrix_filename, matrix_workbook, summary_filename, summary_workbook
from .forms import WorkbookUploadForm
from .importer import OVERWRITE_ALL, ImportConflict, ImportPlan, import_apply, import_plan
from .layout import Grid, grid_for, officer_name, own_place
from .pending import Pending, pending_delete, pending_get, pending_remember_digest, pending_save
from .template import template_filename, template_workbook
from .writer import XLSX_CONTENT_TYPE

PREVIEW_ROWS = 1000
OWN = {"communes": "own"}  # the scope of a pending import of an officer's own communes (no district)


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _get_district(pk: int) -> District:
    return get_object_or_404(District.objects.select_related("province__region"), pk=pk)


def _get_district_for_editor(request: HttpRequest, pk: int) -> District:
    district = _get_district(pk)
    if not policy.can_edit_district(request.user, district.pk):
        raise PermissionDenied
    return district


def _grid(year: int, district: District | None = None, officer=None) -> Grid:
    grid = grid_for(year=_year(year), district=district, officer=officer)
    if grid is None:
        raise Http404(_("No criteria set applies to %(year)s.") % {"year": year})
    return grid


def _get_own_grid(request: HttpRequest, year: int) -> Grid:
    """The grid of the communes in the district officer's scope for the year; 403 for others or an empty scope."""
    if not policy.can_use_own_workbook(request.user):
        raise PermissionDenied
    grid = _grid(year, officer=request.user)
    if not grid.communes:
        raise PermissionDenied(_("No commune of %(year)s is assigned to you.") % {"year": grid.year})
    return grid


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        data,
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@viewer_required
@require_GET
def district_matrix(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    grid = _grid(year, _get_district(pk))
    return _xlsx(matrix_workbook(grid), matrix_filename(grid))


@viewer_required
@require_GET
def province_matrix(request: HttpRequest, year: int) -> HttpResponse:
    grid = _grid(year)
    return _xlsx(matrix_workbook(grid), matrix_filename(grid))


@viewer_required
@require_GET
def province_summary(request: HttpRequest, year: int) -> HttpResponse:
    data = summary_workbook(year=_year(year))
    if data is None:
        raise Http404(_("No criteria set applies to %(year)s.") % {"year": year})
    return _xlsx(data, summary_filename(year=year))


@viewer_required
@require_GET
def district_template(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    grid = _grid(year, _get_district_for_editor(request, pk))
    return _xlsx(template_workbook(grid), template_filename(grid))


@viewer_required
@require_http_methods(["GET", "POST"])
def district_upload(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    district = _get_district_for_editor(request, pk)
    grid = _grid(year, district)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"]
        pending = pending_save(request, data, name=form.file_name, year=grid.year, district_id=district.pk)
        return redirect("excel:import_preview", token=pending.token)
    ctx = {**_place_ctx(district, grid.year, request.user), "district": district, "year": grid.year, "form": form}
    ctx["criteria_set"] = grid.criteria_set
    return render(request, "excel/import_upload.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_GET
def own_template(request: HttpRequest, year: int) -> HttpResponse:
    grid = _get_own_grid(request, year)
    return _xlsx(template_workbook(grid), template_filename(grid))


@viewer_required
@require_http_methods(["GET", "POST"])
def own_upload(request: HttpRequest, year: int) -> HttpResponse:
    grid = _get_own_grid(request, year)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"]
        pending = pending_save(request, data, name=form.file_name, year=grid.year, district_id=None, scope=OWN)
        return redirect("excel:import_preview", token=pending.token)
    ctx = {**_place_ctx(None, grid.year, request.user), "year": grid.year, "form": form}
    ctx["criteria_set"] = grid.criteria_set
    return render(request, "excel/import_upload.html", ctx, status=400 if form.errors else 200)


def _place_ctx(district: District | None, year: int, user) -> dict:
    """What the upload and preview pages say about the file's place, and where they lead back to: a district, or
    the officer's own communes (back to the page they land on, in the file's year)."""
    if district is not None:
        back = reverse("dashboard:district", args=[district.pk])
        return {
            "place": district.name,
            "back_url": f"{back}?year={year}",
            "back_text": _("Back to the district"),
            "template_url": reverse("excel:district_template", args=[district.pk, year]),
            "upload_url": reverse("excel:district_upload", args=[district.pk, year]),
        }
    district_id = policy.district_id_of(user)
    back = reverse("dashboard:district", args=[district_id]) if district_id else reverse("dashboard:home")
    return {
        "place": own_place(officer_name(user)),
        "back_url": f"{back}?year={year}",
        "back_text": _("Back to your page"),
        "template_url": reverse("excel:own_template", args=[year]),
        "upload_url": reverse("excel:own_upload", args=[year]),
    }


def _get_pending_for_editor(request: HttpRequest, token: str) -> tuple[Pending, District | None]:
    """The session's own pending import; its district must still be one the user may edit (an officer's own
    communes: the user must still be an officer; the importer checks each row's commune against their scope)."""
    pending = pending_get(request, token)
    if pending is None:
        raise Http404
    if pending.scope == OWN:
        if not policy.can_use_own_workbook(request.user):
            raise PermissionDenied
        return pending, None
    return pending, _get_district_for_editor(request, pending.district_id)


@viewer_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    pending, district = _get_pending_for_editor(request, token)
    overwrite = request.POST.getlist("overwrite") + ([OVERWRITE_ALL] if request.POST.get("overwrite_all") else [])
    plan = import_plan(
        data=pending.read(),
        name=pending.name,
        year=pending.year,
        user=request.user,
        district=district,
        overwrite=overwrite if request.method == "POST" else (),
    )
    status = 200
    if request.method == "POST":
        if plan.ok and plan.digest() == pending.digest:
            try:
                counts = import_apply(plan, user=request.user)
            except ImportConflict as conflict:
                messages.error(request, conflict.message)
                return render(
                    request, "excel/import_preview.html", _preview_ctx(request, pending, district, plan), status=409
                )
            pending_delete(request, pending)
            messages.success(request, _("Imported: %(count)s values changed.") % {"count": counts.total})
            return redirect(_place_ctx(district, pending.year, request.user)["back_url"])
        status = 400 if not plan.ok else 409
        if plan.ok:  # the stored values changed since the preview was shown
            messages.warning(request, _("The values changed since this preview was shown; check it and confirm again."))
    pending_remember_digest(request, pending, plan.digest())
    return render(request, "excel/import_preview.html", _preview_ctx(request, pending, district, plan), status=status)


def _preview_ctx(request: HttpRequest, pending: Pending, district: District | None, plan: ImportPlan) -> dict:
    return {
        **_place_ctx(district, pending.year, request.user),
        "pending": pending,
        "district": district,
        "plan": plan,
        "counts": plan.counts,
        "changes": plan.changes[:PREVIEW_ROWS],
        "hidden_changes": max(len(plan.changes) - PREVIEW_ROWS, 0),
    }


@viewer_required
@require_POST
def import_cancel(request: HttpRequest, token: str) -> HttpResponse:
    pending, district = _get_pending_for_editor(request, token)
    pending_delete(request, pending)
    messages.info(request, _("The import was cancelled; nothing was changed."))
    return redirect(_place_ctx(district, pending.year, request.user)["back_url"])
