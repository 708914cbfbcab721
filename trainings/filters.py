"""The training list's filters (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communes.models import District
from ntm.lib.sorting import sort_queryset
from ntm.lib.text import fold

from .models import Training


class TrainingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    year = django_filters.NumberFilter(label=_("Year"), field_name="starts_on__year")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Training.Kind.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Training.Level.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.order_by("code", "valid_from"), method="filter_district"
    )
    cost_source = django_filters.ChoiceFilter(label=_("Cost paid from"), choices=Training.CostSource.choices)

    class Meta:
        model = Training
        fields = ["q", "year", "kind", "level", "district", "cost_source"]

    def search(self, queryset, name, value):
        for word in fold(value or "").split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_district(self, queryset, name, value):
        covered = Training.objects.filter(Q(districts=value) | Q(communes__district=value)).values("pk")
        return queryset.filter(pk__in=covered)


SORTS = {
    "starts_on": ["starts_on"],
    "title": ["title"],
    "kind": ["kind"],
    "level": ["level"],
    "participants": ["participants"],
    "cost": ["cost"],
}


def trainings_listing(params) -> dict:
    """The trainings filtered and sorted as `params` say (page and Excel export): {"filter", "trainings", "sorting"}."""
    found = TrainingFilter(params or None, queryset=Training.objects.prefetch_related("districts", "communes"))
    ordered, sorting = sort_queryset(found.qs, params.get("sort"), SORTS, "-starts_on")
    return {"filter": found, "trainings": ordered, "sorting": sorting}
