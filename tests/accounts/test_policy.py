"""Every rule of the access policy, for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import policy
from communes.models import Commune


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "x")


def test_anonymous_and_roleless_users_see_nothing(db, django_user_model):
    roleless = django_user_model.objects.create_user("khach", password="x")
    for user in (AnonymousUser(), roleless):
        assert policy.role_of(user) is None
        assert not policy.can_view(user)
        assert not policy.can_use_admin(user)
        assert not policy.can_edit_reference(user)


def test_office_staff_read_and_edit_everything(office, commune, other_commune):
    assert policy.can_view(office)
    assert policy.can_edit_reference(office)
    assert policy.can_edit_commune(office, commune)
    assert policy.can_edit_commune(office, other_commune)
    assert policy.can_use_admin(office)


def test_superuser_counts_as_office_staff(superuser, commune):
    assert policy.role_of(superuser) == "office"
    assert policy.can_edit_commune(superuser, commune)


def test_district_officer_edits_own_district_only(district_officer, commune, other_commune):
    assert policy.can_view(district_officer)
    assert policy.can_edit_commune(district_officer, commune)
    assert not policy.can_edit_commune(district_officer, other_commune)


def test_district_officer_cannot_edit_reference_data_or_use_admin(district_officer):
    assert not policy.can_edit_reference(district_officer)
    assert not policy.can_use_admin(district_officer)


def test_district_officer_cannot_edit_communes_without_district(district_officer, province):
    merged = Commune.objects.create(code="18073", name="Phường Thành Sen", province=province, kind="phuong")
    assert not policy.can_edit_commune(district_officer, merged)


def test_leadership_reads_and_never_edits(leadership, commune):
    assert policy.can_view(leadership)
    assert policy.can_use_admin(leadership)
    assert not policy.can_edit_reference(leadership)
    assert not policy.can_edit_commune(leadership, commune)


def test_editable_communes_narrows_by_role(
    office, district_officer, leadership, commune, second_commune, other_commune
):
    everything = Commune.objects.all()
    assert set(policy.editable_communes(office, everything)) == {commune, second_commune, other_commune}
    assert set(policy.editable_communes(district_officer, everything)) == {commune, second_commune}
    assert not policy.editable_communes(leadership, everything).exists()


def test_inactive_user_loses_every_right(office):
    office.is_active = False
    assert not policy.can_view(office)
    assert not policy.can_edit_reference(office)
