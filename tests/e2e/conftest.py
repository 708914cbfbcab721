"""Real-browser tests: Playwright (Python) driving Debian's Chromium against the live server.

Never `playwright install`: the browser is /usr/bin/chromium (`apt-get install chromium`,
done by .ci/run). Without it the tests are skipped locally and fail in CI.
"""

import os
from pathlib import Path

import pytest

from tests.resources_fixtures import ocop_rules, source_sets, thresholds  # noqa: F401  (test_resources.py)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per module. Playwright's sync API runs an event loop in this thread while it
    lives, so the tests' own (synchronous) ORM calls need DJANGO_ALLOW_ASYNC_UNSAFE for that time
    only; it is removed again so nothing after these tests (e.g. `check --deploy`) inherits it."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs it with apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def open_session(browser, live_server):
    """A logged-in browser page for a user: open_session(user, password) -> page, on the page the user lands on
    (a district officer's district, the province for others). The only URL a test types is the site's address:
    from there, tests click links, buttons and selectors as a person does. `javascript=False` is a browser
    with scripts turned off."""
    contexts = []

    def login(user, password: str, *, javascript: bool = True):
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield login
    for context in contexts:
        context.close()
