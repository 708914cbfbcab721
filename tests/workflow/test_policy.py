"""The policy's view of the workflow: how each user stands towards a commune, who reads its dossier."""

from django.contrib.auth.models import AnonymousUser

from accounts import policy
from accounts.policy import Actor
from communes.models import Commune


def test_each_role_is_an_actor_towards_a_commune(office, district_officer, leadership, commune, other_commune):
    assert policy.workflow_actor(office, commune.district_id) == Actor.OFFICE
    assert policy.workflow_actor(district_officer, commune.district_id) == Actor.OWN_DISTRICT
    assert policy.workflow_actor(district_officer, other_commune.district_id) == Actor.OTHER_DISTRICT
    assert policy.workflow_actor(leadership, commune.district_id) == Actor.LEADERSHIP
    assert policy.workflow_actor(AnonymousUser(), commune.district_id) is None


def test_a_commune_without_district_belongs_to_no_district_officer(district_officer, province):
    merged = Commune.objects.create(code="18073", name="Phường Thành Sen", province=province, kind="phuong")
    assert policy.workflow_actor(district_officer, merged.district_id) == Actor.OTHER_DISTRICT
    assert not policy.can_read_dossier(district_officer, merged)


def test_the_dossier_is_read_by_office_leadership_and_the_communes_district(
    office, district_officer, other_district_officer, leadership, commune, db, django_user_model
):
    roleless = django_user_model.objects.create_user("khach", password="x")
    readers = {u: policy.can_read_dossier(u, commune) for u in (office, district_officer, leadership)}
    assert all(readers.values())
    for user in (other_district_officer, roleless, AnonymousUser()):
        assert not policy.can_read_dossier(user, commune)


def test_registrations_follow_the_editing_rule(office, district_officer, leadership, commune, other_commune):
    assert policy.can_register(office, other_commune)
    assert policy.can_register(district_officer, commune)
    assert not policy.can_register(district_officer, other_commune)
    assert not policy.can_register(leadership, commune)
