"""Behind the documented nginx an attacker's failures lock only the attacker's address; a direct client cannot
pick its address with X-Real-IP; gunicorn believes X-Forwarded-Proto only when told to."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import PASSWORD

WRONG = "khong-dung-mat-khau"
CONF = Path(settings.BASE_DIR) / "ops" / "gunicorn.conf.py"


def _through_nginx(client_address: str, username: str, password: str) -> int:
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=client_address)
    return client.post("/login/", {"username": username, "password": password}).status_code


@pytest.mark.django_db
def test_an_attackers_failures_through_nginx_do_not_lock_the_admins_address(office):
    assert [_through_nginx("203.0.113.5", office.username, WRONG) for _ in range(5)] == [200] * 4 + [429]
    assert _through_nginx("203.0.113.5", office.username, PASSWORD) == 429  # the attacker's address is locked
    assert _through_nginx("198.51.100.7", office.username, PASSWORD) == 302  # the office's is not


@pytest.mark.django_db
def test_a_direct_client_cannot_escape_the_lock_by_sending_x_real_ip(office):
    statuses = [
        Client(REMOTE_ADDR="203.0.113.5", HTTP_X_REAL_IP=f"10.9.9.{n}")
        .post("/login/", {"username": office.username, "password": WRONG})
        .status_code
        for n in range(6)
    ]
    assert statuses[-1] == 429


@pytest.mark.django_db
def test_trusted_proxies_are_a_setting(office, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for _ in range(5):
        Client(REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="203.0.113.5").post(
            "/login/", {"username": office.username, "password": WRONG}
        )
    ok = Client(REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="198.51.100.7").post(
        "/login/", {"username": office.username, "password": PASSWORD}
    )
    assert ok.status_code == 302


@pytest.mark.parametrize(("value", "expected"), [(None, ""), ("0", ""), ("1", "127.0.0.1,::1")])
def test_gunicorn_believes_x_forwarded_proto_only_when_told_to(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("TRUST_X_FORWARDED_PROTO", raising=False)
    else:
        monkeypatch.setenv("TRUST_X_FORWARDED_PROTO", value)
    assert runpy.run_path(str(CONF))["forwarded_allow_ips"] == expected
