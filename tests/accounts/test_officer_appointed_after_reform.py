"""A district officer appointed after 1/7/2025 has no district (there are none): office staff give them communes
in the admin, and they work on those communes only (issue 14: "after the reform, an officer's scope is a set of
communes, not a district")."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts import policy
from accounts.models import Role
from accounts.services import user_create
from communes.models import Commune
from tests.communes.reform import make_reformed, make_set_2026
from tests.conftest import client_for


@pytest.fixture
def reformed(commune, second_commune, other_commune):
    make_set_2026()
    return make_reformed(commune, second_commune, other_commune)


def _add_officer(client, *, communes: list[Commune], username: str = "can_bo_moi"):
    """Fill the admin's add-user form, then its role inline, as office staff do."""
    client.post(
        reverse("admin:auth_user_add"),
        {
            "username": username,
            "password1": "Mat-khau-2026!",
            "password2": "Mat-khau-2026!",
            "usable_password": "true",
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
        },  # fmt: skip
    )
    user = get_user_model().objects.get(username=username)
    data = {
        "username": username, "first_name": "", "last_name": "", "email": "", "is_active": "on",
        "date_joined_0": "30/11/2026", "date_joined_1": "08:00:00",
        "profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "0", "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1", "profile-0-role": Role.DISTRICT, "profile-0-district": "",
        "profile-0-user": str(user.pk),
    }  # fmt: skip
    if communes:
        data["profile-0-communes"] = [str(c.pk) for c in communes]
    return user, client.post(reverse("admin:auth_user_change", args=[user.pk]), data)


def test_office_staff_appoint_an_officer_with_communes_and_no_district(office, reformed):
    user, response = _add_officer(client_for(office), communes=[reformed.duc_tho])

    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.profile.role == Role.DISTRICT and user.profile.district is None
    assert list(user.profile.communes.all()) == [reformed.duc_tho]


def test_an_officer_with_neither_district_nor_communes_is_refused_naming_the_field(office, reformed):
    user, response = _add_officer(client_for(office), communes=[])

    assert response.status_code == 200
    page = response.content.decode()
    assert "cần có huyện (trước 1/7/2025) hoặc các xã được giao" in page
    assert not hasattr(get_user_model().objects.get(pk=user.pk), "profile")


def test_the_officer_edits_only_the_communes_given(reformed):
    officer = user_create(username="can_bo_moi", password="Mat-khau-2026!", role=Role.DISTRICT)
    officer.profile.communes.add(reformed.duc_tho)

    assert policy.can_edit_commune(officer, reformed.duc_tho)
    assert not policy.can_edit_commune(officer, reformed.ky_tay)
    assert list(policy.editable_communes(officer, Commune.objects.all())) == [reformed.duc_tho]
    assert not policy.can_edit_district(officer, None)  # no district: no province-wide district rights


def test_the_officer_lands_on_the_province_dashboard_with_the_own_workbook_link(reformed):
    officer = user_create(username="can_bo_moi", password="Mat-khau-2026!", role=Role.DISTRICT)
    officer.profile.communes.add(reformed.duc_tho, reformed.ky_tay)
    client = client_for(officer)

    landing = client.get(reverse("dashboard:landing"))
    assert landing.status_code == 302 and landing["Location"] == reverse("dashboard:home")
    page = client.get(reverse("dashboard:home"), {"year": 2026}).content.decode()
    assert 'id="download-own-template"' in page
    template = client.get(reverse("excel:own_template", args=[2026]))
    assert template.status_code == 200


def test_create_user_makes_an_officer_without_a_district(db):
    call_command(
        "create_user", "can_bo_moi", role="district", password="Mat-khau-2026!", stdout=io.StringIO()
    )  # fmt: skip

    assert get_user_model().objects.get(username="can_bo_moi").profile.district is None
