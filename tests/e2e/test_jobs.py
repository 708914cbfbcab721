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


def test_a_failed_job_says_why_and_its_button_starts_it_again(open_session, office, commune, small_set, monkeypatch):
    """The first run fails (the database went away mid-job, say); the page says why, and "Start it again" runs the
    same job to the end."""
    from jobs.registry import _KINDS, JobKind

    kind = _KINDS["province_matrix"]
    calls = []

    def flaky(params, progress):
        calls.append(params)
        if len(calls) == 1:
            raise RuntimeError("Mất kết nối cơ sở dữ liệu")
        return kind.build(params, progress)

    monkeypatch.setitem(_KINDS, "province_matrix", JobKind(kind.name, flaky, kind.title, kind.may_start))
    page = open_session(office, PASSWORD)
    with page.expect_navigation():
        page.select_option("#year-select", str(YEAR))

    page.click("#download-province-matrix")
    page.wait_for_selector("#job-failed")
    assert "Mất kết nối cơ sở dữ liệu" in page.locator("#job-failed").inner_text()
    page.click("#job-restart")
    page.wait_for_selector("#job-download")

    assert len(calls) == 2
    with page.expect_download() as download_info:
        page.click("#job-download")
    assert download_info.value.suggested_filename.endswith("2014.xlsx")
