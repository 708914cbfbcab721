"""Production and resources in a real browser, clicking the page's own controls after logging in:
a model entered moves the dashboard's share; a capital sheet is downloaded, filled and imported; an OCOP
product near its expiry raises a notification that the bell shows."""

import datetime
import io

import openpyxl
import pytest

from capital.models import CapitalLine
from notifications.reminders import reminders_send
from ocop.rules import add_months
from tests.conftest import PASSWORD
from tests.resources_fixtures import make_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2014


def _share(page, district) -> str:
    return page.locator(f"#production-share-table tr[data-district='{district.code}'] [data-share]").inner_text()


def test_a_model_entered_moves_the_share_on_the_dashboard(open_session, district_officer, commune, thresholds):
    make_model(commune, revenue=2500, name="Xưởng chế biến")  # large
    make_model(commune, revenue=700, name="Trang trại bò")  # medium: no small model yet
    page = open_session(district_officer, PASSWORD)  # lands on the district's page; the province is in the menu
    page.click("#nav-province")
    page.click("#resources-link")
    page.select_option("#year-select", str(YEAR))
    page.wait_for_url(f"**/resources/?year={YEAR}")
    assert _share(page, commune.district) == "0,0"

    page.click("#nav-production")
    page.click("#add-model")
    page.fill("#model-form input[name=name]", "Vườn rau an toàn")
    page.select_option("#model-form select[name=commune]", str(commune.pk))
    page.select_option("#model-form select[name=owner_kind]", "household")
    page.select_option("#model-form select[name=sector]", "vegetables_fruit")
    page.fill("#model-form input[name=start_year]", "2013")
    page.fill("#model-form input[name='years-0-year']", str(YEAR))
    page.fill("#model-form input[name='years-0-revenue']", "185,5")
    page.click("#model-form button[type=submit]")
    page.wait_for_selector("#figures-table [data-year='2014']")

    page.click("#nav-province")
    page.click("#resources-link")
    page.select_option("#year-select", str(YEAR))
    page.wait_for_url(f"**/resources/?year={YEAR}")
    assert _share(page, commune.district) == "100,0"


def test_a_capital_sheet_is_downloaded_filled_and_imported(
    open_session, district_officer, district, source_sets, tmp_path
):
    page = open_session(district_officer, PASSWORD)
    page.click("#nav-capital")
    page.click("#import-capital")
    page.fill("#template-form input[name=year]", str(YEAR))
    page.select_option("#template-form select[name=level]", "district")
    page.select_option("#template-form select[name=district]", str(district.pk))
    with page.expect_download() as download:
        page.click("#template-form button[type=submit]")
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = workbook.worksheets[0]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_col=1, max_col=1) if row[0].value}
    sheet[f"C{rows['IV']}"] = 52000
    sheet[f"D{rows['IV']}"] = "21.500,5"
    sheet[f"C{rows['VI.2']}"] = 3100
    filled = tmp_path / "bieu-07.xlsx"
    workbook.save(filled)

    page.fill("#upload-form input[name=year]", str(YEAR))
    page.set_input_files("#upload-form input[type=file]", str(filled))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#confirm-form")
    assert page.locator("#plan-changes tbody tr").count() == 3
    assert not CapitalLine.objects.exists()
    page.click("#confirm-form button[type=submit]")
    page.wait_for_selector("#capital-years")
    lines = {(line.source.code, line.kind, line.period): line.amount for line in CapitalLine.objects.all()}
    assert lines == {("IV", "plan", "year"): 52000, ("IV", "mobilised", "h1"): 21500.5, ("VI.2", "plan", "year"): 3100}


def test_an_ocop_product_near_expiry_raises_its_notification(open_session, office, commune, ocop_rules):
    recognised = add_months(datetime.date.today(), -36) + datetime.timedelta(days=30)
    page = open_session(office, PASSWORD)
    page.click("#nav-production")
    page.click("#resources-tabs >> text=Sản phẩm OCOP")
    page.click("#add-product")
    page.fill("#product-form input[name=name]", "Mật ong rừng Tùng Ảnh")
    page.select_option("#product-form select[name=commune]", str(commune.pk))
    page.select_option("#product-form select[name=group]", "food")
    page.click("#product-form button[type=submit]")
    page.click("#add-rating")
    page.fill("#rating-form input[name=score_a]", "32")
    page.fill("#rating-form input[name=score_b]", "20,5")
    page.fill("#rating-form input[name=score_c]", "25")
    page.select_option("#rating-form select[name=level]", "province")
    page.fill("#rating-form input[name=decision_number]", "2394/QĐ-UBND")
    page.fill("#rating-form input[name=decision_date]", recognised.strftime("%d/%m/%Y"))
    page.fill("#rating-form input[name=recognised_on]", recognised.strftime("%d/%m/%Y"))
    page.click("#rating-form button[type=submit]")
    page.wait_for_selector("#certificate-status .text-bg-warning")  # expiring soon
    assert page.locator("#notification-bell [data-unread]").count() == 0

    reminders_send(today=datetime.date.today())  # the scheduled `send_reminders`
    page.click("#nav-production")
    assert page.locator("#notification-bell [data-unread]").inner_text() == "1"
    page.click("#notification-bell")
    assert "Mật ong rừng Tùng Ảnh" in page.locator("#notification-list").inner_text()
