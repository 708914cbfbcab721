"""Who is concerned: the people a notification or a work list is for."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from .models import Role


def office_staff() -> QuerySet:
    """Active office staff (role "office") and superusers."""
    return get_user_model().objects.filter(Q(profile__role=Role.OFFICE) | Q(is_superuser=True), is_active=True)


def district_officers(district_id: int | None) -> QuerySet:
    """The active officers of a district (none for a commune without district)."""
    if district_id is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        profile__role=Role.DISTRICT, profile__district_id=district_id, is_active=True
    )


def commune_officers(commune) -> QuerySet:
    """The district officers who enter and submit this commune's data."""
    return district_officers(commune.district_id)
