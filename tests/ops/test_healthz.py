"""GET /healthz: 200 when the database answers, 503 when it does not; no login needed."""

import socket
from unittest import mock

import pytest
from django.db import connection
from django.test import Client


def _closed_port() -> int:
    """A port on 127.0.0.1 with nobody listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_needs_no_login_and_sets_no_session():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_healthz_answers_503_when_the_database_is_down(django_db_blocker, caplog):
    """A real failure: the connection is pointed at a port where no database listens."""
    with django_db_blocker.unblock():
        connection.close()
        try:
            with mock.patch.dict(connection.settings_dict, {"HOST": "127.0.0.1", "PORT": _closed_port()}):
                response = Client().get("/healthz")
        finally:
            connection.close()
        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "database": "unavailable"}
        assert any(record.name == "ops.views" and record.levelname == "ERROR" for record in caplog.records)
        # and it recovers once the database is back
        assert Client().get("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_refuses_other_methods():
    assert Client().post("/healthz").status_code in (403, 405)


@pytest.mark.django_db
def test_healthz_is_exempt_from_the_https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
