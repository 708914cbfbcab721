from django.contrib import admin

from accounts.admin_mixins import PolicyAdminMixin

from .models import Training


@admin.register(Training)
class TrainingAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "level", "starts_on", "ends_on", "participants", "cost"]
    list_filter = ["kind", "level", "cost_source"]
    search_fields = ["title", "search_text"]
    filter_horizontal = ["districts", "communes"]
    readonly_fields = ["created_by", "updated_at"]
