"""A district's communes for one year: each one's state, and one step for many at once."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from accounts import policy
from accounts.decorators import viewer_required
from communes.models import District
from communes.selectors import district_exists_in, district_gone_context, programme_communes

from .. import rules
from ..forms import BulkTransitionForm
from ..rules import Action
from ..selectors import district_year_rows
from ..services import TransitionDetails, commune_years_transition_many
from .commune_year import refusal_text


@viewer_required
@require_http_methods(["GET", "POST"])
def district_year(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    district = get_object_or_404(District.objects.select_related("province"), pk=pk)
    if not district_exists_in(district, year):  # after 1/7/2025: nothing to act on here
        return render(request, "communes/district_gone.html", district_gone_context(district, year))
    communes = programme_communes(district.province, year).filter(district=district)
    actor = policy.workflow_actor(request.user, district.pk)
    actions = [action for action in rules.BULK_ACTIONS if rules.may_ever(action, actor)]
    if request.method == "POST" and not actions:
        raise PermissionDenied
    form = BulkTransitionForm(request.POST or None, communes=communes, actions=actions)
    outcomes = []
    if form.is_valid():
        outcomes = commune_years_transition_many(
            communes=list(form.cleaned_data["communes"]),
            year=year,
            action=Action(form.cleaned_data["action"]),
            user=request.user,
            details=TransitionDetails(reason=form.cleaned_data["reason"]),
            expected_versions=form.expected_versions(),
            confirmed=form.cleaned_data["confirm"],
        )
    rows, criteria_count = district_year_rows(communes=list(communes), year=year, province=district.province)
    ctx = {
        "district": district,
        "year": year,
        "rows": rows,
        "criteria_count": criteria_count,
        "form": form if actions else None,
        "done": [o.commune for o in outcomes if o.ok],
        "failed": [(o.commune, refusal_text(o.error)) for o in outcomes if not o.ok],
    }
    return render(request, "workflow/district_year.html", ctx, status=400 if form.is_bound and form.errors else 200)
