"""Creating users with a role (the create_user and seed_demo commands call this)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Profile, Role


@transaction.atomic
def user_create(*, username: str, password: str, role: str, district=None, full_name: str = ""):
    """Create or update a user and its role. Office staff and leadership may open the admin."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(username=username)
    first, _, last = full_name.rpartition(" ")
    user.first_name, user.last_name = first, last
    user.is_staff = role in (Role.OFFICE, Role.LEADERSHIP)
    user.set_password(password)
    user.save()
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    profile.role = role
    profile.district = district if role == Role.DISTRICT else None
    profile.full_clean(validate_unique=False)
    profile.save()
    return user
