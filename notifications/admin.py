from django.contrib import admin

from accounts.admin_mixins import PolicyAdminMixin, ReadOnlyAdminMixin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "text", "read_at", "emailed_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__username", "kind"]
    date_hierarchy = "created_at"
