"""Uploads waiting for confirmation: one per user (a new upload replaces it) and a total cap on the folder."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from excel.layout import grid_for
from excel.pending import folder
from excel.template import template_workbook
from tests.conftest import client_for

from .conftest import YEAR, cell, load, save


def upload(client, district, data: bytes):
    url = reverse("excel:district_upload", args=[district.pk, YEAR])
    return client.post(url, {"file": SimpleUploadedFile("mau.xlsx", data)})


def edited(district, value) -> bytes:
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    cell(workbook, "18256", "1.1").value = value
    return save(workbook)


def test_a_new_upload_replaces_the_users_waiting_one_even_from_another_session(district_officer, district, recorded):
    first = upload(client_for(district_officer), district, edited(district, 80))
    second_session = client_for(district_officer)
    second = upload(second_session, district, edited(district, 90))

    assert len(list(folder().glob("*.xlsx"))) == 1
    assert second_session.get(second["Location"]).status_code == 200
    assert first["Location"] != second["Location"]


def test_waiting_uploads_of_different_users_stay_side_by_side(district_officer, office, district, recorded):
    upload(client_for(district_officer), district, edited(district, 80))
    upload(client_for(office), district, edited(district, 90))
    assert len(list(folder().glob("*.xlsx"))) == 2


def test_the_folder_stays_under_its_cap_the_oldest_going_first(office, district_officer, district, recorded, settings):
    data = edited(district, 80)
    settings.NTM_PENDING_IMPORTS_MAX_BYTES = int(len(data) * 1.5)
    upload(client_for(district_officer), district, data)
    (older,) = folder().glob("*.xlsx")
    time.sleep(0.01)

    upload(client_for(office), district, edited(district, 90))

    (kept,) = folder().glob("*.xlsx")
    assert kept != older
