"""Who may download which workbook: the rules of the page each button sits on."""

import pytest
from django.urls import reverse

from excel.writer import XLSX_CONTENT_TYPE
from tests.conftest import client_for

from .conftest import YEAR, codes, load

READERS = ["office", "district_officer", "other_district_officer", "leadership"]


def urls(district) -> dict[str, str]:
    return {
        "district_matrix": reverse("excel:district_matrix", args=[district.pk, YEAR]),
        "province_matrix": reverse("excel:province_matrix", args=[YEAR]),
        "province_summary": reverse("excel:province_summary", args=[YEAR]),
        "district_template": reverse("excel:district_template", args=[district.pk, YEAR]),
    }


@pytest.mark.parametrize("user_fixture", READERS)
@pytest.mark.parametrize("name", ["district_matrix", "province_matrix", "province_summary"])
def test_every_role_downloads_the_matrices_and_the_summary(request, user_fixture, name, district, recorded):
    response = client_for(request.getfixturevalue(user_fixture)).get(urls(district)[name])

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;") and ".xlsx" in response["Content-Disposition"]
    load(response.content)  # a workbook


@pytest.mark.parametrize(("user_fixture", "status"), [("office", 200), ("district_officer", 200)])
def test_editors_of_the_district_download_its_template(request, user_fixture, status, district, recorded):
    response = client_for(request.getfixturevalue(user_fixture)).get(urls(district)["district_template"])

    assert response.status_code == status
    assert codes(load(response.content))["district"] == "440"


@pytest.mark.parametrize("user_fixture", ["other_district_officer", "leadership"])
def test_others_cannot_download_the_template(request, user_fixture, district, recorded):
    response = client_for(request.getfixturevalue(user_fixture)).get(urls(district)["district_template"])

    assert response.status_code == 403


def test_anonymous_is_sent_to_login_for_every_download(anonymous, district, recorded):
    for url in urls(district).values():
        response = anonymous.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_users_without_a_role_get_403(db, django_user_model, district, recorded):
    client = client_for(django_user_model.objects.create_user("khach", password="x"))
    for url in urls(district).values():
        assert client.get(url).status_code == 403


def test_a_year_without_criteria_set_or_an_unknown_district_is_404(office, district, recorded):
    client = client_for(office)

    assert client.get(reverse("excel:district_matrix", args=[district.pk, 2030])).status_code == 404
    assert client.get(reverse("excel:province_summary", args=[2030])).status_code == 404
    assert client.get(reverse("excel:district_matrix", args=[9999, YEAR])).status_code == 404
    assert client.get(reverse("excel:province_matrix", args=[1900])).status_code == 404


def test_downloads_are_get_only(office, district, recorded):
    assert client_for(office).post(urls(district)["province_matrix"]).status_code == 405


def page_buttons(user, district) -> set[str]:
    page = client_for(user).get(reverse("dashboard:district", args=[district.pk]), {"year": YEAR}).content.decode()
    ids = ("download-district-matrix", "download-template", "upload-workbook")
    return {button for button in ids if f'id="{button}"' in page}


def test_district_page_shows_template_and_upload_only_to_its_editors(
    office, district_officer, other_district_officer, leadership, district, recorded
):
    everything = {"download-district-matrix", "download-template", "upload-workbook"}
    assert page_buttons(office, district) == everything
    assert page_buttons(district_officer, district) == everything
    assert page_buttons(other_district_officer, district) == {"download-district-matrix"}
    assert page_buttons(leadership, district) == {"download-district-matrix"}


def test_dashboard_offers_the_province_matrix_and_the_summary_as_background_jobs(leadership, recorded):
    page = client_for(leadership).get(reverse("dashboard:home"), {"year": YEAR}).content.decode()

    # Each button posts its kind and the year to the jobs app (the job's page then offers the file).
    assert page.count(f'action="{reverse("jobs:create")}"') == 2
    assert 'name="kind" value="province_matrix"' in page and 'name="kind" value="province_summary"' in page
    assert f'name="year" value="{YEAR}"' in page
