"""Every URL pattern x every role x GET and POST, against an answer written down once.

The patterns come from the URL configuration, so a new URL without an entry in
EXPECTED fails `test_every_url_pattern_has_an_entry`. Subjects: a commune of the
district officer's own district (`own`), in 2014, with one evidence file and one
registration. POSTs are empty forms: the point is who is let in, not what is saved.

Codes: 200 page, 302 redirect (after a POST: done or sent back with a message),
400/409 refused as invalid, 403 forbidden, 404 not found/not yours, 405 wrong method,
"login" a redirect to the login page, "admin-login" a redirect to the admin login.
"""

import importlib
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from criteria.models import Indicator
from tests.authz_rows import ROLES, row
from tests.conftest import client_for
from workflow.services import evidence_add, registration_create

YEAR = 2014
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n"


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)


def project_url_names() -> set[str]:
    """Every named URL outside the Django admin (the admin is covered below)."""
    return {name for name, route in _walk(get_resolver().url_patterns) if not route.startswith("admin/")}


def _app_matrices() -> list:
    """Every `tests/<app>/authz.py`: an app's own EXPECTED entries and `subjects(world)` (its URL kwargs).

    Apps added later keep their rows beside their tests instead of growing this file.
    """
    modules = []
    for path in sorted(Path(__file__).parent.glob("*/authz.py")):
        modules.append(importlib.import_module(f"tests.{path.parent.name}.authz"))
    return modules


APP_MATRICES = _app_matrices()

# url name: {"GET": row(anonymous, leadership, own district officer, other district officer, office), "POST": ...}
EXPECTED: dict[str, dict[str, dict[str, object]]] = {
    "communes:entry": {
        "GET": row("login", 403, 200, 403, 200),
        "POST": row("login", 403, 302, 403, 302),
    },
    "communes:list": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "communes:suggest": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "communes:scorecard": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "dashboard:api": {
        "GET": row(401, 200, 200, 200, 200),
        "POST": row(405, 405, 405, 405, 405),
    },
    "dashboard:district": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "dashboard:home": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "dashboard:national_api": {
        "GET": row(401, 200, 403, 403, 200),
        "POST": row(405, 405, 405, 405, 405),
    },
    "dashboard:national": {  # every province side by side: office staff and leadership
        "GET": row("login", 200, 403, 403, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "excel:district_matrix": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "excel:district_template": {
        "GET": row("login", 403, 200, 403, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "excel:district_upload": {
        "GET": row("login", 403, 200, 403, 200),
        "POST": row("login", 403, 200, 403, 200),
    },
    "excel:own_template": {  # the officer's own communes (their district's in 2014; the other has none here)
        "GET": row("login", 403, 200, 403, 403),
        "POST": row("login", 405, 405, 405, 405),
    },
    "excel:own_upload": {
        "GET": row("login", 403, 200, 403, 403),
        "POST": row("login", 403, 200, 403, 403),
    },
    "excel:import_cancel": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 404, 404, 404, 404),
    },
    "excel:import_preview": {
        "GET": row("login", 404, 404, 404, 404),
        "POST": row("login", 404, 404, 404, 404),
    },
    "excel:province_matrix": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "excel:province_summary": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "dashboard:landing": {  # where each role lands after logging in
        "GET": row("login", 302, 302, 302, 302),
        "POST": row("login", 405, 405, 405, 405),
    },
    "login": {
        "GET": row(200, 200, 200, 200, 200),
        "POST": row(200, 200, 200, 200, 200),
    },
    "logout": {
        "GET": row(405, 405, 405, 405, 405),
        "POST": row("login", "login", "login", "login", "login"),
    },
    "ops:healthz": {
        "GET": row(200, 200, 200, 200, 200),
        "POST": row(405, 405, 405, 405, 405),
    },
    "set_language": {
        "GET": row(302, 302, 302, 302, 302),
        "POST": row(302, 302, 302, 302, 302),
    },
    "workflow:commune_year": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "workflow:district_year": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 403, 200, 403, 200),
    },
    "workflow:evidence_delete": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 403, 302, 403, 302),
    },
    "workflow:evidence_download": {
        "GET": row("login", 200, 200, 403, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "workflow:evidence_upload": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 403, 400, 403, 400),
    },
    "workflow:history": {
        "GET": row("login", 200, 200, 403, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
    "workflow:registration_delete": {  # an empty POST gets the confirmation question
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 403, 200, 403, 200),
    },
    "workflow:registrations": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 403, 200, 403, 200),
    },
    "workflow:transition": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 403, 400, 403, 400),
    },
}
for _module in APP_MATRICES:
    assert not set(_module.EXPECTED) & set(EXPECTED), f"{_module.__name__} repeats an entry"
    EXPECTED.update(_module.EXPECTED)


