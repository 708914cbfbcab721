"""Strong passwords, a new session key at login, and a logout that really ends the session."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.mark.parametrize(
    "password",
    ["ngan-qua", "1234567890123", "password123", "van_phong_2014"],
    ids=["short", "numeric", "common", "like-the-username"],
)
def test_weak_passwords_are_refused(office, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=office)


def test_a_long_uncommon_password_is_accepted(office):
    validate_password("Nong-thon-moi-Ha-Tinh-2014", user=office)


def _log_in(client: Client, username: str) -> None:
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.mark.django_db
def test_logging_in_rotates_the_session_key(office):
    client = Client()
    anonymous_session = client.session
    anonymous_session["language_hint"] = "vi"
    anonymous_session.save()
    before = anonymous_session.session_key
    assert Session.objects.filter(session_key=before).exists()

    _log_in(client, office.username)

    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert Session.objects.get(session_key=after).get_decoded()[SESSION_KEY] == str(office.pk)


@pytest.mark.django_db
def test_logging_out_kills_the_session_and_its_old_key_no_longer_works(office):
    client = Client()
    _log_in(client, office.username)
    old_key = client.cookies["sessionid"].value
    assert client.get(reverse("dashboard:home")).status_code == 200

    response = client.post("/logout/")

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()
    replay = Client()
    replay.cookies["sessionid"] = old_key
    response = replay.get(reverse("dashboard:home"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_logout_by_get_is_refused_and_keeps_the_session(office):
    client = Client()
    _log_in(client, office.username)
    assert client.get("/logout/").status_code == 405
    assert client.get(reverse("dashboard:home")).status_code == 200
