"""Upload, preview (old and new values, every error), confirm in one transaction, or cancel."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.services import assessments_save
from excel.layout import grid_for
from excel.pending import folder
from excel.template import template_workbook
from tests.conftest import client_for

from .conftest import YEAR, cell, load, save, stored


@pytest.fixture
def edited(district, recorded) -> bytes:
    """The district's template with 1.1 of Tùng Ảnh changed from 60 to 80 and 3.1 filled in."""
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    cell(workbook, "18256", "1.1").value = 80
    cell(workbook, "18256", "3.1").value = "6,5"
    return save(workbook)


def upload_url(district) -> str:
    return reverse("excel:district_upload", args=[district.pk, YEAR])


def upload(client, district, data: bytes, name: str = "mau-nhap.xlsx"):
    return client.post(upload_url(district), {"file": SimpleUploadedFile(name, data)})


def test_upload_shows_a_preview_with_old_and_new_values(district_officer, district, edited, recorded):
    client = client_for(district_officer)

    response = upload(client, district, edited)

    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    changes = [(c.commune_code, c.indicator_code, c.old, c.new) for c in preview.context["plan"].changes]
    assert changes == [("18256", "1.1", Decimal("60.00"), Decimal("80.00")), ("18256", "3.1", None, Decimal("6.50"))]
    assert b'id="confirm-form"' in preview.content
    assert stored() == recorded  # nothing written yet


def test_confirm_applies_everything_and_removes_the_file(district_officer, district, edited, recorded):
    client = client_for(district_officer)
    preview_url = upload(client, district, edited)["Location"]
    client.get(preview_url)

    response = client.post(preview_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:district", args=[district.pk]) + f"?year={YEAR}"
    assert stored() == {**recorded, ("18256", "1.1"): Decimal("80"), ("18256", "3.1"): Decimal("6.5")}
    assert list(folder().glob("*.xlsx")) == []
    assert client.get(preview_url).status_code == 404


def test_a_file_with_errors_is_previewed_with_every_error_and_cannot_be_confirmed(office, district, recorded):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    cell(workbook, "18256", "1.1").value = 150
    cell(workbook, "18259", "2.1").value = "hai mươi"
    client = client_for(office)
    preview_url = upload(client, district, save(workbook))["Location"]

    preview = client.get(preview_url)
    confirm = client.post(preview_url)

    errors = preview.context["plan"].errors
    assert sorted((e.column, e.header) for e in errors) == [("D", "1.1"), ("F", "2.1")]
    assert all(e.sheet and e.row and e.message for e in errors)
    assert b'id="confirm-form"' not in preview.content
    assert confirm.status_code == 400
    assert stored() == recorded


def test_values_changed_after_the_preview_are_shown_again_not_overwritten(
    district_officer, district, edited, recorded, commune, ind
):
    client = client_for(district_officer)
    preview_url = upload(client, district, edited)["Location"]
    client.get(preview_url)
    assessments_save(commune=commune, year=YEAR, values={ind["3.1"].pk: Decimal("3")}, user=None)

    response = client.post(preview_url)

    assert response.status_code == 409
    assert stored()[("18256", "1.1")] == Decimal("60")
    # The new preview shows 3.1 as changed since the export (a conflict): kept unless ticked, written when ticked.
    assert 'id="plan-conflicts"' in client.get(preview_url).content.decode()
    assert client.post(preview_url, {"overwrite": f"{commune.pk}:{ind['3.1'].pk}"}).status_code == 302
    assert stored()[("18256", "3.1")] == Decimal("6.5")


def test_cancel_removes_the_file_and_writes_nothing(district_officer, district, edited, recorded):
    client = client_for(district_officer)
    token = upload(client, district, edited)["Location"].rstrip("/").rsplit("/", 1)[1]

    response = client.post(reverse("excel:import_cancel", args=[token]))

    assert response.status_code == 302
    assert list(folder().glob("*.xlsx")) == []
    assert stored() == recorded


def test_a_preview_belongs_to_the_session_that_uploaded_it(district_officer, office, district, edited, recorded):
    preview_url = upload(client_for(district_officer), district, edited)["Location"]

    assert client_for(office).get(preview_url).status_code == 404
    assert client_for(office).post(preview_url).status_code == 404
    for token in ("..%2F..%2Fsecret", "x" * 32, "short"):
        assert client_for(district_officer).get(f"/excel/imports/{token}/").status_code == 404
    assert stored() == recorded


@pytest.mark.parametrize(("user_fixture", "status"), [("other_district_officer", 403), ("leadership", 403)])
def test_only_editors_of_the_district_may_upload(request, user_fixture, status, district, edited, recorded):
    client = client_for(request.getfixturevalue(user_fixture))

    assert client.get(upload_url(district)).status_code == status
    assert upload(client, district, edited).status_code == status
    assert stored() == recorded


def test_anonymous_is_sent_to_login(anonymous, district, edited, recorded):
    response = upload(anonymous, district, edited)

    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert stored() == recorded


def test_editors_see_the_upload_form(office, district, recorded):
    response = client_for(office).get(upload_url(district))

    assert response.status_code == 200
    assert reverse("excel:district_template", args=[district.pk, YEAR]).encode() in response.content


@pytest.mark.parametrize(
    ("name", "data"),
    [("values.csv", b"18256,80\n"), ("values.xlsx", b"not a zip at all"), ("values.xlsx", b"")],
)
def test_refused_files_are_not_stored(office, district, recorded, name, data):
    response = upload(client_for(office), district, data, name=name)

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not folder().exists() or list(folder().glob("*")) == []


def test_files_over_the_limit_are_refused(office, district, edited, settings):
    settings.NTM_UPLOAD_MAX_BYTES = 1024

    response = upload(client_for(office), district, edited)

    assert response.status_code == 400
    assert not folder().exists()
