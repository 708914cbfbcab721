"""The OCOP list's filters (django-filter); the product's current rating comes from `with_current()`."""

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District
from ntm.lib.sorting import sort_queryset, vietnamese
from ntm.lib.text import fold

from . import rules
from .models import Level, OcopProduct, ProductGroup
from .selectors import products_with_current

STAR_CHOICES = [("5", "5 ★"), ("4", "4 ★"), ("3", "3 ★"), ("below", _("below 3 stars (not recognised)"))]
STATUS_CHOICES = [
    (rules.VALID, _("valid")),
    (rules.EXPIRING, _("expiring within 90 days")),
    (rules.EXPIRED, _("expired")),
    (rules.NOT_RECOGNISED, _("not recognised")),
    ("unrated", _("not rated yet")),
]


class OcopProductFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    district = django_filters.ModelChoiceFilter(
        label=_("District"), field_name="commune__district", queryset=District.objects.order_by("code", "valid_from")
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"), queryset=Commune.objects.filter(in_programme=True).order_by("sort_name", "valid_from")
    )
    group = django_filters.ChoiceFilter(label=_("Product group"), choices=ProductGroup.choices)
    stars = django_filters.ChoiceFilter(label=_("Stars"), choices=STAR_CHOICES, method="filter_stars")
    level = django_filters.ChoiceFilter(label=_("Recognised by"), choices=Level.choices, field_name="current_level")
    status = django_filters.ChoiceFilter(label=_("Certificate"), choices=STATUS_CHOICES, method="filter_status")

    class Meta:
        model = OcopProduct
        fields = ["q", "district", "commune", "group", "stars", "level", "status"]

    def search(self, queryset, name, value):
        for word in fold(value or "").split():
            queryset = queryset.filter(
                Q(search_name__contains=word)
                | Q(commune__search_name__contains=word)
                | Q(owner__search_name__contains=word)
            )
        return queryset

    def filter_stars(self, queryset, name, value):
        if value == "below":
            return queryset.filter(current_stars__lt=rules.RECOGNISED_STARS)
        return queryset.filter(current_stars=int(value))

    def filter_status(self, queryset, name, value):
        today = datetime.date.today()
        soon = today + datetime.timedelta(days=rules.WARN_DAYS)
        recognised = Q(current_stars__gte=rules.RECOGNISED_STARS)
        conditions = {
            rules.VALID: recognised & Q(current_expires_on__gt=soon),
            rules.EXPIRING: recognised & Q(current_expires_on__gte=today, current_expires_on__lte=soon),
            rules.EXPIRED: recognised & Q(current_expires_on__lt=today),
            rules.NOT_RECOGNISED: Q(current_stars__lt=rules.RECOGNISED_STARS),
            "unrated": Q(current_rating_id__isnull=True),
        }
        return queryset.filter(conditions[value]) if value in conditions else queryset


SORTS = {
    "name": [vietnamese()],
    "commune": [vietnamese("commune__name", "commune__sort_name")],
    "district": ["commune__district__code", vietnamese("commune__name", "commune__sort_name")],
    "group": ["group"],
    "stars": ["current_stars", "current_total"],
    "total": ["current_total"],
    "expires": ["current_expires_on"],
}


def products_listing(params) -> dict:
    """The products with their current rating, filtered and sorted as `params` say (page and Excel export):
    {"filter", "products", "sorting", "today"}."""
    products = OcopProductFilter(params or None, queryset=products_with_current())
    ordered, sorting = sort_queryset(products.qs, params.get("sort"), SORTS, "district")
    return {"filter": products, "products": ordered, "sorting": sorting, "today": datetime.date.today()}
