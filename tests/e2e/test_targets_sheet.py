"""The bulk targets sheet in a real browser: from the dashboard's count of unverified targets to the sheet, download,
upload the filled file through the file input, read the preview, confirm."""

from decimal import Decimal

import pytest

from criteria.models import Target
from excel.targets import _class_column
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_fills_the_targets_sheet_from_the_dashboard_and_confirms(open_session, office, small_set, tmp_path):
    from tests.excel.conftest import load, save

    page = open_session(office, PASSWORD)
    with page.expect_navigation():
        page.select_option("#year-select", "2014")
    page.click("#unverified-targets #targets-sheet-link")
    page.wait_for_selector("#download-targets")
    with page.expect_download() as download_info:
        page.click("#download-targets")
    workbook = load(download_info.value.path().read_bytes())
    keys = {row[0]: row[1] for row in workbook["_codes"].iter_rows(min_row=2, values_only=True) if row[0]}
    sheet, classes = workbook[keys["sheet"]], keys["classes"].split("|")
    number = next(
        row[0].row for row in sheet.iter_rows(min_row=keys["first_data_row"], max_col=1) if row[0].value == "1.1"
    )
    column = _class_column(classes.index("BTB"))
    sheet.cell(number, column).value = 75
    sheet.cell(number, column + 1).value = "Có"
    sheet.cell(number, column + 2).value = "QĐ 342/QĐ-TTg"
    filled = tmp_path / "chi-tieu.xlsx"
    filled.write_bytes(save(workbook))

    page.set_input_files("#upload-form input[type=file]", str(filled))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#plan-targets")
    assert "75" in page.locator("#plan-targets tr[data-indicator='1.1'][data-class='BTB']").inner_text()
    page.click("#confirm-form button[type=submit]")
    page.wait_for_selector("#download-targets")

    target = Target.objects.get(indicator__criterion__criteria_set=small_set, indicator__code="1.1", target_class="BTB")
    assert (target.value, target.verified, target.source) == (Decimal("75"), True, "QĐ 342/QĐ-TTg")
