"""The bulk targets sheet of a criteria set: download, upload, preview (with what the change does to the stored
results), confirm or cancel. Office staff only, like the criteria admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from criteria.models import CriteriaSet
from criteria.selectors import target_classes_of, targets_unverified

from .forms import WorkbookUploadForm
from .pending import Pending, pending_delete, pending_get, pending_remember_digest, pending_save
from .targets import class_label, targets_apply, targets_filename, targets_impact, targets_plan, targets_workbook
from .views import _xlsx

TARGETS = "targets"


def _get_set_for_office(request: HttpRequest, pk: int) -> CriteriaSet:
    if not policy.can_edit_reference(request.user):
        raise PermissionDenied
    return get_object_or_404(CriteriaSet, pk=pk)


def _get_pending(request: HttpRequest, token: str) -> tuple[Pending, CriteriaSet]:
    if not policy.can_edit_reference(request.user):
        raise PermissionDenied
    pending = pending_get(request, token, purpose=TARGETS)
    if pending is None:
        raise Http404
    return pending, get_object_or_404(CriteriaSet, pk=pending.scope.get("criteria_set"))


@viewer_required
@require_GET
def targets_download(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = _get_set_for_office(request, pk)
    return _xlsx(targets_workbook(criteria_set), targets_filename(criteria_set))


@viewer_required
@require_http_methods(["GET", "POST"])
def targets_upload(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = _get_set_for_office(request, pk)
    form = WorkbookUploadForm(request.POST, request.FILES) if request.method == "POST" else WorkbookUploadForm()
    if request.method == "POST" and form.is_valid():
        pending = pending_save(
            request,
            form.cleaned_data["file"],
            name=form.file_name,
            year=criteria_set.year_from,
            district_id=None,
            purpose=TARGETS,
            scope={"criteria_set": criteria_set.pk},
        )
        return redirect("excel:targets_preview", token=pending.token)
    unverified, total = targets_unverified(criteria_set)
    ctx = {
        "criteria_set": criteria_set,
        "form": form,
        "classes": [class_label(c) for c in target_classes_of(criteria_set)],
        "unverified": unverified,
        "total": total,
    }
    return render(request, "excel/targets_upload.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_http_methods(["GET", "POST"])
def targets_preview(request: HttpRequest, token: str) -> HttpResponse:
    pending, criteria_set = _get_pending(request, token)
    data, status = pending.read(), 200
    if request.method == "POST":
        plan, counts = targets_apply(
            data=data, name=pending.name, criteria_set=criteria_set, user=request.user, digest=pending.digest
        )
        if counts is not None:
            pending_delete(request, pending)
            done = _("Imported: %(count)s indicators and targets changed.") % {"count": counts.total}
            messages.success(request, done)
            return redirect("excel:targets_upload", pk=criteria_set.pk)
        status = 400 if not plan.ok else 409
        if plan.ok:
            messages.warning(
                request, _("The targets changed since this preview was shown; check it and confirm again.")
            )
    else:
        plan = targets_plan(data=data, name=pending.name, criteria_set=criteria_set)
    pending_remember_digest(request, pending, plan.digest())
    ctx = {"pending": pending, "plan": plan, "impact": targets_impact(plan, user=request.user)}
    return render(request, "excel/targets_preview.html", ctx, status=status)


@viewer_required
@require_POST
def targets_cancel(request: HttpRequest, token: str) -> HttpResponse:
    pending, criteria_set = _get_pending(request, token)
    pending_delete(request, pending)
    messages.info(request, _("The import was cancelled; nothing was changed."))
    return redirect("excel:targets_upload", pk=criteria_set.pk)
