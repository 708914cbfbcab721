"""The province's workbooks in a real browser: the dashboard button starts a background job, its page shows the
file when ready, and the download is a workbook."""

import io

import openpyxl
import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2014


def test_leadership_prepares_the_province_summary_from_the_dashboard(open_session, leadership, commune, small_set):
    page = open_session(leadership, PASSWORD)
    with page.expect_navigation():
        page.select_option("#year-select", str(YEAR))

    page.click("#download-summary")
    page.wait_for_selector("#job-download")
    assert "bao-cao-tinh-ha-tinh-2014.xlsx" in page.locator("#job-download").inner_text()
    with page.expect_download() as download_info:
        page.click("#job-download")
    workbook = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    assert len(workbook.sheetnames) >= 3
