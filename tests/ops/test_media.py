"""Uploaded files are never served from MEDIA_ROOT: only views that check access hand them out."""

import pytest
from django.test import Client
from django.urls import get_resolver
from django.views import static

from tests.conftest import client_for


def _callbacks(patterns):
    for entry in patterns:
        if hasattr(entry, "url_patterns"):
            yield from _callbacks(entry.url_patterns)
        else:
            yield entry.callback


def test_no_url_serves_files_from_disk():
    assert static.serve not in set(_callbacks(get_resolver().url_patterns))


@pytest.mark.django_db
def test_a_file_in_media_root_is_not_reachable_by_url(settings, tmp_path, office):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 secret")
    for client in (Client(), client_for(office)):
        for url in ("/media/evidence/bien-ban.pdf", "/evidence/bien-ban.pdf", "/static/evidence/bien-ban.pdf"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))
