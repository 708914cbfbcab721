"""Every signed-in request reads its user together with the profile holding the role and district, so the pages'
permission checks cost no second query; an inactive user is signed out as with Django's backend."""

from accounts import policy
from accounts.backends import ProfileBackend
from accounts.models import Role


def test_the_role_and_district_come_with_the_user(district_officer, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = ProfileBackend().get_user(district_officer.pk)
        assert policy.role_of(user) == Role.DISTRICT
        assert policy.district_id_of(user) == district_officer.profile.district_id


def test_a_user_without_a_profile_has_no_role(db, django_user_model):
    bare = django_user_model.objects.create_user("khach", password="Mat-khau-2014!")
    assert policy.role_of(ProfileBackend().get_user(bare.pk)) is None


def test_an_inactive_or_deleted_user_is_nobody(office):
    office.is_active = False
    office.save()
    assert ProfileBackend().get_user(office.pk) is None
    assert ProfileBackend().get_user(office.pk + 1000) is None
