"""Admin: the OCOP rules (data with their legal source; office edits) and the register, read there and changed
in the app, where each rating gets the rule of its decision date."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyAdminMixin, ReadOnlyAdminMixin
from criteria.admin import verified_flag

from .models import OcopProduct, OcopRating, OcopRule


@admin.register(OcopRule)
class OcopRuleAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "decision", "valid_from", "valid_until", "max_a", "max_b", "max_c", "verification"]

    @admin.display(description=_("verification"))
    def verification(self, obj: OcopRule) -> str:
        return verified_flag(obj.verified)


class OcopRatingInline(ReadOnlyAdminMixin, PolicyAdminMixin, admin.TabularInline):
    model = OcopRating
    fields = ["recognised_on", "decision_number", "level", "rule", "total", "stars", "expires_on"]
    readonly_fields = fields
    extra = 0


@admin.register(OcopProduct)
class OcopProductAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "commune", "group", "owner", "owner_name"]
    list_filter = ["group", "commune__district"]
    search_fields = ["name", "search_name"]
    list_select_related = ["commune", "owner"]
    raw_id_fields = ["commune", "owner"]
    readonly_fields = ["created_by", "updated_at"]
    inlines = [OcopRatingInline]


@admin.register(OcopRating)
class OcopRatingAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["product", "recognised_on", "decision_number", "level", "total", "stars", "expires_on"]
    list_filter = ["stars", "level", "rule"]
    list_select_related = ["product"]
