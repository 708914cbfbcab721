"""Capital lines (entry and list) and the capital report; the Excel template, import and export are in `excel`.

Office staff enter any level; a district officer their district's lines and its communes'; leadership reads.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.models import District
from communes.selectors import programme_communes, selected_year
from provinces.selectors import default_province

from .filters import lines_listing
from .forms import CapitalLineForm
from .models import CapitalLine, Period
from .selectors import capital_report, capital_years

PAGE_SIZE = 50


@viewer_required
@require_GET
def line_list(request: HttpRequest) -> HttpResponse:
    ctx = lines_listing(request.GET)
    ctx["page_obj"] = Paginator(ctx["lines"], PAGE_SIZE).get_page(request.GET.get("page"))
    ctx["can_add"] = policy.can_enter_places(request.user)
    ctx["editable_districts"] = set(
        policy.editable_districts(request.user, District.objects.all()).values_list("pk", flat=True)
    )
    ctx["edits_province"] = policy.can_edit_district(request.user, None)
    return render(request, "capital/capitalline_list.html", ctx)


def _form(request: HttpRequest, line: CapitalLine | None) -> HttpResponse:
    form = CapitalLineForm(
        request.POST if request.method == "POST" else None,
        instance=line,
        user=request.user,
        districts=policy.editable_districts(request.user, District.objects.current()),
        communes=policy.editable_communes(request.user, programme_communes(default_province())),
        initial={"year": capital_years()[0]} if line is None else None,
    )
    if form.is_valid():
        saved = form.save(commit=False)
        saved.entered_by = request.user
        saved.save()
        messages.success(request, _("The capital line was saved."))
        return redirect(f"{reverse('capital:list')}?year={saved.year}")
    ctx = {"form": form, "line": line}
    return render(request, "capital/capitalline_form.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_http_methods(["GET", "POST"])
def line_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_enter_places(request.user):
        raise PermissionDenied
    return _form(request, None)


def _get_line_for_editor(request: HttpRequest, pk: int) -> CapitalLine:
    line = get_object_or_404(CapitalLine.objects.select_related("source__source_set"), pk=pk)
    if not policy.can_edit_places(request.user, [line.district_id]):
        raise PermissionDenied
    return line


@viewer_required
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form(request, _get_line_for_editor(request, pk))


@viewer_required
@require_POST
def line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    line = _get_line_for_editor(request, pk)
    line.delete()
    messages.success(request, _("The capital line was deleted."))
    return redirect(f"{reverse('capital:list')}?year={line.year}")


@viewer_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    years = capital_years()
    year = selected_year(request.GET.get("year"), years)
    period = request.GET.get("period") if request.GET.get("period") in Period.values else Period.YEAR
    ctx = {
        "report": capital_report(year=year, period=period),
        "years": years,
        "periods": [(Period.YEAR, Period.YEAR.label), (Period.FIRST_HALF, Period.FIRST_HALF.label)],
        "can_import": policy.can_enter_places(request.user),
    }
    return render(request, "capital/capital_report.html", ctx)
