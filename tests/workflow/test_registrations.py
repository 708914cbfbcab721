"""Registrations: office staff register any commune, district officers their own; the dashboard reads them."""

import pytest
from django.urls import reverse

from communes.models import Registration
from tests.conftest import client_for

from .conftest import YEAR


@pytest.fixture(autouse=True)
def _a_set_in_force(small_set):
    """The year URLs exist only for years a criteria set covers (2013-2015 here)."""


URL = reverse("workflow:registrations")


def register(client, commune, year: int = YEAR):
    return client.post(f"{URL}?year={year}", {"commune": commune.code, "year": year})  # typed as its GSO code


def test_office_registers_any_commune(office, commune, other_commune):
    client = client_for(office)
    assert register(client, commune).status_code == 302
    assert register(client, other_commune).status_code == 302
    rows = Registration.objects.order_by("commune__code")
    assert [(r.commune, r.year, r.registered_by) for r in rows] == [
        (commune, YEAR, office),
        (other_commune, YEAR, office),
    ]


def test_a_district_officer_registers_the_communes_of_the_district_only(district_officer, commune, other_commune):
    client = client_for(district_officer)
    assert register(client, commune).status_code == 302
    assert register(client, other_commune).status_code == 400
    assert list(Registration.objects.values_list("commune__code", flat=True)) == [commune.code]


def test_leadership_registers_nothing(leadership, commune):
    assert register(client_for(leadership), commune).status_code == 403
    assert not Registration.objects.exists()


def test_a_commune_registers_once_a_year_but_may_register_again_the_next(office, commune):
    client = client_for(office)
    register(client, commune)
    assert register(client, commune).status_code == 400
    assert register(client, commune, YEAR + 1).status_code == 302
    assert sorted(Registration.objects.values_list("year", flat=True)) == [YEAR, YEAR + 1]


@pytest.mark.parametrize("user_name", ["office", "district_officer", "other_district_officer", "leadership"])
def test_every_role_reads_the_list(request, commune, office, user_name):
    Registration.objects.create(commune=commune, year=YEAR, registered_by=office)
    response = client_for(request.getfixturevalue(user_name)).get(URL, {"year": YEAR})
    assert response.status_code == 200
    assert [r.commune for r in response.context["registrations"]] == [commune]


def test_withdrawing_is_for_those_who_may_register_the_commune(district_officer, other_district_officer, commune):
    registration = Registration.objects.create(commune=commune, year=YEAR)
    url = reverse("workflow:registration_delete", args=[registration.pk])
    assert client_for(other_district_officer).post(url, {"confirm": "1"}).status_code == 403
    assert Registration.objects.exists()
    asked = client_for(district_officer).post(url)  # first the question, nothing withdrawn
    assert asked.status_code == 200 and 'id="confirm-withdraw"' in asked.content.decode()
    assert Registration.objects.exists()
    assert client_for(district_officer).post(url, {"confirm": "1"}).status_code == 302
    assert not Registration.objects.exists()


def test_the_dashboard_lists_the_registrations_of_the_year(office, commune, second_commune, small_set):
    Registration.objects.create(commune=commune, year=YEAR)
    Registration.objects.create(commune=second_commune, year=YEAR + 1)
    data = client_for(office).get(reverse("dashboard:api"), {"year": YEAR}).json()
    assert [row["code"] for row in data["registered_this_year"]] == [commune.code]


def test_the_directory_filters_on_any_registered_year(office, commune, second_commune):
    Registration.objects.create(commune=commune, year=2014)
    Registration.objects.create(commune=commune, year=2015)
    Registration.objects.create(commune=second_commune, year=2015)
    response = client_for(office).get(reverse("communes:list"), {"registered_year": 2014})
    assert [row.commune for row in response.context["rows"]] == [commune]
    assert response.context["rows"][0].commune.registered_for == 2015  # the latest registration is shown


# Choosing the commune: a text box with suggestions, not a select of every commune


def test_the_commune_is_chosen_by_a_suggestion_a_name_or_its_code(office, commune, second_commune, other_commune):
    client = client_for(office)
    suggestions = client.get(reverse("communes:suggest"), {"q": "tung anh", "editable": "1"}).json()["results"]
    assert suggestions == [{"label": "Xã Tùng Ảnh (Huyện Đức Thọ) · 18256", "code": "18256"}]

    assert client.post(URL, {"commune": suggestions[0]["label"], "year": YEAR}).status_code == 302
    assert client.post(URL, {"commune": "xã đức lạng", "year": YEAR}).status_code == 302  # one name, one commune
    assert set(Registration.objects.values_list("commune__code", flat=True)) == {"18256", "18259"}


def test_a_name_matching_several_communes_asks_for_the_code(office, commune, second_commune):
    response = client_for(office).post(URL, {"commune": "Đức", "year": YEAR})  # Đức Lạng, and Tùng Ảnh of Đức Thọ
    assert response.status_code == 400
    assert "18256" not in str(response.context["form"].errors) and "GSO" in str(response.context["form"].errors)
    assert not Registration.objects.exists()


def test_suggestions_for_registering_are_only_the_officers_own_communes(district_officer, commune, other_commune):
    found = client_for(district_officer).get(reverse("communes:suggest"), {"q": "a", "editable": "1"}).json()
    assert [item["code"] for item in found["results"]] == [commune.code]


def test_the_list_is_paginated_and_counted(office, district):
    from communes.models import Commune

    for index in range(55):
        place = Commune.objects.create(
            code=f"{19000 + index}", name=f"Xã Thử {index:02d}", province=district.province, district=district
        )
        Registration.objects.create(commune=place, year=YEAR, registered_by=office)
    client = client_for(office)
    first = client.get(URL, {"year": YEAR})
    second = client.get(URL, {"year": YEAR, "page": 2})
    assert len(first.context["registrations"]) == 50 and len(second.context["registrations"]) == 5
    assert "55 xã đăng ký" in first.content.decode()
