from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyAdminMixin

from .models import Assessment, Commune, District


@admin.register(District)
class DistrictAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "commune_count", "valid_from", "valid_until"]
    list_filter = ["province", "kind", "valid_until"]
    search_fields = ["code", "name", "search_name"]
    readonly_fields = ["commune_count"]

    @admin.display(description=_("communes"))
    def commune_count(self, obj: District) -> int:
        return obj.communes.count()


@admin.register(Commune)
class CommuneAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "district",
        "in_programme",
        "registered_year",
        "recognition_decision",
        "recognition_date",
        "valid_until",
    ]
    list_filter = [
        "province",
        "district",
        "kind",
        "in_programme",
        "registered_year",
        "recognition_level",
        "commune_group",
    ]
    search_fields = ["code", "name", "search_name"]
    list_select_related = ["district"]
    autocomplete_fields = ["formed_from"]
    fieldsets = [
        (None, {"fields": ["code", "name", "kind", "province", "district", "in_programme", "commune_group"]}),
        (
            _("Programme"),
            {"fields": ["registered_year", "recognition_decision", "recognition_date", "recognition_level"]},
        ),
        (_("Period"), {"fields": ["valid_from", "valid_until", "formed_from"]}),
    ]


@admin.register(Assessment)
class AssessmentAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["commune", "indicator", "year", "value", "meets", "entered_by", "entered_at"]
    list_filter = ["year", "meets", "indicator__criterion__criteria_set", "commune__district"]
    search_fields = ["commune__name", "commune__search_name", "commune__code", "indicator__code"]
    list_select_related = ["commune", "indicator", "entered_by"]
    readonly_fields = ["meets", "entered_by", "entered_at"]
    raw_id_fields = ["commune", "indicator"]

    def save_model(self, request, obj, form, change):
        from .services import assessment_refresh_meets

        obj.entered_by = request.user
        assessment_refresh_meets(obj)
        super().save_model(request, obj, form, change)
