"""Registering a commune in a real browser: the commune box suggests communes from the server as the officer types
(no select of every commune), and the chosen suggestion registers that commune."""

import pytest

from communes.models import Registration
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2014


def test_the_office_types_part_of_a_name_chooses_the_suggestion_and_registers_it(
    open_session, office, commune, second_commune, small_set
):
    page = open_session(office, PASSWORD)
    page.click("nav >> text=Đăng ký")
    page.fill("#registration-year", str(YEAR))
    with page.expect_navigation():
        page.click("form:has(#registration-year) button[type=submit]")

    box = page.locator("input[data-suggest]")
    box.press_sequentially("tung anh", delay=30)  # no accents: the server's search ignores them
    suggestion = page.locator("#commune-suggestions option").first
    suggestion.wait_for(state="attached")
    assert page.locator("#commune-suggestions option").count() == 1  # Xã Đức Lạng does not match
    label = suggestion.get_attribute("value")
    assert label == "Xã Tùng Ảnh (Huyện Đức Thọ) · 18256"
    box.fill(label)  # what choosing the suggestion puts in the box
    page.fill("input[name=year]:not(#registration-year)", str(YEAR))
    with page.expect_navigation():
        page.click("#register-submit")

    assert "Xã Tùng Ảnh" in page.locator("#registration-table").inner_text()
    assert Registration.objects.filter(commune=commune, year=YEAR).exists()
