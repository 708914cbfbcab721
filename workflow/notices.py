"""What the recognition workflow tells people: a submission goes to the office, every later step to the
commune's district officers (in the app and by e-mail, `notifications.services.notify`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.selectors import commune_officers, office_staff
from communes.models import CommuneYear
from notifications import kinds
from notifications.services import notify

from .rules import Action

kinds.register("commune_year.submitted", _("%(commune)s (%(district)s) submitted its %(year)s data for verification"))
kinds.register("commune_year.returned", _("%(commune)s, %(year)s: returned by the office. Reason: %(reason)s"))
kinds.register("commune_year.verified", _("%(commune)s, %(year)s: verified"))
kinds.register("commune_year.appraised", _("%(commune)s, %(year)s: appraised by the province's council (%(result)s)"))
kinds.register("commune_year.recognised", _("%(commune)s recognised as a new rural commune (decision %(decision)s)"))

_KIND_OF_ACTION = {
    Action.SUBMIT: "commune_year.submitted",
    Action.RETURN: "commune_year.returned",
    Action.VERIFY: "commune_year.verified",
    Action.APPRAISE: "commune_year.appraised",
    Action.RECOGNISE: "commune_year.recognised",
}


def step_notify(commune_year: CommuneYear, action: Action, *, user) -> int:
    """Notify the people concerned by a step just taken (not the person who took it); returns how many."""
    kind = _KIND_OF_ACTION.get(action)
    if kind is None:
        return 0
    commune = commune_year.commune
    recipients = office_staff() if action == Action.SUBMIT else commune_officers(commune)
    params = {
        "commune": commune.name,
        "district": commune.district.name if commune.district_id else "",
        "year": str(commune_year.year),
        "reason": commune_year.return_reason,
        "result": commune_year.get_council_result_display(),
        "decision": commune_year.decision_number,
    }
    url = reverse("workflow:commune_year", args=[commune.pk, commune_year.year])
    return notify(recipients=recipients.exclude(pk=user.pk), kind=kind, params=params, url=url)
