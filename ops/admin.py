"""Login throttling in the admin: office staff see the locked-out attempts and unlock them by deleting them.

django-axes registers its own admin classes; they are registered again here with the policy's permissions:
office staff only (leadership and district officers do not see them). Nobody adds or edits a row, and the
login logs are an audit trail: they are read, never deleted.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin

from accounts import policy
from accounts.admin_mixins import ReadOnlyAdminMixin

for _model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class OfficeReadsMixin(ReadOnlyAdminMixin):
    def has_module_permission(self, request) -> bool:
        return policy.can_edit_reference(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return policy.can_edit_reference(request.user)


@admin.register(AccessAttempt)
class NtmAccessAttemptAdmin(OfficeReadsMixin, AccessAttemptAdmin):
    """Deleting an attempt unlocks its username and address at once."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return policy.can_edit_reference(request.user)


@admin.register(AccessLog)
class NtmAccessLogAdmin(OfficeReadsMixin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class NtmAccessFailureLogAdmin(OfficeReadsMixin, AccessFailureLogAdmin):
    pass
