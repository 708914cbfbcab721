from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import PolicyHistoryAdmin, ReadOnlyAdminMixin

from .models import Evidence


class FileMissingFilter(admin.SimpleListFilter):
    """Rows whose file is not on the server (a restore without the media archive): to restore or attach again."""

    title = _("file on the server")
    parameter_name = "file"

    def lookups(self, request, model_admin):
        return [("missing", _("missing"))]

    def queryset(self, request, queryset):
        if self.value() != "missing":
            return queryset
        storage = Evidence._meta.get_field("file").storage
        missing = [pk for pk, name in queryset.values_list("pk", "file") if not name or not storage.exists(name)]
        return queryset.filter(pk__in=missing)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, PolicyHistoryAdmin):
    """Read-only: files come in through the checked upload and go out through the checked download."""

    list_display = ["title", "commune_year", "indicator", "original_name", "content_type", "size", "uploaded_by"]
    list_filter = ["commune_year__year", "content_type", "commune_year__commune__district", FileMissingFilter]
    search_fields = ["title", "document_number", "original_name", "commune_year__commune__name"]
    list_select_related = ["commune_year__commune", "indicator", "uploaded_by"]
    fields = [
        "commune_year",
        "indicator",
        "title",
        "document_number",
        "document_date",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields
