"""The provincial dashboard, a district's page and the JSON endpoint: thin views over dashboard_build."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import policy
from accounts.decorators import viewer_required
from communes.models import District
from communes.selectors import assessment_years, selected_year
from operations.selectors import dashboard_section

from .selectors import dashboard_build, dashboard_json, matrix_rows


def _board(request: HttpRequest, district: District | None = None):
    years = assessment_years()
    year = selected_year(request.GET.get("year"), years)
    return dashboard_build(year=year, years=years, district=district), years


@viewer_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    board, years = _board(request)
    ctx = {"board": board, "years": years, "chart_data": _chart_data(board)}
    ctx["operations"] = dashboard_section(board)  # inspections, plan against actual, latest reviews
    return render(request, "dashboard/dashboard.html", ctx)


@viewer_required
@require_GET
def district_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = get_object_or_404(District.objects.select_related("province"), pk=pk)
    board, years = _board(request, district)
    ctx = {
        "board": board,
        "years": years,
        "district": district,
        "chart_data": _chart_data(board),
        "matrix": matrix_rows(board),
        "can_edit": policy.can_edit_district(request.user, district.pk),
    }
    return render(request, "dashboard/district_detail.html", ctx)


@require_GET
def dashboard_api(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"error": "authentication required"}, status=401)
    if not policy.can_view(request.user):
        return JsonResponse({"error": "forbidden"}, status=403)
    district = None
    if request.GET.get("district"):
        district = District.objects.current().filter(code=request.GET["district"]).first()
        if district is None:
            return JsonResponse({"error": "unknown district"}, status=404)
    board, _years = _board(request, district)
    return JsonResponse(dashboard_json(board), json_dumps_params={"ensure_ascii": False})


def _chart_data(board) -> dict:
    """Numbers for the charts; the same numbers are in the tables beside them."""
    return {
        "labels": {
            "share": _("Share of communes meeting the criterion (%)"),
            "recognised": _("Communes recognised"),
            "average": _("Average criteria met per commune"),
        },
        "criteria": {
            "labels": [f"{row.number}. {row.name}" for row in board.criteria],
            "shares": [row.share_met for row in board.criteria],
        },
        "trend": {
            "years": [point.year for point in board.trend],
            "recognised": [point.recognised for point in board.trend],
            "average": [point.average_criteria_met for point in board.trend],
        },
    }
