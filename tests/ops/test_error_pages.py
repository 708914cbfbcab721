"""403, 404 and 500 are the project's own pages, in the user's language, and never show a traceback."""

import pytest
from django.test import Client
from django.urls import path
from django.utils import translation

from tests.conftest import client_for


def _boom(request):
    raise RuntimeError("secret detail of the failure")


urlpatterns = [path("boom/", _boom)]


def _vi(message: str) -> str:
    with translation.override("vi"):
        return translation.gettext(message)


@pytest.mark.django_db
def test_an_unknown_page_gets_the_404_page(leadership):
    response = client_for(leadership).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert 'id="error-404"' in page and 'lang="vi"' in page
    assert _vi("Page not found") in page


@pytest.mark.django_db
def test_a_forbidden_page_gets_the_403_page(district_officer, other_commune, small_set):
    response = client_for(district_officer).get(f"/communes/{other_commune.pk}/2014/edit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="error-403"' in page and 'lang="vi"' in page
    assert _vi("Access denied") in page


@pytest.mark.django_db
def test_error_pages_follow_the_chosen_language(leadership):
    client = client_for(leadership)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/khong-co-trang-nay/").content.decode()
    assert "Page not found" in page and 'lang="en"' in page


@pytest.mark.urls("tests.ops.test_error_pages")
def test_a_crash_gets_the_500_page_without_a_traceback(caplog):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert [t.name for t in response.templates][0] == "500.html"
    page = response.content.decode()
    assert 'id="error-500"' in page and 'lang="vi"' in page
    assert _vi("Server error") in page
    assert "Traceback" not in page and "secret detail" not in page and "RuntimeError" not in page
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert logged and logged[0].exc_info[0] is RuntimeError
