"""Uploaded workbooks waiting for confirmation, between the preview and the confirm.

The bytes go to MEDIA_ROOT/imports/<random token>.xlsx; the token is known only to the session that
uploaded the file, which also keeps the year, the district and the fingerprint of the previewed plan.
Nothing in the confirming request is trusted: the file is read and validated again.
Files left behind by abandoned previews are removed after a day, at the next upload.
"""

import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

SESSION_KEY = "excel_imports"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")
KEEP_SECONDS = 24 * 3600


@dataclass
class Pending:
    token: str
    name: str
    year: int
    district_id: int | None
    digest: str = ""
    purpose: str = "assessments"  # or "capital": which preview may read the file
    scope: dict = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return folder() / f"{self.token}.xlsx"

    def read(self) -> bytes:
        return self.path.read_bytes()


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def pending_save(
    request: HttpRequest,
    data: bytes,
    *,
    name: str,
    year: int,
    district_id: int | None,
    purpose: str = "assessments",
    scope: dict | None = None,
) -> Pending:
    _remove_stale()
    pending = Pending(
        token=secrets.token_urlsafe(24),
        name=name,
        year=year,
        district_id=district_id,
        purpose=purpose,
        scope=scope or {},
    )
    folder().mkdir(parents=True, exist_ok=True)
    pending.path.write_bytes(data)
    pending.path.chmod(0o600)
    _store(request, pending)
    return pending


def pending_get(request: HttpRequest, token: str, *, purpose: str = "assessments") -> Pending | None:
    """The session's pending import with this token and purpose, when its file is still there."""
    entry = request.session.get(SESSION_KEY, {}).get(token) if TOKEN_RE.fullmatch(token) else None
    if entry is None or entry.get("purpose", "assessments") != purpose:
        return None
    pending = Pending(token=token, **entry)
    return pending if pending.path.exists() else None


def pending_remember_digest(request: HttpRequest, pending: Pending, digest: str) -> None:
    pending.digest = digest
    _store(request, pending)


def pending_delete(request: HttpRequest, pending: Pending) -> None:
    pending.path.unlink(missing_ok=True)
    entries = request.session.get(SESSION_KEY, {})
    entries.pop(pending.token, None)
    request.session[SESSION_KEY] = entries


def _store(request: HttpRequest, pending: Pending) -> None:
    entries = request.session.get(SESSION_KEY, {})
    entries[pending.token] = {
        "name": pending.name,
        "year": pending.year,
        "district_id": pending.district_id,
        "digest": pending.digest,
        "purpose": pending.purpose,
        "scope": pending.scope,
    }
    request.session[SESSION_KEY] = entries


def _remove_stale() -> None:
    if not folder().is_dir():
        return
    limit = time.time() - KEEP_SECONDS
    for path in folder().glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
