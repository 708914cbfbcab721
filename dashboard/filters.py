"""The work queue's filters (django-filter): district, reason for waiting and year."""

import django_filters
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District
from workflow.queue import Waiting


class WorkQueueFilter(django_filters.FilterSet):
    """Filters the communes by district; `waiting` and `year` are read by `work_items` from the form."""

    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.none(), empty_label=_("all districts")
    )
    waiting = django_filters.ChoiceFilter(
        label=_("Waiting for"), choices=Waiting.choices, empty_label=_("everything"), method="_keep"
    )
    year = django_filters.ChoiceFilter(label=_("Year"), empty_label=_("all years"), method="_keep", choices=[])

    class Meta:
        model = Commune
        fields = ["district", "waiting", "year"]

    def __init__(self, *args, districts, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].queryset = districts
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]

    def _keep(self, queryset, name, value):
        return queryset  # applied to the work items, not to the communes
