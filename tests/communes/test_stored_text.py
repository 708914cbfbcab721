"""Text typed in the admin or a form is stored in Unicode NFC, and a commune's name is unique in its district."""

import unicodedata

from django.urls import reverse

from communes.models import Assessment, Commune, District
from tests.conftest import client_for

DECOMPOSED = unicodedata.normalize("NFD", "Xã Hòa Lạc")  # as some Mac keyboards and PDF copies produce it


def _admin_add_commune(user, district, name: str, code: str):
    return client_for(user).post(
        reverse("admin:communes_commune_add"),
        {
            "code": code,
            "name": name,
            "kind": "xa",
            "province": district.province_id,
            "district": district.pk,
            "in_programme": "on",
            "valid_from": "01/01/1900",
        },
    )


def test_a_commune_name_typed_decomposed_in_the_admin_is_stored_composed(office, district):
    response = _admin_add_commune(office, district, f"  {DECOMPOSED}\u00a0", "18999")

    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Commune.objects.get(code="18999").name
    assert stored == "Xã Hòa Lạc"
    assert unicodedata.is_normalized("NFC", stored)


def test_an_eth_typed_for_d_in_a_district_name_is_stored_as_d(province):
    district = District.objects.create(code="441", name="Huyện Ðức Thọ", province=province, kind="huyen")
    district.refresh_from_db()
    assert district.name == "Huyện Đức Thọ"


def test_notes_keep_their_lines_but_are_composed(commune, ind):
    note = unicodedata.normalize("NFD", "Đã kiểm tra\n  hồ sơ ")
    assessment = Assessment.objects.create(commune=commune, indicator=ind["1.2"], year=2014, yes_no=True, note=note)
    assessment.refresh_from_db()
    assert assessment.note == "Đã kiểm tra\nhồ sơ"


def test_a_second_commune_with_the_same_name_in_the_district_is_refused_naming_the_first(office, district, commune):
    response = _admin_add_commune(office, district, "xã  tùng ảnh", "18998")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["name"]
    assert "Xã Tùng Ảnh" in errors[0] and "18256" in errors[0]
    assert not Commune.objects.filter(code="18998").exists()


def test_the_same_name_in_another_district_is_allowed(office, other_district, commune):
    response = _admin_add_commune(office, other_district, "Xã Tùng Ảnh", "18997")
    assert response.status_code == 302
    assert Commune.objects.filter(code="18997", district=other_district).exists()
