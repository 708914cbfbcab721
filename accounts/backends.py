"""The login backend: Django's, reading the user's profile (role, district) with the user in one query."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from ntm.lib.rows import instance, select_list, table

from .models import Profile


@functools.cache  # written once per process, on first use (ntm/lib/rows.py)
def _sql() -> str:
    user_model = get_user_model()
    return (
        f"SELECT {select_list(user_model, 'u')}, {select_list(Profile, 'p')} FROM {table(user_model)} u "
        f"LEFT JOIN {table(Profile)} p ON p.user_id = u.id WHERE u.id = %s"
    )


class ProfileBackend(ModelBackend):
    """`ModelBackend` whose `get_user` (run on every signed-in request) joins the profile every page asks for
    (accounts/policy.py: role_of), so a request reads its user and role in one query instead of two; the query's
    SQL is written once per process (ntm/lib/rows.py), as Django would otherwise compile it on every request."""

    def get_user(self, user_id):
        """The active user of `user_id` with `user.profile` loaded (a user without one raises
        Profile.DoesNotExist on access, as with select_related); None for an unknown or inactive user."""
        user_model = get_user_model()
        with connection.cursor() as cursor:
            cursor.execute(_sql(), [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        user, end = instance(user_model, row, 0)
        profile, _end = instance(Profile, row, end)
        user_model.profile.related.set_cached_value(user, profile)
        if profile is not None:
            Profile.user.field.set_cached_value(profile, user)
        return user if self.user_can_authenticate(user) else None
