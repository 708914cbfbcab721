"""A commune's scorecard for one year, and the screen where its values are entered."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts import policy
from accounts.decorators import viewer_required
from criteria.selectors import criteria_set_for_year

from ..entry_forms import AssessmentEntryForm
from ..models import Commune
from ..scorecard import scorecard_build, year_choices
from ..selectors import assessment_years, selected_year
from ..services import assessments_save


def _get_commune_for_viewer(request: HttpRequest, pk: int) -> Commune:
    """Any commune, for users who may read the province (checked by `viewer_required`)."""
    communes = Commune.objects.select_related("province__region", "district")
    return get_object_or_404(communes, pk=pk)


def _get_commune_for_editor(request: HttpRequest, pk: int) -> Commune:
    commune = _get_commune_for_viewer(request, pk)
    if not policy.can_edit_commune(request.user, commune):
        raise PermissionDenied
    return commune


@viewer_required
@require_GET
def commune_scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    commune = _get_commune_for_viewer(request, pk)
    years = assessment_years()
    year = selected_year(request.GET.get("year"), years)
    ctx = {
        "commune": commune,
        "year": year,
        "year_choices": year_choices(province=commune.province, years_with_data=years, selected=year),
        "scorecard": scorecard_build(commune=commune, year=year),
        "can_edit": policy.can_edit_commune(request.user, commune),
    }
    return render(request, "communes/commune_scorecard.html", ctx)


@viewer_required
@require_http_methods(["GET", "POST"])
def commune_entry(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    commune = _get_commune_for_editor(request, pk)
    criteria_set = criteria_set_for_year(year, commune.province)
    ctx = {"commune": commune, "year": year, "criteria_set": criteria_set, "form": None}
    if criteria_set is None:
        status = 400 if request.method == "POST" else 200
        return render(request, "communes/commune_entry.html", ctx, status=status)
    form = AssessmentEntryForm(
        request.POST if request.method == "POST" else None, commune=commune, year=year, criteria_set=criteria_set
    )
    if form.is_valid():
        changed = assessments_save(commune=commune, year=year, values=form.indicator_values(), user=request.user)
        text = ngettext("Saved: %(count)d value changed.", "Saved: %(count)d values changed.", changed)
        messages.success(request, text % {"count": changed})
        return redirect(f"{reverse('communes:scorecard', args=[commune.pk])}?year={year}")
    ctx["form"] = form
    return render(request, "communes/commune_entry.html", ctx)
