"""Screenshots for the README, taken in Debian's Chromium against a running `make run`.

.venv/bin/python docs/take_screenshots.py [http://127.0.0.1:8000]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        page.goto(f"{BASE}/login/")
        page.fill("input[name=username]", "lanhdao")
        page.fill("input[name=password]", "ntm-demo-2014")
        page.click("button[type=submit]:not([name=language])")
        page.goto(f"{BASE}/?year=2014")
        page.wait_for_selector("#criteria-chart")
        page.screenshot(path=OUT / "dashboard.png", full_page=True)
        page.click("#district-table a >> nth=3")
        page.screenshot(path=OUT / "district.png", full_page=True)
        page.click("#matrix tbody a >> nth=0")
        page.screenshot(path=OUT / "scorecard.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
