"""After the reform, a district officer lands on their former district's page, which names the communes assigned to
them and links their own workbook: they download it, fill it in and import it, in a real browser."""

from decimal import Decimal

import pytest

from communes.models import Assessment
from communes.services import assessments_save
from criteria.models import Indicator
from ntm.lib.filenames import words
from tests.communes.reform import make_reformed, make_set_2026
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2026


def test_the_officer_downloads_the_workbook_of_their_communes_from_their_page(
    open_session, district_officer, commune, second_commune, other_commune, tmp_path
):
    from tests.excel.conftest import cell, load, save

    reformed = make_reformed(commune, second_commune, other_commune)
    indicator = Indicator.objects.get(criterion__criteria_set=make_set_2026())
    district_officer.profile.communes.add(reformed.duc_tho, reformed.ky_tay)
    assessments_save(commune=reformed.duc_tho, year=YEAR, values={indicator.pk: Decimal("40")}, user=None)

    page = open_session(district_officer, PASSWORD)  # lands on the former district's page, in 2026

    assert page.locator("#district-gone").is_visible()
    with page.expect_download() as download_info:
        page.click("#download-own-template")
    download = download_info.value
    assert download.suggested_filename == f"{words('mau nhap xa duoc giao', district_officer.username, YEAR)}.xlsx"
    workbook = load(download.path().read_bytes())
    cell(workbook, reformed.ky_tay.code, "1.1").value = 75
    filled = tmp_path / "xa-duoc-giao.xlsx"
    filled.write_bytes(save(workbook))

    page.click("#upload-own-workbook")
    page.set_input_files("#upload-form input[type=file]", str(filled))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#confirm-form")
    assert page.locator("#plan-changes tr[data-commune='18761']").count() == 1
    page.click("#confirm-form button[type=submit]")
    page.wait_for_selector("#own-workbook")

    assert Assessment.objects.get(commune=reformed.ky_tay, year=YEAR).value == 75
