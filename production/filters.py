"""The list filters (django-filter) of production models and enterprises."""

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District
from communes.selectors import selected_year
from ntm.lib.sorting import sort_queryset, vietnamese
from ntm.lib.text import fold

from . import rules
from .models import Enterprise, ProductionModel, Sector, Size
from .selectors import figure_years, models_for_year, thresholds_for_year

YES_NO = [("yes", _("yes")), ("no", _("no"))]


def _words(queryset, text: str, *fields: str):
    """Rows whose fields hold every word of `text`, accents ignored (`search_name` columns are folded)."""
    for word in fold(text or "").split():
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__contains": word})
        queryset = queryset.filter(condition)
    return queryset


def _yes_no(queryset, name: str, value: str):
    if value in ("yes", "no"):
        return queryset.filter(**{name: value == "yes"})
    return queryset


class PlaceFilterMixin(django_filters.FilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"), field_name="commune__district", queryset=District.objects.order_by("code", "valid_from")
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"), queryset=Commune.objects.filter(in_programme=True).order_by("sort_name", "valid_from")
    )


class ProductionModelFilter(PlaceFilterMixin):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices)
    owner_kind = django_filters.ChoiceFilter(label=_("Owner kind"), choices=ProductionModel.OwnerKind.choices)
    size = django_filters.ChoiceFilter(
        label=_("Size"), choices=[*Size.choices, ("none", _("not counted"))], method="filter_size"
    )
    supported = django_filters.ChoiceFilter(label=_("Programme support"), choices=YES_NO, method="filter_supported")

    class Meta:
        model = ProductionModel
        fields = ["q", "district", "commune", "sector", "owner_kind", "size", "supported"]

    def search(self, queryset, name, value):
        return _words(queryset, value, "search_name", "commune__search_name")

    def filter_size(self, queryset, name, value):
        if value == "none":
            return queryset.filter(size__isnull=True)
        return queryset.filter(size=value) if value in rules.SIZES else queryset

    def filter_supported(self, queryset, name, value):
        return _yes_no(queryset, "supported", value)


class EnterpriseFilter(PlaceFilterMixin):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Enterprise.Kind.choices)
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices)
    operating = django_filters.ChoiceFilter(label=_("Operating"), choices=YES_NO, method="filter_operating")

    class Meta:
        model = Enterprise
        fields = ["q", "district", "commune", "kind", "sector", "operating"]

    def search(self, queryset, name, value):
        code = (value or "").strip()
        if code[:1].isdigit():  # a tax code or registration number
            return queryset.filter(Q(tax_code__startswith=code) | Q(registration_number__startswith=code))
        return _words(queryset, value, "search_name", "commune__search_name")

    def filter_operating(self, queryset, name, value):
        today = datetime.date.today()
        if value == "yes":
            return queryset.operating_on(today)
        if value == "no":
            return queryset.exclude(pk__in=Enterprise.objects.operating_on(today).values("pk"))
        return queryset


MODEL_SORTS = {
    "name": [vietnamese()],
    "commune": [vietnamese("commune__name", "commune__sort_name")],
    "district": ["commune__district__code", vietnamese("commune__name", "commune__sort_name")],
    "sector": ["sector"],
    "start_year": ["start_year"],
    "revenue": ["revenue"],
    "profit": ["profit"],
    "jobs": ["jobs"],
}
ENTERPRISE_SORTS = {
    "name": [vietnamese()],
    "commune": [vietnamese("commune__name", "commune__sort_name")],
    "district": ["commune__district__code", vietnamese("commune__name", "commune__sort_name")],
    "kind": ["kind"],
    "founded_on": ["founded_on"],
    "members": ["members"],
    "employees": ["employees"],
}


def models_listing(params) -> dict:
    """The production models of the year `params` names (default: the latest with figures), filtered and sorted
    as `params` say: {"filter", "models", "sorting", "year", "years", "thresholds"}. Shared by the page and its
    Excel export, so both list the same rows."""
    years = figure_years()
    year = selected_year(params.get("year"), years)
    thresholds = thresholds_for_year(year)
    models = ProductionModelFilter(params or None, queryset=models_for_year(year, thresholds))
    ordered, sorting = sort_queryset(models.qs, params.get("sort"), MODEL_SORTS, "district")
    return {
        "filter": models,
        "models": ordered,
        "sorting": sorting,
        "year": year,
        "years": years,
        "thresholds": thresholds,
    }


def enterprises_listing(params) -> dict:
    """The enterprises filtered and sorted as `params` say: {"filter", "enterprises", "sorting"}."""
    queryset = Enterprise.objects.select_related("commune__district")
    enterprises = EnterpriseFilter(params or None, queryset=queryset)
    ordered, sorting = sort_queryset(enterprises.qs, params.get("sort"), ENTERPRISE_SORTS, "district")
    return {"filter": enterprises, "enterprises": ordered, "sorting": sorting}
