"""The provincial dashboard, a district's page and the JSON endpoint: thin views over dashboard_build."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import policy
from accounts.decorators import viewer_required
from communes.models import Commune, District
from communes.scorecard import year_choices
from communes.selectors import (
    assessment_years,
    communes_without_group,
    district_exists_in,
    district_gone_context,
    installation_years_and_versions,
    selected_year,
    years_and_versions,
)
from criteria.selectors import criteria_set_for_year
from ocop.selectors import ocop_expiring
from operations.selectors import dashboard_section, overdue_requests
from provinces.models import Province
from provinces.selectors import default_province
from workflow.queue import Waiting, work_counts, work_items

from .cache import board_cached, nation_cached, nation_page_cached, page_cached
from .filters import WorkQueueFilter
from .national import nation_json
from .selectors import dashboard_json, matrix_rows

WORK_PAGE_SIZE = 50


@viewer_required
@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """After logging in: a district officer lands on their district's page, everyone else on the province's."""
    district_id = policy.district_id_of(request.user)
    if district_id is not None:
        return redirect("dashboard:district", pk=district_id)
    return redirect("dashboard:home")


def _board(request: HttpRequest, district: District | None = None, known: tuple | None = None):
    """The figures of the chosen year (of the district, else the installation's province), and the years with
    data: the province, its years and its versions in two queries (`known`: `_years_of`'s answer, already read),
    then the cache."""
    province, years, versions = known or _years_of(district)
    year = selected_year(request.GET.get("year"), years)
    forecast_all = request.GET.get("forecast") == "all"
    board = board_cached(
        year=year, years=years, district=district, forecast_all=forecast_all, province=province, versions=versions
    )
    return board, years


def _years_of(district: District | None) -> tuple[Province | None, list[int], dict[int, int] | None]:
    """(the district's province, else the installation's; its years with data; its versions)."""
    if district is None:
        return installation_years_and_versions()
    return district.province, *years_and_versions(district.province)


def _year_options(board, years: list[int]) -> list[int]:
    """The years the selector offers: every year a criteria set covers, and every year with data (a year nobody
    has entered anything for yet can still be opened)."""
    return year_choices(province=board.province, years_with_data=years, selected=board.year)


@viewer_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    province, years, versions, other_province = _province_asked(request)
    year = selected_year(request.GET.get("year"), years)
    can_edit_reference = policy.can_edit_reference(request.user)
    province_param = province.pk if other_province else ""

    def body(board) -> tuple[str, list[int], str]:
        ctx = {
            "board": board,
            "chart_data": _chart_data(board),
            "can_edit_reference": can_edit_reference,
            "operations": dashboard_section(board),  # inspections, plan against actual, latest reviews
        }
        options = _year_options(board, years)
        selector = {"years": options, "board": board, "province_param": province_param}
        return (
            render_to_string("dashboard/snippets/body.html", ctx, request),
            options,
            render_to_string("dashboard/snippets/year_selector.html", selector),
        )

    head = page_cached(
        province=province,
        year=year,
        years=years,
        versions=versions,
        forecast_all=request.GET.get("forecast") == "all",
        variant=f"{get_language()}:{int(can_edit_reference)}:{int(other_province)}",
        render=body,
    )
    ctx = {"head": head, "body": mark_safe(head.body), "selector": mark_safe(head.selector)}  # noqa: S308  (ours)
    ctx["own_communes"] = _own_communes(request.user, year)  # the user's own, beside the cached figures
    ctx["can_view_nation"] = policy.can_view_nation(request.user)
    ctx["other_province"] = other_province
    return render(request, "dashboard/dashboard.html", ctx)


def _province_asked(request: HttpRequest) -> tuple[Province | None, list[int], dict[int, int] | None, bool]:
    """The province of ?province=<id> (from the national dashboard's rows: office staff and leadership only), else
    the installation's; its years with data and versions (`years_and_versions`); and whether it is another than the
    installation's. Raises Http404 for an unknown id, PermissionDenied for another reader."""
    raw = request.GET.get("province")
    if not raw:
        return *installation_years_and_versions(), False
    if not policy.can_view_nation(request.user):
        raise PermissionDenied
    if not raw.isdigit():
        raise Http404
    province = get_object_or_404(Province.objects.select_related("region"), pk=int(raw))
    years, versions = years_and_versions(province)
    return province, years, versions, province.pk != getattr(default_province(), "pk", None)


@viewer_required
@require_GET
def national(request: HttpRequest) -> HttpResponse:
    """Every province on the server side by side (office staff and leadership): dashboard/national.py."""
    if not policy.can_view_nation(request.user):
        raise PermissionDenied

    def body(nation, years: list[int]) -> tuple[str, list[int], str]:
        ctx = {"board": nation, "chart_data": _chart_data(nation)}
        options = year_choices(province=None, years_with_data=years, selected=nation.year)
        return (
            render_to_string("dashboard/snippets/national_body.html", ctx, request),
            options,
            render_to_string("dashboard/snippets/year_selector.html", {"years": options, "board": nation}),
        )

    page = nation_page_cached(raw_year=request.GET.get("year"), variant=get_language(), render=body)
    ctx = {"head": page, "body": mark_safe(page.body), "selector": mark_safe(page.selector)}  # noqa: S308  (ours)
    return render(request, "dashboard/national.html", ctx)


@require_GET
def national_api(request: HttpRequest) -> JsonResponse:
    """GET /api/national/?year=: the national dashboard's figures as JSON (office staff and leadership)."""
    if refused := _api_refused(request, policy.can_view_nation):
        return refused
    nation = nation_cached(raw_year=request.GET.get("year"))
    return JsonResponse(nation_json(nation), json_dumps_params={"ensure_ascii": False})


@viewer_required
@require_GET
def district_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = get_object_or_404(District.objects.select_related("province__region"), pk=pk)
    known = _years_of(district)
    year = selected_year(request.GET.get("year"), known[1])
    if not district_exists_in(district, year):
        ctx = {**district_gone_context(district, year), "own_communes": _own_communes(request.user, year)}
        return render(request, "communes/district_gone.html", ctx)
    board, years = _board(request, district, known)
    ctx = {
        "board": board,
        "years": _year_options(board, years),
        "district": district,
        "chart_data": _chart_data(board),
        "matrix": matrix_rows(board),
        "can_edit": policy.can_edit_district(request.user, district.pk),
        "district_work": _district_work(district),
    }
    return render(request, "dashboard/district_detail.html", ctx)


@require_GET
def dashboard_api(request: HttpRequest) -> JsonResponse:
    if refused := _api_refused(request, policy.can_view):
        return refused
    district = None
    if request.GET.get("district"):
        year = selected_year(request.GET.get("year"), assessment_years())
        district = District.objects.in_year(year).filter(province=default_province(), code=request.GET["district"])
        district = district.select_related("province__region").first()
        if district is None:
            return JsonResponse({"error": "unknown district"}, status=404)
    board, _years = _board(request, district)
    return JsonResponse(dashboard_json(board), json_dumps_params={"ensure_ascii": False})


def _api_refused(request: HttpRequest, may_read) -> JsonResponse | None:
    """The JSON answer refusing the request (401 signed out, 403 when `may_read(user)` is false), else None."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "authentication required"}, status=401)
    if not may_read(request.user):
        return JsonResponse({"error": "forbidden"}, status=403)
    return None


def _own_communes(user, year: int) -> int:
    """How many communes the district officer's own workbook of `year` holds (`excel:own_template`); 0 (no link)
    for other roles, an officer with no commune in scope that year, or a year no criteria set covers."""
    if not policy.can_use_own_workbook(user):
        return 0
    province = default_province()
    if criteria_set_for_year(year, province) is None:
        return 0
    return policy.editable_communes(
        user, Commune.objects.in_year(year).filter(province=province, in_programme=True)
    ).count()


def _district_work(district: District) -> list[tuple[Waiting, int]]:
    """How many of the district's commune-years wait for each step (all years)."""
    counts = work_counts(work_items(communes=Commune.objects.filter(district=district))).get(district.pk, {})
    return [(waiting, counts.get(waiting, 0)) for waiting in Waiting]


def _chart_data(board) -> dict:
    """Numbers for the charts; the same numbers are in the tables beside them."""
    return {
        "labels": {
            "share": _("Share of communes meeting the criterion (%)"),
            "recognised": _("Communes recognised"),
            "average": _("Average criteria met per commune"),
            "share_axis": _("Share of communes with data (%)"),
            "communes_axis": _("communes"),
            "criteria_axis": _("criteria per commune"),
            "year_axis": _("year"),
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


@viewer_required
@require_GET
def work_queue(request: HttpRequest) -> HttpResponse:
    """Commune-years waiting for someone, by reason and district, oldest first (office: the province;
    a district officer: their district)."""
    # Every commune, closed ones too: a year of a commune closed on 30/6/2025 may still wait for its decision.
    communes = policy.work_communes(request.user, Commune.objects.all())
    districts = District.objects.filter(pk__in=communes.values("district_id")).order_by("sort_name")
    data_years = assessment_years()
    years = year_choices(province=default_province(), years_with_data=data_years, selected=data_years[0])
    filterset = WorkQueueFilter(request.GET or None, queryset=communes, districts=districts, years=years)
    filtered = filterset.qs if filterset.is_bound and filterset.is_valid() else communes
    data = filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}
    year = int(data["year"]) if data.get("year") else None
    items = work_items(communes=filtered, year=year, waiting=data.get("waiting") or "")
    everything = work_items(communes=communes) if filterset.is_bound else items
    counts = work_counts(everything)
    now = timezone.now()
    page = Paginator(items, WORK_PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "filter": filterset,
        "page_obj": page,
        "rows": [(item, item.age_days(now)) for item in page.object_list],
        "count_rows": [(d, [counts.get(d.pk, {}).get(w, 0) for w in Waiting]) for d in districts],
        "totals": [sum(counts[d].get(w, 0) for d in counts) for w in Waiting],
        "waiting_choices": list(Waiting),
        "total": len(items),
        "overdue_requests": overdue_requests(request.user, today=timezone.localdate()),
        "ocop_rows": ocop_expiring(request.user, today=timezone.localdate()),
        "ungrouped": communes_without_group(
            policy.work_communes(request.user, Commune.objects.current()), year=timezone.localdate().year
        ),
    }
    return render(request, "dashboard/work_queue.html", ctx)
