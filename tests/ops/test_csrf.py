"""No view takes a POST without a CSRF token, and no code switches the protection off."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import translation

from communes.models import Assessment
from tests.conftest import PASSWORD

CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")
DUMMY = {"int": "1", "year": "2014", "uuid": "00000000-0000-0000-0000-000000000001"}  # 2014: the small set's


def _routes(patterns=None, prefix: str = ""):
    """Every path-style URL of the project, converters filled with dummy values, with its view."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # the admin's one regex route (an app's index) is a GET page
        route = prefix + CONVERTER.sub(lambda m: DUMMY.get(m["kind"] or "str", "x"), str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route, entry.callback


def _no_token_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def test_the_url_walk_sees_the_projects_forms():
    urls = {url for url, _view in _routes()}
    assert {"/login/", "/logout/", "/i18n/setlang/", "/communes/1/2014/edit/", "/admin/login/"} <= urls
    assert len(urls) > 50  # the admin's pages are in the walk too


@pytest.mark.django_db
def test_every_url_refuses_a_post_without_a_csrf_token(office, small_set):
    client = _no_token_client(office)
    accepted = []
    for url, _view in _routes():
        response = client.post(url, {"name": "x"})
        if response.status_code != 403 or "403_csrf.html" not in [t.name for t in response.templates]:
            accepted.append((url, response.status_code))
    assert accepted == []


def test_no_view_is_csrf_exempt():
    exempt = [url for url, view in _routes() if getattr(view, "csrf_exempt", False)]
    assert exempt == []


def test_no_module_uses_csrf_exempt():
    base = Path(settings.BASE_DIR)
    skip = {".venv", "node_modules", "staticfiles", "var"}
    offenders = [
        str(path.relative_to(base))
        for path in base.rglob("*.py")
        if not skip.intersection(path.relative_to(base).parts)
        and path != Path(__file__)
        and "csrf_exempt" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.django_db
def test_login_without_a_token_is_refused_and_logs_nobody_in(office):
    client = _no_token_client()
    response = client.post("/login/", {"username": office.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_csrf_failure_page_is_the_projects_own_and_translated(office):
    response = _no_token_client().post("/login/", {"username": office.username, "password": PASSWORD})
    page = response.content.decode()
    assert 'id="error-403-csrf"' in page and 'lang="vi"' in page
    with translation.override("vi"):
        assert translation.gettext("The form could not be accepted") in page


@pytest.mark.django_db
def test_login_with_the_token_works():
    """The control: the refusals above come from the missing token, not from anything else."""
    from accounts.services import user_create

    user_create(username="kiem_tra", password=PASSWORD, role="leadership")
    client = Client(enforce_csrf_checks=True)
    client.get("/login/")
    token = client.cookies["csrftoken"].value
    response = client.post("/login/", {"username": "kiem_tra", "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


@pytest.mark.django_db
def test_logout_without_a_token_is_refused_and_the_session_lives_on(office):
    client = _no_token_client(office)
    assert client.post("/logout/").status_code == 403
    assert client.get(reverse("dashboard:home")).status_code == 200


@pytest.mark.django_db
def test_language_switch_without_a_token_is_refused(office):
    client = _no_token_client(office)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
    assert "Provincial dashboard" not in client.get(reverse("dashboard:home")).content.decode()


@pytest.mark.django_db
def test_commune_entry_without_a_token_is_refused_and_saves_nothing(office, commune, small_set):
    indicator = small_set.criteria.get(number=1).indicators.get(code="1.1")
    response = _no_token_client(office).post(f"/communes/{commune.pk}/2014/edit/", {f"ind_{indicator.pk}": "80"})
    assert response.status_code == 403
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_admin_change_without_a_token_is_refused(office, province):
    response = _no_token_client(office).post(
        f"/admin/provinces/province/{province.pk}/change/", {"code": "42", "name": "Đổi tên"}
    )
    assert response.status_code == 403
    province.refresh_from_db()
    assert province.name == "Tỉnh Hà Tĩnh"