@pytest.fixture
def world(db, office, district_officer, other_district_officer, leadership, commune, small_set, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    indicator = Indicator.objects.get(criterion__criteria_set=small_set, code="1.1")
    evidence = evidence_add(
        commune=commune,
        year=YEAR,
        indicator=indicator,
        upload=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        title="Biên bản",
        user=office,
    )
    registration = registration_create(commune=commune, year=YEAR, user=office)
    district = commune.district
    users = {
        "anonymous": None,
        "leadership": leadership,
        "district_officer": district_officer,
        "other_district_officer": other_district_officer,
        "office": office,
    }
    kwargs = {
        "dashboard:district": {"pk": district.pk},
        "communes:scorecard": {"pk": commune.pk},
        "communes:entry": {"pk": commune.pk, "year": YEAR},
        "excel:province_matrix": {"year": YEAR},
        "excel:province_summary": {"year": YEAR},
        "excel:district_matrix": {"pk": district.pk, "year": YEAR},
        "excel:district_template": {"pk": district.pk, "year": YEAR},
        "excel:district_upload": {"pk": district.pk, "year": YEAR},
        "excel:own_template": {"year": YEAR},
        "excel:own_upload": {"year": YEAR},
        "excel:import_preview": {"token": "0" * 32},
        "excel:import_cancel": {"token": "0" * 32},
        "workflow:commune_year": {"pk": commune.pk, "year": YEAR},
        "workflow:history": {"pk": commune.pk, "year": YEAR},
        "workflow:transition": {"pk": commune.pk, "year": YEAR, "action": "submit"},
        "workflow:evidence_upload": {"pk": commune.pk, "year": YEAR},
        "workflow:evidence_download": {"pk": evidence.pk},
        "workflow:evidence_delete": {"pk": evidence.pk},
        "workflow:district_year": {"pk": district.pk, "year": YEAR},
        "workflow:registration_delete": {"pk": registration.pk},
    }
    world = {
        "users": users,
        "kwargs": kwargs,
        "commune": commune,
        "district": district,
        "small_set": small_set,
        "year": YEAR,
        "value": Decimal("1"),
    }
    for module in APP_MATRICES:
        subjects = getattr(module, "subjects", None)
        if subjects is not None:
            kwargs.update(subjects(world))
    return world


def answer(world, name: str, role: str, method: str):
    client = client_for(world["users"][role]) if world["users"][role] else Client()
    url = reverse(name, kwargs=world["kwargs"].get(name, {}))
    response = client.get(url) if method == "GET" else client.post(url, {})
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return "admin-login"
        if location.startswith(reverse("login")):
            return "login"
    return response.status_code


def test_every_url_pattern_has_an_entry():
    assert project_url_names() == set(EXPECTED), "add the new URL to EXPECTED with its answer for every role"


CASES = [(name, method, role) for name in sorted(EXPECTED) for method in ("GET", "POST") for role in ROLES]


@pytest.mark.parametrize("name, method, role", CASES)
def test_answer_matches_the_matrix(world, name, method, role):
    assert answer(world, name, role, method) == EXPECTED[name][method][role]


ADMIN_PAGE = row("admin-login", 200, "admin-login", "admin-login", 200)
# Login logs and lockouts (django-axes): office staff only, they unlock users.
OFFICE_ONLY_ADMIN_PAGE = row("admin-login", 403, "admin-login", "admin-login", 200)


def _admin_changelists() -> list[str]:
    from django.contrib import admin

    names = ["admin:index"]
    for model in admin.site._registry:
        names.append(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return sorted(names)


@pytest.mark.parametrize("name", _admin_changelists())
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_open_for_office_and_leadership_only(world, name, role):
    expected = OFFICE_ONLY_ADMIN_PAGE if name.startswith("admin:axes_") else ADMIN_PAGE
    assert answer(world, name, role, "GET") == expected[role]


# A year written with a thousands separator: 2.014 (Vietnamese), 2,014 (English), 2%2C014 (in a URL).
GROUPED_YEAR = re.compile(r"\b(?:1(?:[.,\u00a0]|%2C|%2E)9\d\d|2(?:[.,\u00a0]|%2C|%2E)0\d\d)\b", re.IGNORECASE)


class _Attributes(HTMLParser):
    """Every href, action, value, src and data-* attribute of a page, with its tag."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in ("href", "action", "value", "src") or name.startswith("data-")):
                self.found.append((tag, name, value))


def _grouped_years(response) -> list[tuple[str, str, str]]:
    bad = []
    disposition = response.get("Content-Disposition", "")
    if GROUPED_YEAR.search(disposition):
        bad.append(("header", "Content-Disposition", disposition))
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        parser = _Attributes()
        parser.feed(response.content.decode())
        bad += [found for found in parser.found if GROUPED_YEAR.search(found[2])]
    elif content_type.startswith("application/json") and GROUPED_YEAR.search(response.content.decode()):
        bad.append(("json", "body", response.content.decode()[:200]))
    return bad


PAGES = [(name, role) for name in sorted(EXPECTED) for role in ROLES if EXPECTED[name]["GET"][role] == 200]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name, role", PAGES)
def test_no_page_writes_a_year_with_a_thousands_separator(world, name, role, language):
    client = client_for(world["users"][role]) if world["users"][role] else Client()
    client.cookies["django_language"] = language
    response = client.get(reverse(name, kwargs=world["kwargs"].get(name, {})))
    assert response.status_code == 200
    assert _grouped_years(response) == []


def test_the_grouped_year_check_sees_both_languages_and_urls():
    """The check above must be able to fail: it recognises every way a grouped year is written."""
    assert all(GROUPED_YEAR.search(text) for text in ("?year=2.013", "?year=2%2C013", 'value="2,015"', "1.998"))
    assert not any(GROUPED_YEAR.search(text) for text in ("?year=2013", "85,5", "12/KH-VPĐP", "1.234.567"))


@pytest.mark.parametrize("name", _admin_changelists())
def test_no_admin_list_writes_a_year_with_a_thousands_separator(world, name):
    response = client_for(world["users"]["office"]).get(reverse(name))
    assert response.status_code == 200
    assert _grouped_years(response) == []
    assert GROUPED_YEAR.findall(response.content.decode()) == []  # the cells too: a year column reads 2014
