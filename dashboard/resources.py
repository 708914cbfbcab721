"""The second dashboard page, "Production and resources": production models, enterprises, OCOP, capital and
trainings at a glance. Each section is its app's selector rendered by its own snippet; the figures are the
same objects the summary workbook writes."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.decorators import viewer_required
from capital.models import Category
from capital.selectors import capital_report, capital_years
from communes.selectors import assessment_years, selected_year
from ocop.selectors import ocop_board
from production.selectors import enterprise_board, figure_years, production_board
from provinces.selectors import default_province
from trainings.selectors import trainings_board


def resource_years() -> list[int]:
    """Years with production figures, capital lines or assessments, newest first."""
    return sorted(set(figure_years()) | set(capital_years()) | set(assessment_years()), reverse=True)


@viewer_required
@require_GET
def resources(request: HttpRequest) -> HttpResponse:
    years = resource_years()
    year = selected_year(request.GET.get("year"), years)
    province = default_province()
    production = production_board(year=year, province=province)
    capital = capital_report(year=year, province=province)
    ctx = {
        "board": {"year": year},
        "years": years,
        "province": province,
        "production": production,
        "enterprises": enterprise_board(year=year, province=province),
        "ocop": ocop_board(today=datetime.date.today(), province=province),
        "capital": capital,
        "trainings": trainings_board(year=year, province=province),
        "chart_data": _chart_data(production, capital),
    }
    return render(request, "dashboard/resources.html", ctx)


def _chart_data(production, capital) -> dict:
    """Numbers for the two charts; the same numbers are in the tables beside them."""
    categories = [(value, str(label)) for value, label in Category.choices]
    return {
        "share": {
            "labels": [row.district.name for row in production.districts],
            "values": [row.share for row in production.districts],
            "target": float(production.target) if production.target is not None else None,
            "label": _("Communes with large, medium and small models (%)"),
            "target_label": _("Target"),
        },
        "capital": {
            "years": [str(year) for year, _totals in capital.years],
            "series": [
                {"label": label, "values": [float(totals.by_category[value]) for _year, totals in capital.years]}
                for value, label in categories
            ],
        },
    }
