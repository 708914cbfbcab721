"""The national dashboard as a steering committee member reaches it: from the province dashboard's link to the
table of provinces, then into another province's dashboard and its year selector."""

from decimal import Decimal

import pytest

from communes.models import Commune, District
from communes.services import assessments_save
from provinces.models import Province
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALL_MET = {"1.1": Decimal("80"), "1.2": True, "2.1": Decimal("20"), "3.1": Decimal("3")}


@pytest.fixture
def quang_binh(region, commune, ind):
    """Hà Tĩnh's commune meets everything in 2013 and 2014; Quảng Bình's in 2014 only."""
    province = Province.objects.create(code="44", name="Tỉnh Quảng Bình", region=region, report_cutoff=5)
    district = District.objects.create(code="447", name="Huyện Lệ Thủy", province=province, kind="huyen")
    other = Commune.objects.create(code="44001", name="Xã Sen Thủy", province=province, district=district)
    values = {ind[k].pk: v for k, v in ALL_MET.items()}
    for year in (2013, 2014):
        assessments_save(commune=commune, year=year, values=values, user=None)
    assessments_save(commune=other, year=2014, values=values, user=None)
    return province


def test_leadership_opens_every_province_then_one_of_them(open_session, leadership, quang_binh):
    page = open_session(leadership, PASSWORD)
    with page.expect_navigation():
        page.click("#national-link")
    assert page.locator("h1").inner_text().endswith("2014")
    rows = page.locator("#province-table tbody tr")
    assert rows.count() == 2 and rows.nth(0).get_attribute("data-province") == "42"  # Hà before Quảng
    assert page.locator("#province-table tfoot [data-province='total'] td").first.inner_text() == "2"
    page.screenshot(path="/tmp/national.png", full_page=True)

    with page.expect_navigation():
        page.select_option("#year-select", "2013")  # the national page's own year selector
    assert page.locator("h1").inner_text().endswith("2013")
    assert page.locator("#province-table tr[data-province='44'] [data-figure='average']").inner_text() == "0,00"
    with page.expect_navigation():
        page.click("#province-dashboard-link")  # back to the installation's province, the year kept
    assert "year=2013" in page.url and "province=" not in page.url
    with page.expect_navigation():
        page.click("#national-link")
    with page.expect_navigation():
        page.select_option("#year-select", "2014")

    with page.expect_navigation():
        page.click("#province-table tr[data-province='44'] a")
    assert "Tỉnh Quảng Bình" in page.locator("main").inner_text()
    assert page.locator("#bands-table [data-band='3']").inner_text() == "1"

    with page.expect_navigation():
        page.select_option("#year-select", "2013")  # the selector keeps the province
    assert "year=2013" in page.url and f"province={quang_binh.pk}" in page.url
    assert "Tỉnh Quảng Bình" in page.locator("main").inner_text()
    assert page.locator("#bands-table [data-band='3']").inner_text() == "0"


def test_a_district_officer_has_no_way_to_it(open_session, district_officer, quang_binh):
    page = open_session(district_officer, PASSWORD)
    with page.expect_navigation():
        page.click("#nav-province")
    assert page.locator("#national-link").count() == 0
