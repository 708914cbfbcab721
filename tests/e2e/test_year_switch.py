"""The year selectors of the dashboard and of a district's page, with and without JavaScript."""

from decimal import Decimal

import pytest

from communes.services import assessments_save
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALL_MET = {"1.1": Decimal("80"), "1.2": True, "2.1": Decimal("20"), "3.1": Decimal("3")}


@pytest.fixture
def two_years(commune, second_commune, ind):
    """2013: both communes meet all three criteria; 2014: only Tùng Ảnh does."""
    for c in (commune, second_commune):
        assessments_save(commune=c, year=2013, values={ind[k].pk: v for k, v in ALL_MET.items()}, user=None)
    assessments_save(commune=commune, year=2014, values={ind[k].pk: v for k, v in ALL_MET.items()}, user=None)
    assessments_save(commune=second_commune, year=2014, values={ind["1.1"].pk: Decimal("10")}, user=None)


def _choose(page, year: int, *, javascript: bool):
    if javascript:
        with page.expect_navigation():
            page.select_option("#year-select", str(year))
    else:
        page.select_option("#year-select", str(year))
        with page.expect_navigation():
            page.click("#year-submit")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_dashboard_year_selector_shows_that_years_figures(open_session, leadership, two_years, javascript):
    page = open_session(leadership, PASSWORD, javascript=javascript)
    assert page.locator("#bands-table [data-band='3']").inner_text() == "1"  # 2014, the newest year
    _choose(page, 2013, javascript=javascript)
    assert page.url.endswith("?year=2013")
    assert page.locator("h1").inner_text().endswith("2013")
    assert page.locator("#bands-table [data-band='3']").inner_text() == "2"
    assert page.locator("#year-select").input_value() == "2013"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_district_page_year_selector_shows_that_years_matrix(
    open_session, district_officer, commune, second_commune, two_years, javascript
):
    page = open_session(district_officer, PASSWORD, javascript=javascript)
    row = page.locator(f"#matrix tr[data-commune='{second_commune.code}']")
    assert row.locator(".not-met").count() == 3  # 2014
    _choose(page, 2013, javascript=javascript)
    assert "?year=2013" in page.url
    assert page.locator("h1").inner_text().endswith("2013")
    assert row.locator(".met").count() == 3


def test_the_english_page_keeps_years_whole(open_session, leadership, two_years):
    page = open_session(leadership, PASSWORD)
    page.click("#language-form button[value=en]")
    page.wait_for_load_state()
    values = page.locator("#year-select option").evaluate_all("options => options.map(o => o.value)")
    assert "2013" in values and all("," not in v and "." not in v for v in values)
    _choose(page, 2013, javascript=True)
    assert page.url.endswith("?year=2013")
