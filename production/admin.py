"""Admin: the size thresholds (office edits; unverified values flagged) and the records, for reading and fixing."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyAdminMixin, PolicyHistoryAdmin
from criteria.admin import verified_flag

from .models import Enterprise, ModelYear, ProductionModel, SizeThresholds


@admin.register(SizeThresholds)
class SizeThresholdsAdmin(PolicyHistoryAdmin):
    list_display = ["valid_from", "counting_floor", "medium_from", "large_from", "target_share", "verification"]
    readonly_fields = ["updated_by", "updated_at"]

    @admin.display(description=_("verification"))
    def verification(self, obj: SizeThresholds) -> str:
        return verified_flag(obj.verified)


class ModelYearInline(PolicyAdminMixin, admin.TabularInline):
    model = ModelYear
    extra = 0


@admin.register(ProductionModel)
class ProductionModelAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "commune", "owner_kind", "sector", "start_year", "supported"]
    list_filter = ["sector", "owner_kind", "supported", "commune__district"]
    search_fields = ["name", "search_name", "commune__name"]
    list_select_related = ["commune"]
    raw_id_fields = ["commune"]
    readonly_fields = ["created_by", "updated_at"]
    inlines = [ModelYearInline]


@admin.register(Enterprise)
class EnterpriseAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "tax_code", "registration_number", "commune", "founded_on", "closed_on"]
    list_filter = ["kind", "sector", "commune__district"]
    search_fields = ["name", "search_name", "tax_code", "registration_number"]
    list_select_related = ["commune"]
    raw_id_fields = ["commune"]
    readonly_fields = ["created_by", "updated_at"]
