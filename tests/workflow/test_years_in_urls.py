"""A year no criteria set covers is a 404 on every year URL; registrations only for covered years; a locked
year's registration stays."""

import pytest
from django.urls import reverse

from communes.models import CommuneYear, Registration
from tests.conftest import client_for

from .conftest import YEAR, move_to


def year_urls(commune, district, year: int) -> list[str]:
    return [
        f"/workflow/communes/{commune.pk}/{year}/actions/submit/",
        f"/workflow/communes/{commune.pk}/{year}/",
        f"/workflow/communes/{commune.pk}/{year}/history/",
        f"/workflow/communes/{commune.pk}/{year}/evidence/",
        f"/workflow/districts/{district.pk}/{year}/",
        f"/communes/{commune.pk}/{year}/edit/",
        f"/excel/province/{year}/matrix.xlsx",
        f"/excel/province/{year}/summary.xlsx",
        f"/excel/districts/{district.pk}/{year}/matrix.xlsx",
        f"/excel/districts/{district.pk}/{year}/template.xlsx",
        f"/excel/districts/{district.pk}/{year}/upload/",
    ]


def test_the_year_urls_are_where_this_test_looks(commune, district):
    assert reverse("workflow:transition", args=[commune.pk, YEAR, "submit"]) == year_urls(commune, district, YEAR)[0]
    assert reverse("communes:entry", args=[commune.pk, YEAR]) == year_urls(commune, district, YEAR)[5]
    assert reverse("excel:district_upload", args=[district.pk, YEAR]) == year_urls(commune, district, YEAR)[-1]


@pytest.mark.parametrize("year", [2200, 2016, 1999, 40000, 99999999999999999999])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_year_no_criteria_set_covers_is_not_found_everywhere(office, commune, district, ind, year, method):
    client = client_for(office)
    for url in year_urls(commune, district, year):
        assert getattr(client, method)(url).status_code == 404, url
    assert not CommuneYear.objects.exists()


def test_a_covered_year_still_opens(office, commune, district, ind):
    client = client_for(office)
    assert client.get(f"/workflow/communes/{commune.pk}/{YEAR}/").status_code == 200
    assert client.get(f"/communes/{commune.pk}/{YEAR}/edit/").status_code == 200


@pytest.mark.parametrize("year", [2200, 2016])
def test_a_commune_registers_only_for_a_year_a_criteria_set_covers(district_officer, commune, ind, year):
    response = client_for(district_officer).post(
        reverse("workflow:registrations"), {"commune": commune.pk, "year": year}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["year"]  # 2200: past the field's range; 2016: no set covers it
    assert not Registration.objects.exists()


def test_a_registration_of_a_locked_year_cannot_be_withdrawn(office, complete):
    move_to(complete, CommuneYear.State.SUBMITTED, office)
    registration = Registration.objects.get()
    url = reverse("workflow:registration_delete", args=[registration.pk])

    response = client_for(office).post(url, {"confirm": "1"}, follow=True)

    assert Registration.objects.filter(pk=registration.pk).exists()
    assert "locked" in response.content.decode() or "khóa" in response.content.decode()


def test_a_registration_of_an_open_year_can_be_withdrawn(office, complete):
    registration = Registration.objects.get()
    client_for(office).post(reverse("workflow:registration_delete", args=[registration.pk]), {"confirm": "1"})
    assert not Registration.objects.exists()
