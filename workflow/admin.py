from django.contrib import admin

from accounts.admin_mixins import PolicyHistoryAdmin, ReadOnlyAdminMixin

from .models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, PolicyHistoryAdmin):
    """Read-only: files come in through the checked upload and go out through the checked download."""

    list_display = ["title", "commune_year", "indicator", "original_name", "content_type", "size", "uploaded_by"]
    list_filter = ["commune_year__year", "content_type", "commune_year__commune__district"]
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
