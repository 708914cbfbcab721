"""The login backend: Django's, reading the user's profile (role, district) with the user in one query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileBackend(ModelBackend):
    """`ModelBackend` whose `get_user` (run on every signed-in request) joins the profile every page asks for
    (accounts/policy.py: role_of), so a request reads its user and role in one query instead of two."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("profile")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
