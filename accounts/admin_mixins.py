"""Admin permissions come from the policy: office staff edit, leadership only reads."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from . import policy


class PolicyAdminMixin:
    def has_module_permission(self, request) -> bool:
        return policy.can_use_admin(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return policy.can_use_admin(request.user)

    def has_add_permission(self, request, *args) -> bool:
        return policy.can_edit_reference(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return policy.can_edit_reference(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return policy.can_edit_reference(request.user)


class ReadOnlyAdminMixin:
    """Rows only the application writes (through its rules and checks): the admin lists and shows them."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PolicyInlineMixin(PolicyAdminMixin):
    pass


class PolicyHistoryAdmin(PolicyAdminMixin, SimpleHistoryAdmin):
    """The admin with django-simple-history's "History" page: everyone who reads the admin sees who changed what.

    simple_history's revert form saves on POST after checking only the *view* permission; here a revert
    also needs the change permission (leadership reads the history and never reverts).
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
