"""Screenshots for the README, taken in Debian's Chromium against a running `make run`.

.venv/bin/python docs/take_screenshots.py [http://127.0.0.1:8000]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _login(browser, username: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page.goto(f"{BASE}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "ntm-demo-2014")
    page.click("button[type=submit]:not([name=language])")
    page.wait_for_load_state()
    return page


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        office = _login(browser, "vanphong")  # office staff: the work queue they open every morning
        office.click("#nav-work-queue")
        office.wait_for_selector("#work-items")
        office.screenshot(path=OUT / "work_queue.png", full_page=False)
        officer = _login(browser, "huyen_ductho")  # a district officer: the bell and the notifications
        officer.click("#notification-bell")
        officer.wait_for_load_state()
        officer.screenshot(path=OUT / "notifications.png", full_page=False)
        page = _login(browser, "lanhdao")
        page.goto(f"{BASE}/province/?year=2014")
        page.wait_for_selector("#criteria-chart")
        page.screenshot(path=OUT / "dashboard.png", full_page=True)
        page.click("#district-table a >> nth=3")
        page.screenshot(path=OUT / "district.png", full_page=True)
        page.click("#matrix tbody a >> nth=0")
        page.screenshot(path=OUT / "scorecard.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
