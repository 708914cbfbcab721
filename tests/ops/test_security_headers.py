"""Every page carries the security headers, and no template needs inline script or style to work."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def _csp(response) -> dict[str, list[str]]:
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_code(leadership):
    response = client_for(leadership).get(reverse("dashboard:home"))
    policy = _csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_forbid_framing_sniffing_and_cross_site_referrers():
    response = Client().get("/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_https_responses_carry_hsts():
    response = Client().get("/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith(f"max-age={settings.SECURE_HSTS_SECONDS}")
    assert settings.SECURE_HSTS_SECONDS >= 31536000


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_http_only(office):
    from tests.conftest import PASSWORD

    client = Client()
    client.get("/login/")
    assert client.cookies["csrftoken"]["secure"]
    response = client.post("/login/", {"username": office.username, "password": PASSWORD})
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert session_cookie["max-age"] == ""  # a browser-session cookie: gone when the browser closes
    assert client.session.get_expiry_age() == 8 * 3600


def test_no_template_has_inline_scripts_event_handlers_or_style_attributes():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE):
            offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0).strip()}" for m in pattern.finditer(text)]
    assert offenders == []


@pytest.mark.django_db
def test_the_print_button_works_through_the_shared_script(leadership):
    page = client_for(leadership).get("/login/").content.decode()
    assert re.search(r'<script src="/static/js/ntm\.js" defer>', page)
    script = (Path(settings.BASE_DIR) / "static" / "js" / "ntm.js").read_text()
    assert "[data-print]" in script and "window.print()" in script
