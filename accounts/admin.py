from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

from .admin_mixins import PolicyAdminMixin
from .forms import ProfileForm
from .models import Profile


class ProfileInline(PolicyAdminMixin, admin.StackedInline):
    model = Profile
    form = ProfileForm
    can_delete = False
    filter_horizontal = ["communes"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "communes":  # only units that exist today: the new communes after 1/7/2025
            from communes.models import Commune

            kwargs["queryset"] = Commune.objects.current().order_by("sort_name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(get_user_model())
admin.site.unregister(Group)  # roles live in Profile; Django groups are not used


@admin.register(get_user_model())
class NtmUserAdmin(PolicyAdminMixin, UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "role", "district", "is_active"]
    list_filter = ["profile__role", "profile__district", "is_active"]

    @admin.display(description=Profile._meta.get_field("role").verbose_name)
    def role(self, user) -> str:
        return user.profile.get_role_display() if hasattr(user, "profile") else "—"

    @admin.display(description=Profile._meta.get_field("district").verbose_name)
    def district(self, user):
        return user.profile.district if hasattr(user, "profile") else None
