"""The office's morning: the work queue; a returned year reaches the district officer's bell."""

import pytest

from communes.models import CommuneYear, Registration
from tests.conftest import PASSWORD
from tests.workflow.conftest import ALL_MET, YEAR, move_to, record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting(office, commune, second_commune, other_commune, small_set):
    record(commune, ALL_MET)
    record(other_commune, ALL_MET)
    move_to(commune, CommuneYear.State.SUBMITTED, office)
    move_to(other_commune, CommuneYear.State.SUBMITTED, office)
    Registration.objects.create(commune=second_commune, year=YEAR)


def test_the_office_filters_its_work_queue_and_opens_an_item(open_session, office, commune, other_commune, waiting):
    page = open_session(office, PASSWORD)
    page.click("#nav-work-queue")
    assert page.locator("#work-items tbody tr").count() == 3
    page.select_option("#id_district", str(other_commune.district_id))
    page.select_option("#id_waiting", "submitted")
    page.click("#work-filter-submit")
    page.wait_for_load_state()
    rows = page.locator("#work-items tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-commune") == other_commune.code
    page.click(f"#work-counts tr[data-district='{commune.district.code}'] td[data-waiting=submitted] a")
    page.wait_for_load_state()
    assert page.locator("#work-items tbody tr").first.get_attribute("data-commune") == commune.code
    page.click(f"#work-items tr[data-commune='{commune.code}'] a")
    page.wait_for_selector("form[data-action=verify]")


def test_a_returned_year_rings_the_district_officers_bell(open_session, office, district_officer, commune, waiting):
    staff = open_session(office, PASSWORD)
    staff.click("#nav-work-queue")
    staff.click(f"#work-items tr[data-commune='{commune.code}'][data-waiting=submitted] a")
    staff.fill("form[data-action=return] textarea", "Thiếu biên bản họp dân")
    staff.click("form[data-action=return] button")
    staff.wait_for_load_state()
    assert CommuneYear.objects.get(commune=commune, year=YEAR).state == CommuneYear.State.RETURNED

    officer = open_session(district_officer, PASSWORD)
    assert officer.locator("#notification-bell [data-unread]").inner_text() == "1"
    officer.click("#notification-bell")
    item = officer.locator("#notification-list li[data-read='0']")
    assert "Thiếu biên bản họp dân" in item.inner_text()
    item.locator("button.btn-link").click()
    officer.wait_for_selector("#commune-year-state")
    assert (
        "Trả lại" in officer.locator("#commune-year-state").inner_text()
        or "trả lại" in officer.locator("#commune-year-state").inner_text()
    )
    assert officer.locator("#notification-bell [data-unread]").count() == 0
