"""A district officer's workbook of their own communes (issue 14): after 1/7/2025 districts are gone, so the
officer's scope is the communes office staff assigned to them. The template holds exactly those communes; the
upload goes through the same preview and confirmation, and refuses a row of any other commune, naming the row."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.models import Commune
from excel.layout import COMMUNE_COLUMN
from ntm.lib.filenames import words
from tests.communes.reform import REFORM, make_reformed, make_set_2026
from tests.conftest import client_for

from .conftest import cell, codes, data_sheet, load, save, stored

YEAR = 2026


@pytest.fixture
def assigned(district_officer, other_district_officer, commune, second_commune, other_commune):
    """2026: Xã Đức Thọ and Xã Kỳ Tây Mới assigned to the Đức Thọ officer; Xã Hương Minh, new too, to the Kỳ Anh
    officer."""
    reformed = make_reformed(commune, second_commune, other_commune)
    make_set_2026()
    third = Commune.objects.create(code="18770", name="Xã Hương Minh", province=commune.province, valid_from=REFORM)
    district_officer.profile.communes.add(reformed.duc_tho, reformed.ky_tay)
    other_district_officer.profile.communes.add(third)
    return {"duc_tho": reformed.duc_tho, "ky_tay": reformed.ky_tay, "third": third}


def _template(client, year: int = YEAR):
    return client.get(reverse("excel:own_template", args=[year]))


def _upload(client, data: bytes):
    url = reverse("excel:own_upload", args=[YEAR])
    return client.post(url, {"file": SimpleUploadedFile("xa-cua-toi.xlsx", data)})


def _rows(workbook) -> list[str]:
    sheet, keys = data_sheet(workbook), codes(workbook)
    return [row[0] for row in sheet.iter_rows(min_row=keys["first_data_row"], values_only=True) if row[0]]


def test_the_template_holds_exactly_the_officers_assigned_communes(district_officer, assigned):
    response = _template(client_for(district_officer))

    assert response.status_code == 200
    filename = f"{words('mau nhap xa duoc giao', district_officer.username, YEAR)}.xlsx"
    assert filename in response["Content-Disposition"]
    workbook = load(response.content)
    assert sorted(_rows(workbook)) == sorted([assigned["duc_tho"].code, assigned["ky_tay"].code])
    assert codes(workbook)["district"] is None  # no district: every row is checked against the officer's scope


def test_the_officer_fills_uploads_previews_and_confirms(district_officer, assigned):
    client = client_for(district_officer)
    workbook = load(_template(client).content)
    cell(workbook, assigned["duc_tho"].code, "1.1").value = 60
    cell(workbook, assigned["ky_tay"].code, "1.1").value = "82,5"

    response = _upload(client, save(workbook))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    changes = [(c.commune_code, c.indicator_code, c.new) for c in preview.context["plan"].changes]
    assert sorted(changes) == [("18256", "1.1", Decimal("60.00")), ("18761", "1.1", Decimal("82.50"))]
    assert stored(YEAR) == {}
    confirm = client.post(response["Location"])

    assert confirm.status_code == 302
    assert confirm["Location"] == reverse("dashboard:district", args=[district_officer.profile.district_id]) + (
        f"?year={YEAR}"
    )
    assert stored(YEAR) == {("18256", "1.1"): Decimal("60"), ("18761", "1.1"): Decimal("82.5")}


def test_a_row_of_a_commune_not_assigned_is_refused_naming_its_row_and_nothing_changes(district_officer, assigned):
    client = client_for(district_officer)
    workbook = load(_template(client).content)
    cell(workbook, assigned["duc_tho"].code, "1.1").value = 60
    sheet = data_sheet(workbook)
    row = sheet.max_row + 1
    sheet.cell(row=row, column=COMMUNE_COLUMN, value=assigned["third"].code)
    cell(workbook, assigned["third"].code, "1.1").value = 90

    preview_url = _upload(client, save(workbook))["Location"]
    preview = client.get(preview_url)

    [error] = preview.context["plan"].errors
    assert (error.row, error.column) == (row, "A")
    assert "18770" in error.message and "Xã Hương Minh" in error.message
    assert f'data-row="{row}"' in preview.content.decode()
    assert b'id="confirm-form"' not in preview.content
    assert client.post(preview_url).status_code == 400
    assert stored(YEAR) == {}


def test_another_officer_gets_only_their_own_communes_and_not_the_others_preview(
    district_officer, other_district_officer, assigned
):
    workbook = load(_template(client_for(other_district_officer)).content)
    assert _rows(workbook) == [assigned["third"].code]
    client = client_for(district_officer)
    preview_url = _upload(client, save(load(_template(client).content)))["Location"]

    assert client_for(other_district_officer).get(preview_url).status_code == 404


def test_an_officer_with_no_commune_that_year_is_refused(other_district_officer, assigned):
    other_district_officer.profile.communes.clear()

    assert _template(client_for(other_district_officer)).status_code == 403
    assert client_for(other_district_officer).get(reverse("excel:own_upload", args=[YEAR])).status_code == 403


@pytest.mark.parametrize(("role", "status"), [("office", 403), ("leadership", 403)])
def test_only_district_officers_have_an_own_workbook(request, role, status, assigned):
    client = client_for(request.getfixturevalue(role))

    assert _template(client).status_code == status
    assert client.get(reverse("excel:own_upload", args=[YEAR])).status_code == status


def test_anonymous_is_sent_to_log_in(anonymous, assigned):
    assert "/login/" in _template(anonymous)["Location"]


def test_the_officers_page_of_the_year_links_the_workbook(district_officer, leadership, assigned):
    district_page = reverse("dashboard:district", args=[district_officer.profile.district_id])

    page = client_for(district_officer).get(district_page, {"year": YEAR}).content.decode()

    assert 'id="district-gone"' in page and 'id="own-workbook"' in page
    assert reverse("excel:own_template", args=[YEAR]) in page and reverse("excel:own_upload", args=[YEAR]) in page
    assert 'id="own-workbook"' not in client_for(leadership).get(district_page, {"year": YEAR}).content.decode()


def test_the_province_dashboard_of_the_year_links_it_too(district_officer, office, assigned):
    page = client_for(district_officer).get(reverse("dashboard:home"), {"year": YEAR}).content.decode()

    assert reverse("excel:own_template", args=[YEAR]) in page
    assert (
        reverse("excel:own_template", args=[YEAR])
        not in client_for(office).get(reverse("dashboard:home"), {"year": YEAR}).content.decode()
    )
