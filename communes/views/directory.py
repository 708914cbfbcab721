"""The commune directory: every current commune, searchable and filtered, with its standing in a year."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import viewer_required
from provinces.selectors import default_province

from ..directory import (
    communes_filter,
    communes_in_vietnamese_order,
    communes_search,
    communes_with_registration,
    directory_rows,
)
from ..forms import CommuneFilterForm
from ..models import Commune
from ..scoring import scores_for_years
from ..selectors import assessment_years, selected_year

PAGE_SIZE = 50


@viewer_required
@require_GET
def commune_list(request: HttpRequest) -> HttpResponse:
    province = default_province()
    years = assessment_years(province)
    year = selected_year(request.GET.get("year"), years)
    scores = scores_for_years([year], province=province)[year]
    bands = [band.label for band in scores.bands]
    form = CommuneFilterForm(request.GET, years=years, year=year, bands=bands, province=province)
    form.is_valid()  # an invalid field is shown with its error and simply does not filter
    communes = Commune.objects.in_year(year).filter(province=province)
    communes = communes.select_related("district").with_recognised_year()
    communes = communes_with_registration(communes)
    communes = communes_filter(communes_search(communes, form.cleaned_data.get("q", "")), form.cleaned_data, scores)
    page = Paginator(communes_in_vietnamese_order(communes), PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "form": form,
        "year": year,
        "scores": scores,
        "page_obj": page,
        "rows": directory_rows(page.object_list, scores),
    }
    return render(request, "communes/commune_list.html", ctx)
