"""The lists' filters and sorting (django-filter). Each FilterSet's `o` parameter sorts; the views paginate."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communes.models import District

from . import rules
from .models import Document, DocumentType, Finding, Inspection, InspectionRequest, InspectionSubject, Review, YearPlan


def _districts(request):
    return District.objects.order_by("sort_name", "valid_from")


class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year"))
        super().__init__(*args, **kwargs)


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search number and summary"), method="search")
    doc_type = django_filters.ModelChoiceFilter(label=_("Type"), queryset=DocumentType.objects.all())
    year = YearFilter(field_name="year")
    issuer = django_filters.CharFilter(label=_("Issuing body"), field_name="issuer", lookup_expr="icontains")
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Document.Direction.choices)
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("date", "date"), ("number", "number"), ("doc_type__order", "type"), ("issuer", "issuer")),
        field_labels={
            "date": _("date"),
            "number": _("number"),
            "doc_type__order": _("type"),
            "issuer": _("issuing body"),
        },
    )

    class Meta:
        model = Document
        fields = ["q", "doc_type", "year", "issuer", "direction"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class InspectionFilter(django_filters.FilterSet):
    year = YearFilter(method="filter_year")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Inspection.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Inspection.Status.choices)
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), field_name="subjects", queryset=InspectionSubject.objects.all()
    )
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=_districts, method="filter_district")
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("planned_start", "planned"), ("held_start", "held"), ("title", "title"), ("status", "status")),
        field_labels={
            "planned_start": _("planned from"),
            "held_start": _("held from"),
            "title": _("title"),
            "status": _("status"),
        },
    )

    class Meta:
        model = Inspection
        fields = ["year", "kind", "status", "subject", "district"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(held_start__year=value) | Q(held_start__isnull=True, planned_start__year=value))

    def filter_district(self, queryset, name, value):
        return queryset.filter(visits__commune__district=value).distinct()


class RequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=rules.RequestStatus.choices, method="filter_status")
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=_districts)
    responsible_kind = django_filters.ChoiceFilter(
        label=_("Responsible unit"), choices=InspectionRequest.Responsible.choices
    )
    year = YearFilter(field_name="inspection__planned_start", lookup_expr="year")
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("deadline", "deadline"), ("inspection__planned_start", "inspection"), ("status", "status")),
        field_labels={"deadline": _("deadline"), "inspection__planned_start": _("inspection"), "status": _("status")},
    )

    class Meta:
        model = InspectionRequest
        fields = ["status", "district", "responsible_kind", "year"]

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def filter_status(self, queryset, name, value):
        if value == rules.RequestStatus.OVERDUE:
            return queryset.filter(status=rules.RequestStatus.OPEN, deadline__lt=self.today)
        if value == rules.RequestStatus.OPEN:
            return queryset.filter(status=value, deadline__gte=self.today)
        return queryset.filter(status=value)


class FindingFilter(django_filters.FilterSet):
    year = YearFilter(method="filter_year")
    criterion_number = django_filters.NumberFilter(label=_("Criterion"), field_name="criterion__number")
    verdict = django_filters.ChoiceFilter(label=_("Verdict"), choices=rules.Verdict.choices)
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=rules.Severity.choices)
    evidence = django_filters.ChoiceFilter(label=_("Evidence"), choices=rules.EvidenceState.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=_districts, field_name="visit__commune__district"
    )
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("visit__visited_on", "date"), ("criterion__number", "criterion"), ("severity", "severity")),
        field_labels={"visit__visited_on": _("date"), "criterion__number": _("criterion"), "severity": _("severity")},
    )

    class Meta:
        model = Finding
        fields = ["year", "criterion_number", "verdict", "severity", "evidence", "district"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(
            Q(visit__inspection__held_start__year=value)
            | Q(visit__inspection__held_start__isnull=True, visit__inspection__planned_start__year=value)
        )


class PlanFilter(django_filters.FilterSet):
    year = YearFilter(field_name="year")
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("year", "year"), ("adopted_on", "adopted")),
        field_labels={"year": _("year"), "adopted_on": _("adopted on")},
    )

    class Meta:
        model = YearPlan
        fields = ["year"]


class ReviewFilter(django_filters.FilterSet):
    year = YearFilter(field_name="year")
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("held_on", "date"), ("group__name", "group")),
        field_labels={"held_on": _("date"), "group__name": _("group")},
    )

    class Meta:
        model = Review
        fields = ["group", "year"]
