"""An old file in a real browser: the officer downloads the template, someone corrects a value on the web, the
officer uploads the old file; the preview shows the conflict and the newer value is kept unless ticked."""

from decimal import Decimal

import pytest

from communes.models import Assessment
from communes.services import assessments_save
from criteria.models import Indicator
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2014


@pytest.mark.parametrize("tick", [False, True])
def test_an_old_file_shows_the_newer_value_as_a_conflict_and_keeps_it_unless_ticked(
    open_session, district_officer, office, commune, small_set, tmp_path, tick
):
    from tests.excel.conftest import cell, load, save

    income = Indicator.objects.get(criterion__criteria_set=small_set, code="2.1")
    page = open_session(district_officer, PASSWORD)
    with page.expect_navigation():
        page.select_option("#year-select", str(YEAR))
    with page.expect_download() as download_info:
        page.click("#download-template")
    workbook = load(download_info.value.path().read_bytes())
    # Meanwhile the office corrects the income on the web form.
    assessments_save(commune=commune, year=YEAR, values={income.pk: Decimal("21")}, user=office)
    cell(workbook, commune.code, "2.1").value = 18
    old = tmp_path / "mau-nhap-cu.xlsx"
    old.write_bytes(save(workbook))

    page.click("#upload-workbook")
    page.set_input_files("#upload-form input[type=file]", str(old))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#plan-conflicts")
    row = page.locator(f"#plan-conflicts tr[data-commune='{commune.code}'][data-indicator='2.1']")
    assert "18" in row.inner_text() and "21" in row.inner_text()
    if tick:
        row.locator("input[name=overwrite]").check()
    page.click("#confirm-form button[type=submit]")
    page.wait_for_url(f"**/districts/{commune.district_id}/?year={YEAR}")

    saved = Assessment.objects.get(commune=commune, year=YEAR, indicator=income).amount
    assert saved == (Decimal("18") if tick else Decimal("21"))
