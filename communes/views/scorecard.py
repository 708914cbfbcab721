"""A commune's scorecard for one year, and the screen where its values are entered."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts import policy
from accounts.decorators import viewer_required
from criteria.selectors import criteria_set_for_year

from ..entry_forms import AssessmentEntryForm
from ..extensions import scorecard_panels
from ..forecast import chart_series, forecasts_build, target_year_of
from ..lineage import links_of, merged_history
from ..locking import StaleVersion, YearLocked, saved_meanwhile_by
from ..models import Commune, CommuneYear
from ..scorecard import next_steps, scorecard_build, value_text, year_choices
from ..selectors import selected_year, years_and_versions
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
    years, _versions = years_and_versions(commune.province)  # the commune's province's years, in one query
    year = selected_year(request.GET.get("year"), years)
    commune_year = CommuneYear.of(commune, year)
    card = scorecard_build(commune=commune, year=year)
    can_edit = policy.can_edit_commune(request.user, commune) and not commune_year.is_locked
    panels, criterion_notes = scorecard_panels(commune=commune, year=year, user=request.user)
    before, after = links_of(commune)  # the reform of 1/7/2025: what it was formed from, what it became
    ctx = {
        "panels": panels,
        "criterion_notes": criterion_notes,
        "commune": commune,
        "year": year,
        "year_choices": year_choices(province=commune.province, years_with_data=years, selected=year),
        "scorecard": card,
        "commune_year": commune_year,
        "can_edit": can_edit,
        "can_read_dossier": policy.can_read_dossier(request.user, commune),
        "next_steps": next_steps(card) if can_edit else None,
        "history": merged_history(commune, links=before),
        "successors": after,
    }
    target_year = target_year_of(commune, year, criteria_set=card.criteria_set)
    forecast = forecasts_build(targets={commune.pk: target_year}, as_of=year).get(commune.pk)
    if forecast is not None and card.has_data and forecast.target_year > year:
        ctx["forecast"] = forecast
        ctx["forecast_chart"] = {"series": chart_series(forecast), "labels": _forecast_labels()}
    return render(request, "communes/commune_scorecard.html", ctx)


def _forecast_labels() -> dict:
    return {"recorded": _("Recorded"), "projection": _("Projection"), "target": _("Target"), "year": _("year")}


@viewer_required
@require_http_methods(["GET", "POST"])
def commune_entry(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    commune = _get_commune_for_editor(request, pk)
    criteria_set = criteria_set_for_year(year, commune.province)
    commune_year = CommuneYear.of(commune, year)
    ctx = {"commune": commune, "year": year, "criteria_set": criteria_set, "form": None, "commune_year": commune_year}
    if criteria_set is None or commune_year.is_locked:
        status = (400 if criteria_set is None else 409) if request.method == "POST" else 200
        return render(request, "communes/commune_entry.html", ctx, status=status)
    form = AssessmentEntryForm(
        request.POST if request.method == "POST" else None, commune=commune, year=year, criteria_set=criteria_set
    )
    if form.is_valid():
        values, version = form.indicator_values(), form.cleaned_data["version"]
        try:
            changed = assessments_save(
                commune=commune, year=year, values=values, user=request.user, expected_version=version
            )
        except (YearLocked, StaleVersion) as error:
            return _refused(request, ctx, form, error)
        text = ngettext("Saved: %(count)d value changed.", "Saved: %(count)d values changed.", changed)
        messages.success(request, text % {"count": changed})
        return redirect(f"{reverse('communes:scorecard', args=[commune.pk])}?year={year}")
    ctx["form"] = form
    return render(request, "communes/commune_entry.html", ctx)


def _refused(request: HttpRequest, ctx: dict, form: AssessmentEntryForm, error: Exception) -> HttpResponse:
    """A save refused inside its transaction (nothing written): say why, and show what changed meanwhile."""
    if isinstance(error, YearLocked):
        ctx["commune_year"] = error.commune_years[0]
        messages.error(request, _("Nothing was saved: this year has been locked meanwhile."))
    else:
        ctx["changes"] = [
            {"indicator": c.indicator, "value": value_text(c.indicator, c.value), "user": c.user, "when": c.when}
            for c in error.changes
        ]
        ctx["form"] = form.refreshed({c.indicator.pk for c in error.changes})
        messages.error(
            request,
            _(
                "Nothing was saved: %(who)s saved this year after you opened the form. The changes are listed "
                "below and shown in the form; your other values are kept. Check them and save again."
            )
            % {"who": saved_meanwhile_by(error, request.user)},
        )
    return render(request, "communes/commune_entry.html", ctx, status=409)
