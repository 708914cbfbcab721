"""Evidence files: upload to an unlocked year, download with the dossier's permission, delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.locking import YearLocked
from criteria.selectors import criteria_set_for_year, indicators_of

from ..forms import EvidenceForm
from ..models import Evidence
from ..services import evidence_add, evidence_delete
from .commune_year import get_commune, refusal_text, render_detail


def _get_evidence(request: HttpRequest, pk: int, *, edit: bool = False) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("commune_year__commune", "indicator"), pk=pk)
    commune = evidence.commune_year.commune
    allowed = policy.can_edit_commune if edit else policy.can_read_dossier
    if not allowed(request.user, commune):
        raise PermissionDenied
    return evidence


@viewer_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    commune = get_commune(pk)
    if not policy.can_edit_commune(request.user, commune):
        raise PermissionDenied
    criteria_set = criteria_set_for_year(year, commune.province)
    if criteria_set is None:
        raise Http404
    form = EvidenceForm(request.POST, request.FILES, indicators=indicators_of(criteria_set))
    if not form.is_valid():
        return render_detail(request, commune, year, status=400, evidence=form)
    try:
        evidence_add(
            commune=commune,
            year=year,
            user=request.user,
            upload=form.cleaned_data["file"],
            **{name: form.cleaned_data[name] for name in ("indicator", "title", "document_number", "document_date")},
        )
    except (YearLocked, ValidationError) as error:
        messages.error(request, refusal_text(error) if isinstance(error, YearLocked) else " ".join(error.messages))
        return render_detail(request, commune, year, status=409, evidence=form)
    messages.success(request, _("The file was attached."))
    return redirect(reverse("workflow:commune_year", args=[commune.pk, year]))


@viewer_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _get_evidence(request, pk)
    try:
        handle = evidence.file.open("rb")
    except OSError:  # the record survived (a restore without the media archive, a disk fault); the file did not
        ctx = {"evidence": evidence, "commune_year": evidence.commune_year}
        return render(request, "workflow/evidence_missing.html", ctx, status=404)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.download_name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@viewer_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _get_evidence(request, pk, edit=True)
    commune_year = evidence.commune_year
    try:
        evidence_delete(evidence=evidence, user=request.user)
    except YearLocked as error:
        messages.error(request, refusal_text(error))
        return render_detail(request, commune_year.commune, commune_year.year, status=409)
    messages.success(request, _("The file was removed."))
    return redirect(reverse("workflow:commune_year", args=[commune_year.commune_id, commune_year.year]))
