"""django-axes: five failures for one username from one address lock that pair for 30 minutes; office staff
unlock it from the admin; other users and other addresses are not affected."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext, override

from tests.conftest import PASSWORD, client_for

WRONG = "khong-dung-mat-khau"


def _attempt(username: str, password: str, address: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": password})


def _fail(username: str, times: int, address: str = "10.0.0.1") -> list[int]:
    return [_attempt(username, WRONG, address).status_code for _ in range(times)]


@pytest.mark.django_db
def test_four_failures_still_let_the_right_password_in(office):
    assert _fail(office.username, 4) == [200] * 4  # the form again, with its error
    assert _attempt(office.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_five_failures_lock_the_username_on_that_address_even_with_the_right_password(office):
    assert _fail(office.username, 5) == [200] * 4 + [429]
    response = _attempt(office.username, PASSWORD)
    assert response.status_code == 429
    assert "ops/lockout.html" in [t.name for t in response.templates]
    assert b'id="lockout"' in response.content
    page = response.content.decode()
    with override("vi"):
        assert gettext("Too many failed log-in attempts") in page
    assert "30" in page and 'lang="vi"' in page
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_a_lockout_does_not_reach_other_addresses_or_other_users(office, leadership):
    _fail(office.username, 5)
    assert _attempt(office.username, PASSWORD, address="10.0.0.2").status_code == 302
    assert _attempt(leadership.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(office):
    _fail(office.username, 5)
    assert _attempt(office.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert _attempt(office.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(office):
    _fail(office.username, 4)
    assert _attempt(office.username, PASSWORD).status_code == 302
    _fail(office.username, 4)
    assert _attempt(office.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(office):
    for _ in range(5):
        Client(REMOTE_ADDR="10.0.0.1").post("/admin/login/", {"username": office.username, "password": WRONG})
    response = Client(REMOTE_ADDR="10.0.0.1").post("/admin/login/", {"username": office.username, "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
def test_office_staff_unlock_a_user_from_the_admin(office, district_officer):
    _fail(district_officer.username, 5)
    attempt = AccessAttempt.objects.get(username=district_officer.username)
    admin = client_for(office)
    assert admin.get("/admin/axes/accessattempt/").status_code == 200
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _attempt(district_officer.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_leadership_and_district_officers_cannot_unlock(leadership, district_officer, office):
    _fail(office.username, 5)
    attempt = AccessAttempt.objects.get(username=office.username)
    for user in (leadership, district_officer):
        client = client_for(user)
        assert client.get("/admin/axes/accessattempt/").status_code in (302, 403)
        client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
        assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.django_db
def test_leadership_does_not_see_the_login_records_in_the_admin(leadership):
    page = client_for(leadership).get("/admin/").content.decode()
    assert "/admin/axes/" not in page
