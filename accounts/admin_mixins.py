"""Admin permissions come from the policy: office staff edit, leadership only reads."""

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


class PolicyInlineMixin(PolicyAdminMixin):
    pass
