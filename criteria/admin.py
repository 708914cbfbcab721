"""Criteria admin: set -> groups, criteria, bands; criterion -> indicators; indicator -> targets.

Unverified values are flagged in every list so nobody mistakes them for official ones.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyAdminMixin, PolicyHistoryAdmin

from .models import Band, CriteriaSet, Criterion, CriterionGroup, Indicator, Target


def verified_flag(verified: bool) -> str:
    if verified:
        return format_html('<span title="{}">✔</span>', _("verified"))
    return format_html(
        '<span class="unverified-flag" title="{}">⚠ {}</span>', _("check against the official text"), _("unverified")
    )


class UnverifiedFilterMixin:
    @admin.display(description=_("verification"))
    def verification(self, obj) -> str:
        return verified_flag(obj.verified)


class GroupInline(PolicyAdminMixin, admin.TabularInline):
    model = CriterionGroup
    extra = 0


class CriterionInline(PolicyAdminMixin, admin.TabularInline):
    model = Criterion
    fields = ["number", "name", "group", "name_verified"]
    extra = 0
    show_change_link = True


class BandInline(PolicyAdminMixin, admin.TabularInline):
    model = Band
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(UnverifiedFilterMixin, PolicyAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "decision_number",
        "year_from",
        "year_to",
        "province",
        "target_basis",
        "indicator_count",
        "verification",
    ]
    list_filter = ["verified", "target_basis", "province"]
    search_fields = ["code", "title", "decision_number"]
    inlines = [GroupInline, CriterionInline, BandInline]

    @admin.display(description=_("indicators"))
    def indicator_count(self, obj: CriteriaSet) -> int:
        return Indicator.objects.filter(criterion__criteria_set=obj).count()


class IndicatorInline(PolicyAdminMixin, admin.TabularInline):
    model = Indicator
    fields = ["code", "text", "kind", "comparator", "unit", "verified", "needs_evidence"]
    extra = 0
    show_change_link = True


@admin.register(Criterion)
class CriterionAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "criteria_set", "group", "name_verified"]
    list_filter = ["criteria_set", "name_verified"]
    search_fields = ["name", "name_en"]
    inlines = [IndicatorInline]


class TargetInline(PolicyAdminMixin, admin.TabularInline):
    model = Target
    fields = ["target_class", "from_year", "province", "value", "verified", "note"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(UnverifiedFilterMixin, PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "short_text", "criterion", "kind", "comparator", "unit", "verification", "confidence"]
    list_filter = ["criterion__criteria_set", "kind", "verified", "confidence", "needs_evidence"]
    search_fields = ["code", "text", "text_en"]
    readonly_fields = ["source_links"]
    inlines = [TargetInline]

    @admin.display(description=_("indicator"))
    def short_text(self, obj: Indicator) -> str:
        return obj.text[:90]

    @admin.display(description=_("sources"))
    def source_links(self, obj: Indicator) -> str:
        return obj.source_url or "—"


@admin.register(Target)
class TargetAdmin(UnverifiedFilterMixin, PolicyHistoryAdmin):
    list_display = ["indicator", "target_class", "from_year", "province", "value", "verification"]
    list_filter = ["indicator__criterion__criteria_set", "verified", "province", "target_class"]
    search_fields = ["indicator__code", "indicator__text"]
    list_select_related = ["indicator", "province"]
