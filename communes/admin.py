from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyAdminMixin, PolicyHistoryAdmin, ReadOnlyAdminMixin

from .locking import commune_years_bump, commune_years_lock
from .models import Assessment, Commune, CommuneYear, District, GroupAssignment, Lineage, Registration
from .services import commune_group_changed


@admin.register(District)
class DistrictAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "commune_count", "valid_from", "valid_until"]
    list_filter = ["province", "kind", "valid_until"]
    search_fields = ["code", "name", "search_name"]
    readonly_fields = ["commune_count"]

    @admin.display(description=_("communes"))
    def commune_count(self, obj: District) -> int:
        return obj.communes.count()


class LineageInline(admin.TabularInline):
    """The former communes this one was formed from (`import_lineage` fills them for a reform)."""

    model = Lineage
    fk_name = "successor"
    fields = ["predecessor", "share"]
    autocomplete_fields = ["predecessor"]
    extra = 0


@admin.register(Commune)
class CommuneAdmin(PolicyHistoryAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "district",
        "in_programme",
        "recognition_decision",
        "recognition_date",
        "valid_until",
    ]
    list_filter = [
        "province",
        "district",
        "kind",
        "in_programme",
        "recognition_level",
        "commune_group",
    ]
    search_fields = ["code", "name", "search_name"]
    list_select_related = ["district"]
    inlines = [LineageInline]
    readonly_fields = ["commune_group"]  # kept from the dated group assignments (their own admin)
    fieldsets = [
        (None, {"fields": ["code", "name", "kind", "province", "district", "in_programme", "commune_group"]}),
        (
            _("Programme"),
            {"fields": ["recognition_decision", "recognition_date", "recognition_level"]},
        ),
        (_("Period"), {"fields": ["valid_from", "valid_until"]}),
    ]


def _year_locked(commune_id, year) -> bool:
    return CommuneYear.objects.filter(commune_id=commune_id, year=year, state__in=CommuneYear.LOCKED_STATES).exists()


class AssessmentAdminForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["commune", "indicator", "year", "yes_no", "percent", "amount", "note"]

    def clean(self):
        data = super().clean()
        if data.get("commune") and data.get("year") and _year_locked(data["commune"].pk, data["year"]):
            raise ValidationError(
                _("This year is locked (submitted, verified, appraised or recognised): reopen it first."),
                code="year_locked",
            )
        return data


@admin.register(Assessment)
class AssessmentAdmin(PolicyHistoryAdmin):
    """Values of a locked year are read-only here too; a change locks the year's row and bumps its version."""

    form = AssessmentAdminForm
    list_display = ["commune", "indicator", "year", "value_shown", "meets", "entered_by", "entered_at"]
    list_filter = ["year", "meets", "indicator__criterion__criteria_set", "commune__district"]
    search_fields = ["commune__name", "commune__search_name", "commune__code", "indicator__code"]
    list_select_related = ["commune", "indicator", "entered_by"]
    readonly_fields = ["meets", "entered_by", "entered_at"]
    raw_id_fields = ["commune", "indicator"]

    @admin.display(description=_("value"))
    def value_shown(self, obj: Assessment) -> str:
        """The recorded value as people write it: Có / Không for yes/no indicators, numbers in the page's format."""
        value = obj.value
        if value is None:
            return "—"
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        return number_format(value)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and _year_locked(obj.commune_id, obj.year))

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and _year_locked(obj.commune_id, obj.year))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a bulk delete would skip the lock of each year
        return actions

    def save_model(self, request, obj, form, change):
        from .services import assessment_refresh_meets

        obj.entered_by = request.user
        assessment_refresh_meets(obj)
        with transaction.atomic():
            years = commune_years_lock(commune_ids=[obj.commune_id], year=obj.year)
            super().save_model(request, obj, form, change)
            commune_years_bump(list(years.values()), user=request.user)

    def delete_model(self, request, obj):
        with transaction.atomic():
            years = commune_years_lock(commune_ids=[obj.commune_id], year=obj.year)
            super().delete_model(request, obj)
            commune_years_bump(list(years.values()), user=request.user)


@admin.register(CommuneYear)
class CommuneYearAdmin(ReadOnlyAdminMixin, PolicyHistoryAdmin):
    """Read-only: states move only through the workflow's rules (the commune-year page)."""

    list_display = ["commune", "year", "state", "version", "decision_number", "changed_by", "changed_at"]
    list_filter = ["year", "state", "commune__district"]
    search_fields = ["commune__name", "commune__search_name", "commune__code", "decision_number"]
    list_select_related = ["commune", "changed_by"]


@admin.register(Registration)
class RegistrationAdmin(PolicyHistoryAdmin):
    list_display = ["commune", "year", "registered_by", "registered_at"]
    list_filter = ["year", "commune__district"]
    search_fields = ["commune__name", "commune__search_name", "commune__code"]
    list_select_related = ["commune", "registered_by"]
    raw_id_fields = ["commune"]
    readonly_fields = ["registered_by", "registered_at"]

    def save_model(self, request, obj, form, change):
        obj.registered_by = obj.registered_by or request.user
        super().save_model(request, obj, form, change)


@admin.register(GroupAssignment)
class GroupAssignmentAdmin(PolicyHistoryAdmin):
    """Office staff place each commune in group 1, 2 or 3 of the 2026-2030 set; a new date is a new assignment."""

    list_display = ["commune", "criteria_set", "group", "valid_from", "decision", "assigned_by", "assigned_at"]
    list_filter = ["criteria_set", "group", "valid_from"]
    search_fields = ["commune__name", "commune__search_name", "commune__code", "decision"]
    list_select_related = ["commune", "criteria_set", "assigned_by"]
    autocomplete_fields = ["commune"]
    fields = ["commune", "criteria_set", "group", "valid_from", "decision", "note", "assigned_by", "assigned_at"]
    readonly_fields = ["assigned_by", "assigned_at"]

    def save_model(self, request, obj, form, change):
        obj.assigned_by = request.user
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            since = min(obj.valid_from, form.initial.get("valid_from") or obj.valid_from) if change else obj.valid_from
            commune_group_changed(commune=obj.commune, criteria_set=obj.criteria_set, since_year=since.year)

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            commune_group_changed(commune=obj.commune, criteria_set=obj.criteria_set, since_year=obj.valid_from.year)
