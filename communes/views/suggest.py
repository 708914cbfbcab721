"""Commune suggestions for the chooser boxes (communes.chooser): GET ?q= -> {"results": [{"label", "code"}]}."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from accounts import policy
from accounts.decorators import viewer_required
from provinces.selectors import default_province

from ..chooser import commune_label, communes_suggested
from ..selectors import programme_communes


@viewer_required
@require_GET
def commune_suggest(request: HttpRequest) -> JsonResponse:
    """The programme communes this user may work on (?editable=1) or read, matching q; at most 20."""
    communes = programme_communes(default_province())
    if request.GET.get("editable"):
        communes = policy.editable_communes(request.user, communes)
    found = communes_suggested(communes, request.GET.get("q", ""))
    return JsonResponse({"results": [{"label": commune_label(c), "code": c.code} for c in found]})
