"""A commune's year in the workflow: its state and steps, the proposal check, evidence, and its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.locking import StaleVersion, YearLocked, saved_meanwhile_by
from communes.models import Commune, CommuneYear, Registration
from criteria.selectors import criteria_set_for_year, indicators_of

from .. import rules
from ..forms import FORMS, EvidenceForm
from ..history import history_rows
from ..proposal import proposal_check
from ..rules import Action, Refusal
from ..selectors import evidence_lines
from ..services import ConfirmationNeeded, TransitionRefused, commune_year_transition


def get_commune(pk: int) -> Commune:
    """Any commune (every viewer reads the workflow's states); `viewer_required` has checked the user."""
    return get_object_or_404(Commune.objects.select_related("province__region", "district"), pk=pk)


def detail_context(request: HttpRequest, commune: Commune, year: int, **bound) -> dict:
    """The commune-year page; `bound` replaces a step's form (by action) or the evidence form after a POST."""
    commune_year = CommuneYear.of(commune, year)
    actor = policy.commune_actor(request.user, commune)
    criteria_set = criteria_set_for_year(year, commune.province)
    actions = [
        (action, bound.get(action) or FORMS[action](initial={"version": commune_year.version}, auto_id=f"{action}-%s"))
        for action in rules.actions_for(commune_year.state, actor)
    ]
    can_upload = criteria_set and policy.can_edit_commune(request.user, commune) and not commune_year.is_locked
    can_read = policy.can_read_dossier(request.user, commune)
    return {
        "commune": commune,
        "year": year,
        "commune_year": commune_year,
        "actions": actions,
        "check": proposal_check(commune=commune, year=year),
        "registered": Registration.objects.filter(commune=commune, year=year).exists(),
        "can_read_dossier": can_read,
        "can_delete_evidence": can_upload,
        "evidence_lines": evidence_lines(commune_year=commune_year, criteria_set=criteria_set) if can_read else [],
        "evidence_form": (bound.get("evidence") or EvidenceForm(indicators=indicators_of(criteria_set)))
        if can_upload
        else None,
    }


def render_detail(request: HttpRequest, commune: Commune, year: int, status: int = 200, **bound) -> HttpResponse:
    ctx = detail_context(request, commune, year, **bound)
    return render(request, "workflow/commune_year_detail.html", ctx, status=status)


@viewer_required
@require_GET
def commune_year_detail(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    return render_detail(request, get_commune(pk), year)


@viewer_required
@require_POST
def commune_year_step(request: HttpRequest, pk: int, year: int, action: str) -> HttpResponse:
    commune = get_commune(pk)
    if action not in Action.__members__.values():
        raise Http404
    action = Action(action)
    if not rules.may_ever(action, policy.commune_actor(request.user, commune)):
        raise PermissionDenied
    form = FORMS[action](request.POST, auto_id=f"{action}-%s")
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: please complete the form."))
        return render_detail(request, commune, year, status=400, **{action: form})
    try:
        commune_year_transition(
            commune=commune,
            year=year,
            action=action,
            user=request.user,
            details=form.details(),
            expected_version=form.cleaned_data["version"],
            confirmed=form.cleaned_data["confirm"],
        )
    except ConfirmationNeeded as needed:
        ctx = detail_context(request, commune, year, **{action: form})
        ctx["confirmation"] = {
            "action": action,
            "needed": needed.needed,
            "check": needed.check,
            "fields": [(k, v) for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "confirm")],
        }
        return render(request, "workflow/commune_year_detail.html", ctx, status=200)
    except (TransitionRefused, StaleVersion) as error:
        for name, problem in getattr(error, "date_problems", {}).items():
            form.add_error(name, date_problem_text(problem, year=year, council=CommuneYear.of(commune, year)))
        messages.error(request, refusal_text(error, user=request.user))
        return render_detail(request, commune, year, status=409, **{action: form})
    messages.success(request, _("Done: the year is now “%(state)s”.") % {"state": _state_label(commune, year)})
    return redirect(reverse("workflow:commune_year", args=[commune.pk, year]))


def _state_label(commune: Commune, year: int) -> str:
    return str(CommuneYear.of(commune, year).get_state_display())


def date_problem_text(problem: rules.DateProblem, *, year: int, council: CommuneYear) -> str:
    if problem == rules.DateProblem.BEFORE_YEAR:
        return _("A step for %(year)s cannot be dated before 01/01/%(year)s.") % {"year": year}
    if problem == rules.DateProblem.FUTURE:
        return _("This date is in the future.")
    return _("The decision cannot be dated before the appraisal council (%(date)s).") % {
        "date": date_format(council.council_date, "d/m/Y") if council.council_date else "—"
    }


def refusal_text(error: Exception, *, user=None) -> str:
    """Why a step (or a save) was refused, for the message at the top of the page."""
    if isinstance(error, StaleVersion):
        return _(
            "%(who)s changed this year after you opened the page; nothing was changed. Check it and try again."
        ) % {"who": saved_meanwhile_by(error, user)}
    if isinstance(error, ConfirmationNeeded):
        return _("Not taken: this commune still misses criteria or evidence; open its page to confirm.")
    if isinstance(error, YearLocked):
        return _("This year is locked (submitted, verified, appraised or recognised): office staff must reopen it.")
    texts = {
        Refusal.ACTOR: _("You may not take this step for this commune."),
        Refusal.STATE: _("This step cannot be taken from the year's current state (“%(state)s”)."),
        Refusal.DETAILS: _("This step needs more details."),
        Refusal.COUNCIL: _("The appraisal council did not propose this commune for recognition."),
        Refusal.PROPOSAL: _("The commune cannot be proposed for recognition yet: see what is missing below."),
        Refusal.DATES: _("Nothing was changed: the dates do not fit the year %(year)s (see the form)."),
    }
    return texts[error.refusal] % {"state": error.commune_year.get_state_display(), "year": error.commune_year.year}


@viewer_required
@require_GET
def commune_year_history(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    commune = get_commune(pk)
    if not policy.can_read_dossier(request.user, commune):
        raise PermissionDenied
    ctx = {
        "commune": commune,
        "year": year,
        "commune_year": CommuneYear.of(commune, year),
        "rows": history_rows(commune=commune, year=year),
        "can_read_dossier": True,
    }
    return render(request, "workflow/commune_year_history.html", ctx)
