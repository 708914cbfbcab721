"""Criteria admin: set -> groups, criteria, bands; criterion -> indicators; indicator -> targets.

Unverified values are flagged in every list so nobody mistakes them for official ones.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyAdminMixin, PolicyHistoryAdmin

from .impact import rules_change_measured
from .models import Band, CriteriaSet, Criterion, CriterionGroup, Indicator, Target


def verified_flag(verified: bool) -> str:
    if verified:
        return format_html('<span title="{}">✔</span>', _("verified"))
    return format_html(
        '<span class="unverified-flag" title="{}">⚠ {}</span>', _("check against the official text"), _("unverified")
    )


def provenance_flag(target: Target) -> str:
    """✔ verified, ⚑ disputed (sources disagree: the note gives both readings) or ⚠ unverified."""
    if target.disputed:
        return format_html(
            '<span class="disputed-flag" title="{}">⚑ {}</span>', _("sources disagree: see the note"), _("disputed")
        )
    return verified_flag(target.verified)


class RulesImpactAdminMixin:
    """Before a change of rules is saved (or deleted), the admin says what it will do to the stored results and
    asks for confirmation: "changes the result of N commune-years in 2014-2015; M of them are locked"."""

    impact_template = "admin/criteria/rules_impact_confirm.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = super().changeform_view
        if request.method != "POST" or request.POST.get("_impact_confirmed"):
            return view(request, object_id, form_url, extra_context)
        return self._confirm_or_run(request, lambda: view(request, object_id, form_url, extra_context))

    def delete_view(self, request, object_id, extra_context=None):
        view = super().delete_view
        if request.method != "POST" or request.POST.get("_impact_confirmed"):
            return view(request, object_id, extra_context)
        return self._confirm_or_run(request, lambda: view(request, object_id, extra_context))

    def _confirm_or_run(self, request, run):
        quiet = _QuietMessages(request)
        impact, response = rules_change_measured(quiet.around(run))
        if not impact.any or response is None or response.status_code != 302:
            return run()  # nothing to confirm (or the form has errors to show): the real run, as usual
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "impact": impact,
            "fields": [(k, v) for k in request.POST for v in request.POST.getlist(k) if k != "csrfmiddlewaretoken"],
            "title": _("Confirm the change of rules"),
        }
        return TemplateResponse(request, self.impact_template, context)


class _QuietMessages:
    """Runs a view without leaving its "saved" message behind (the dry run is rolled back)."""

    def __init__(self, request):
        self.request = request

    def around(self, run):
        def quiet():
            storage = getattr(self.request, "_messages", None)
            queued = list(getattr(storage, "_queued_messages", []))
            try:
                return run()
            finally:
                if storage is not None:
                    storage._queued_messages = queued

        return quiet


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
class CriteriaSetAdmin(RulesImpactAdminMixin, UnverifiedFilterMixin, PolicyAdminMixin, admin.ModelAdmin):
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


class SetNamedChoosersMixin:
    """Criterion and indicator choosers name the criteria set ('342/2013 · 1. Quy hoạch'): every set has a
    criterion 1 and an indicator 1.1, and a bare '1. Quy hoạch' could be any of them."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None:
            return field
        if db_field.name == "criterion":
            field.queryset = field.queryset.select_related("criteria_set").order_by(
                "-criteria_set__year_from", "number"
            )
            field.label_from_instance = lambda c: f"{c.criteria_set.code} · {c}"
        elif db_field.name == "indicator":
            field.queryset = field.queryset.select_related("criterion__criteria_set").order_by(
                "-criterion__criteria_set__year_from", "criterion__number", "code"
            )
            field.label_from_instance = lambda i: f"{i.criterion.criteria_set.code} · {i}"
        return field


@admin.register(Criterion)
class CriterionAdmin(RulesImpactAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "criteria_set", "group", "name_verified"]
    list_filter = ["criteria_set", "name_verified"]
    search_fields = ["name", "name_en"]
    inlines = [IndicatorInline]


class TargetInline(PolicyAdminMixin, admin.TabularInline):
    model = Target
    fields = ["target_class", "from_year", "province", "value", "verified", "disputed", "source", "note"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(
    SetNamedChoosersMixin, RulesImpactAdminMixin, UnverifiedFilterMixin, PolicyAdminMixin, admin.ModelAdmin
):
    list_display = ["code", "short_text", "criterion", "kind", "comparator", "unit", "verification", "confidence"]
    list_filter = ["criterion__criteria_set", "kind", "verified", "confidence", "needs_evidence", "targets__disputed"]
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
class TargetAdmin(SetNamedChoosersMixin, RulesImpactAdminMixin, PolicyHistoryAdmin):
    list_display = ["indicator", "target_class", "from_year", "province", "value", "verification", "short_source"]
    list_filter = ["indicator__criterion__criteria_set", "verified", "disputed", "province", "target_class"]
    search_fields = ["indicator__code", "indicator__text", "source"]
    list_select_related = ["indicator", "province"]

    @admin.display(description=_("source of the value"))
    def short_source(self, obj: Target) -> str:
        return obj.source[:60] or "—"

    @admin.display(description=_("verification"))
    def verification(self, obj: Target) -> str:
        return provenance_flag(obj)
