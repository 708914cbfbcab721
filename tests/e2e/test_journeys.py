"""What people do, in a real browser: log in, enter, submit, verify, read, switch language, use Excel.

After logging in, every test moves as a person does: links, buttons and selectors, never a typed address.
"""

import pytest

from communes.models import Assessment, CommuneYear
from criteria.models import Indicator
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2014


def _field(small_set, code: str) -> str:
    return f"[name=ind_{Indicator.objects.get(criterion__criteria_set=small_set, code=code).pk}]"


def open_commune_year(page, commune, year: int = YEAR):
    """From the district page, open the commune's scorecard and choose the year in its selector."""
    page.click(f"#matrix tr[data-commune='{commune.code}'] a")
    page.wait_for_selector("#year-select")
    with page.expect_navigation():
        page.select_option("#year-select", str(year))


@pytest.mark.parametrize("role", ["office", "district_officer", "leadership"])
def test_every_role_logs_in_and_lands_on_its_page(request, role, open_session, commune, small_set):
    page = open_session(request.getfixturevalue(role), PASSWORD)
    assert page.locator("#headline").is_visible()
    assert page.locator("[data-figure=communes]").inner_text() == "1"
    if role == "district_officer":  # their own district, the province one click away
        assert commune.district.name in page.locator("h1").inner_text()
        page.click("#nav-province")
        page.wait_for_selector("#district-table")
    else:
        assert page.locator("#district-table").is_visible()


def test_district_enters_and_submits_office_verifies_leadership_sees_it(
    open_session, district_officer, office, leadership, commune, second_commune, small_set
):
    officer = open_session(district_officer, PASSWORD)
    open_commune_year(officer, commune)
    officer.click("#enter-data")
    officer.fill(_field(small_set, "1.1"), "75,5")
    officer.select_option(_field(small_set, "1.2"), "1")
    officer.fill(_field(small_set, "2.1"), "18")
    officer.fill(_field(small_set, "3.1"), "4")
    officer.click("#entry-save")
    officer.wait_for_selector("#next-steps")
    assert officer.locator("[data-met]").inner_text() == "3"
    assert officer.locator("#next-steps [data-step=ready]").is_visible()
    assert Assessment.objects.filter(commune=commune, year=YEAR).count() == 4

    officer.click("#next-submit")
    officer.click("form[data-action=submit] button")
    officer.wait_for_load_state()
    assert CommuneYear.objects.get(commune=commune, year=YEAR).state == CommuneYear.State.SUBMITTED

    staff = open_session(office, PASSWORD)
    staff.click("#nav-work-queue")
    staff.click(f"#work-items tr[data-commune='{commune.code}'] a")
    staff.click("form[data-action=verify] button")
    staff.wait_for_load_state()
    assert CommuneYear.objects.get(commune=commune, year=YEAR).state == CommuneYear.State.VERIFIED

    reader = open_session(leadership, PASSWORD)
    assert reader.locator("h1").inner_text().endswith(str(YEAR))  # the newest year with data
    assert reader.locator("[data-figure=all_criteria_met]").inner_text() == "1"
    assert reader.locator("#bands-table [data-band='3']").inner_text() == "1"
    reader.click("#nav-work-queue")
    reader.click(f"#work-items tr[data-commune='{commune.code}'] a")
    assert reader.locator("form[data-action]").count() == 0  # leadership sees states, never changes them


def test_language_switch_shows_english(open_session, leadership, commune, small_set):
    page = open_session(leadership, PASSWORD)
    assert "Tổng quan toàn tỉnh" in page.locator("h1").inner_text()
    page.click("#language-form button[value=en]")
    page.wait_for_load_state()
    assert "Provincial dashboard" in page.locator("h1").inner_text()


def test_district_officer_downloads_the_template_fills_it_and_uploads_it(
    open_session, district_officer, commune, small_set, tmp_path
):
    from tests.excel.conftest import cell, load, save

    page = open_session(district_officer, PASSWORD)  # lands on the district page
    with page.expect_navigation():
        page.select_option("#year-select", str(YEAR))
    with page.expect_download() as download_info:
        page.click("#download-template")
    workbook = load(download_info.value.path().read_bytes())
    cell(workbook, commune.code, "1.1").value = 82
    cell(workbook, commune.code, "2.1").value = 19
    filled = tmp_path / "mau-nhap-lieu.xlsx"
    filled.write_bytes(save(workbook))

    page.click("#upload-workbook")
    page.set_input_files("#upload-form input[type=file]", str(filled))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#confirm-form")
    page.click("#confirm-form button[type=submit]")
    page.wait_for_url(f"**/districts/{commune.district_id}/?year={YEAR}")
    values = {a.indicator.code: a.value for a in Assessment.objects.filter(commune=commune, year=YEAR)}
    assert values == {"1.1": 82, "2.1": 19}


def test_a_sent_upload_shows_its_progress_bar_and_cannot_be_sent_twice(
    open_session, district_officer, commune, small_set
):
    page = open_session(district_officer, PASSWORD)
    with page.expect_navigation():
        page.select_option("#year-select", str(YEAR))
    page.click("#upload-workbook")
    bar = page.locator("#upload-form [data-busy-indicator]")
    assert bar.is_hidden()
    # The page's own handler runs first; this later one only keeps the browser on the page to look at it.
    page.evaluate("window.addEventListener('submit', (event) => event.preventDefault(), {once: true})")
    page.set_input_files(
        "#upload-form input[type=file]", files=[{"name": "so-lieu.xlsx", "mimeType": "", "buffer": b"x"}]
    )

    page.click("#upload-form button[type=submit]")

    bar.wait_for(state="visible")
    assert "Đang gửi và kiểm tra tệp" in bar.inner_text()
    page.wait_for_function("document.querySelector('#upload-form button[type=submit]').disabled")
