from django.contrib import admin

from accounts.admin_mixins import PolicyAdminMixin

from .models import Province, Region


@admin.register(Region)
class RegionAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Province)
class ProvinceAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "region", "report_cutoff", "valid_from", "valid_until"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
