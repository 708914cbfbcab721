"""Who may do what. Views, the admin and imports all ask these functions.

The rules:
- office staff (and superusers) read and change everything;
- a district officer reads the whole province and changes only the communes of their district;
- leadership reads everything and changes nothing;
- anyone else (anonymous, users without a role) reads nothing.
"""

from .models import Role


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.OFFICE
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


def district_id_of(user) -> int | None:
    if role_of(user) != Role.DISTRICT:
        return None
    return user.profile.district_id


def can_view(user) -> bool:
    """Read the province: dashboard, scorecards, reports."""
    return role_of(user) is not None


def can_edit_reference(user) -> bool:
    """Districts, communes, criteria sets, targets, users."""
    return role_of(user) == Role.OFFICE


def can_edit_district(user, district_id: int | None) -> bool:
    role = role_of(user)
    if role == Role.OFFICE:
        return True
    return role == Role.DISTRICT and district_id is not None and district_id == user.profile.district_id


def can_edit_commune(user, commune) -> bool:
    """Enter and submit a commune's assessments."""
    return can_edit_district(user, commune.district_id)


def editable_communes(user, communes):
    """Narrow a commune queryset to those the user may change."""
    role = role_of(user)
    if role == Role.OFFICE:
        return communes
    if role == Role.DISTRICT:
        return communes.filter(district_id=user.profile.district_id)
    return communes.none()


def can_use_admin(user) -> bool:
    return role_of(user) in (Role.OFFICE, Role.LEADERSHIP)
