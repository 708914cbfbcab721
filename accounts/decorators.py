"""View guards built on the policy."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from . import policy


def viewer_required(view):
    """Logged-in users with a role; anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not policy.can_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
