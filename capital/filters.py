"""The capital line list's filters (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from communes.models import District
from ntm.lib.sorting import sort_queryset

from .models import CapitalLine, Category, Kind, Level, Period


class CapitalLineFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    period = django_filters.ChoiceFilter(label=_("Period"), choices=Period.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.order_by("code", "valid_from")
    )
    category = django_filters.ChoiceFilter(label=_("Source"), choices=Category.choices, field_name="source__category")
    in_kind = django_filters.BooleanFilter(label=_("In kind"))

    class Meta:
        model = CapitalLine
        fields = ["year", "period", "kind", "level", "district", "category", "in_kind"]


SORTS = {
    "year": ["year", "period", "kind", "source__order"],
    "amount": ["amount"],
    "district": ["district__code", "commune__sort_name"],
    "source": ["source__source_set__year_from", "source__order"],
}


def lines_listing(params) -> dict:
    """The capital lines filtered and sorted as `params` say (page and Excel export): {"filter", "lines", "sorting"}."""
    lines = CapitalLine.objects.select_related("district", "commune", "source__source_set")
    found = CapitalLineFilter(params or None, queryset=lines)
    ordered, sorting = sort_queryset(found.qs, params.get("sort"), SORTS, "-year")
    return {"filter": found, "lines": ordered, "sorting": sorting}
