"""Admin: the versioned lists of capital sources (office edits; unverified lists flagged) and the lines."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyAdminMixin, PolicyHistoryAdmin
from criteria.admin import verified_flag

from .models import CapitalLine, CapitalSource, SourceSet


class CapitalSourceInline(PolicyAdminMixin, admin.TabularInline):
    model = CapitalSource
    fields = ["order", "code", "name", "parent", "category", "in_kind"]
    extra = 0


@admin.register(SourceSet)
class SourceSetAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "year_from", "year_to", "verification"]
    inlines = [CapitalSourceInline]

    @admin.display(description=_("verification"))
    def verification(self, obj: SourceSet) -> str:
        return verified_flag(obj.verified)


@admin.register(CapitalLine)
class CapitalLineAdmin(PolicyHistoryAdmin):
    list_display = ["year", "period", "kind", "level", "district", "commune", "unit", "source", "amount", "in_kind"]
    list_filter = ["year", "period", "kind", "level", "source__category", "district"]
    list_select_related = ["district", "commune", "source"]
    raw_id_fields = ["district", "commune"]
    readonly_fields = ["entered_by", "entered_at"]
