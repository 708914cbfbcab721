"""Who may do what. Views, the admin and imports all ask these functions.

The rules:
- office staff (and superusers) read and change everything;
- a district officer reads the whole province and changes only the communes in their scope: the communes of
  their district while districts existed, and after 1/7/2025 (districts abolished) the communes office staff
  assigned to them (`in_scope`, `scope_filter`: the one place for that rule);
- leadership reads everything and changes nothing;
- anyone else (anonymous, users without a role) reads nothing.

A commune's dossier (evidence files, audit history) is narrower: office staff, leadership and the officers
of the commune's own district. Which workflow step each kind of user may take is `workflow/rules.py`'s
table, keyed by `workflow_actor`.
"""

from enum import StrEnum

from django.db.models import Q

from .models import Role


class Actor(StrEnum):
    """How a user stands towards one commune, for the recognition workflow."""

    OFFICE = "office"
    OWN_DISTRICT = "own_district"
    OTHER_DISTRICT = "other_district"
    LEADERSHIP = "leadership"


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


def can_view_nation(user) -> bool:
    """Read every province on the server side by side (the national dashboard): office staff and leadership;
    a district officer reads their own province."""
    return role_of(user) in (Role.OFFICE, Role.LEADERSHIP)


def can_edit_reference(user) -> bool:
    """Districts, communes, criteria sets, targets, users."""
    return role_of(user) == Role.OFFICE


def can_edit_district(user, district_id: int | None) -> bool:
    role = role_of(user)
    if role == Role.OFFICE:
        return True
    return role == Role.DISTRICT and district_id is not None and district_id == user.profile.district_id


def scope_filter(user) -> Q:
    """The communes a district officer answers for, as a filter on Commune: those of their district (units before
    1/7/2025) and those office staff assigned to them (units after it, which have no district)."""
    profile = user.profile
    scope = Q(pk__in=profile.communes.values("pk"))
    if profile.district_id is not None:
        scope |= Q(district_id=profile.district_id)
    return scope


def in_scope(user, commune) -> bool:
    """Whether `commune` is in a district officer's scope (see `scope_filter`)."""
    profile = user.profile
    if commune.district_id is not None and commune.district_id == profile.district_id:
        return True
    return profile.communes.filter(pk=commune.pk).exists()


def can_edit_commune(user, commune) -> bool:
    """Enter and submit a commune's assessments."""
    role = role_of(user)
    if role == Role.OFFICE:
        return True
    return role == Role.DISTRICT and in_scope(user, commune)


def editable_communes(user, communes):
    """Narrow a commune queryset to those the user may change."""
    role = role_of(user)
    if role == Role.OFFICE:
        return communes
    if role == Role.DISTRICT:
        return communes.filter(scope_filter(user))
    return communes.none()


def can_use_own_workbook(user) -> bool:
    """Download and upload the entry workbook of the communes in one's own scope (`scope_filter`): district
    officers, whose district workbook is gone with the districts after 1/7/2025. Office staff use the district
    workbooks; leadership changes nothing."""
    return role_of(user) == Role.DISTRICT


def can_use_admin(user) -> bool:
    return role_of(user) in (Role.OFFICE, Role.LEADERSHIP)


def workflow_actor(user, district_id: int | None) -> Actor | None:
    """How the user stands towards the communes of a district (None: a commune without district)."""
    role = role_of(user)
    if role == Role.OFFICE:
        return Actor.OFFICE
    if role == Role.LEADERSHIP:
        return Actor.LEADERSHIP
    if role == Role.DISTRICT:
        return Actor.OWN_DISTRICT if can_edit_district(user, district_id) else Actor.OTHER_DISTRICT
    return None


def commune_actor(user, commune) -> Actor | None:
    """How the user stands towards one commune: a district officer is OWN_DISTRICT for the communes in scope."""
    role = role_of(user)
    if role == Role.DISTRICT:
        return Actor.OWN_DISTRICT if in_scope(user, commune) else Actor.OTHER_DISTRICT
    return workflow_actor(user, commune.district_id)


def can_read_dossier(user, commune) -> bool:
    """Download a commune's evidence files and read its audit history."""
    return commune_actor(user, commune) in (Actor.OFFICE, Actor.OWN_DISTRICT, Actor.LEADERSHIP)


def can_register(user, commune) -> bool:
    """Record (or withdraw) a commune's registration for a year."""
    return can_edit_commune(user, commune)


def work_communes(user, communes):
    """The communes whose pending work the user follows: a district officer their district's, others all.

    (The work queue and the district's "what is next" list.)
    """
    role = role_of(user)
    if role == Role.DISTRICT:
        return communes.filter(scope_filter(user))
    if role in (Role.OFFICE, Role.LEADERSHIP):
        return communes
    return communes.none()


# The office's own work (operations app): plans, inspections, documents, reviews and Word templates are kept by
# office staff and read by every role; district officers answer the requests addressed to their district and keep
# their own district's calendar entries.


def can_manage_operations(user) -> bool:
    """Record plans, inspections and their findings and requests, documents, reviews, Word templates."""
    return role_of(user) == Role.OFFICE


def can_read_inspections(user) -> bool:
    """Open inspections, the communes they visited and their findings: every role that reads the province (the
    office keeps them, the districts answer their requests, leadership follows them)."""
    return can_view(user)


def can_see_calendar_entry(user, *, district_ids: set[int], person_ids: set[int]) -> bool:
    """Office staff and leadership see every entry; a district officer those concerning their district
    (the district, or one of its communes) and those naming them as lead or participant."""
    role = role_of(user)
    if role in (Role.OFFICE, Role.LEADERSHIP):
        return True
    if role == Role.DISTRICT:
        own = user.profile.district_id
        return (own is not None and own in district_ids) or user.pk in person_ids
    return False


def can_add_calendar_entry(user) -> bool:
    return role_of(user) in (Role.OFFICE, Role.DISTRICT)


def can_edit_calendar_entry(user, *, district_ids: set[int]) -> bool:
    """Office staff: every entry; a district officer: entries of their own district only (no other district)."""
    role = role_of(user)
    if role == Role.OFFICE:
        return True
    return role == Role.DISTRICT and user.profile.district_id is not None and district_ids == {user.profile.district_id}


def can_answer_request(user, district_id: int | None) -> bool:
    """Answer an inspection's request: office staff, or the officers of the district responsible for it."""
    return can_edit_district(user, district_id)


def can_edit_places(user, district_ids) -> bool:
    """Change a record that concerns these districts (production, capital, trainings): office staff any; a district
    officer only when every one is their own. `None` among them stands for the province as a whole (office only);
    no district at all is refused."""
    ids = list(district_ids)
    return bool(ids) and all(can_edit_district(user, district_id) for district_id in ids)


def editable_districts(user, districts):
    """Narrow a district queryset to those the user may change."""
    role = role_of(user)
    if role == Role.OFFICE:
        return districts
    if role == Role.DISTRICT:
        return districts.filter(pk=user.profile.district_id)
    return districts.none()


def can_enter_places(user) -> bool:
    """Enter records of some place at all: office staff and district officers (leadership only reads)."""
    return role_of(user) in (Role.OFFICE, Role.DISTRICT)
