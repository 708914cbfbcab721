"""Uploaded workbooks waiting for confirmation, between the preview and the confirm.

The bytes go to MEDIA_ROOT/imports/<random token>.xlsx; the token is known only to the session that
uploaded the file, which also keeps the year, the district and the fingerprint of the previewed plan.
Nothing in the confirming request is trusted: the file is read and validated again.
Files left behind by abandoned previews are removed after a day, at the next upload (no cron job needed).
Each user has at most one file waiting: a new upload replaces the previous one, whatever session made it.
All waiting files together stay under NTM_PENDING_IMPORTS_MAX_BYTES (default 100 MB): the oldest go first.
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
    owner: int = 0  # the uploading user's id

    @property
    def path(self) -> Path:
        return folder() / f"u{self.owner}-{self.token}.xlsx"

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
    owner = request.user.pk or 0
    _remove_stale()
    _remove_owned(request, owner)
    _make_room(len(data))
    pending = Pending(
        token=secrets.token_urlsafe(24),
        name=name,
        year=year,
        district_id=district_id,
        purpose=purpose,
        scope=scope or {},
        owner=owner,
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
        "owner": pending.owner,
    }
    request.session[SESSION_KEY] = entries


def _remove_stale() -> None:
    if not folder().is_dir():
        return
    limit = time.time() - KEEP_SECONDS
    for path in folder().glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _remove_owned(request: HttpRequest, owner: int) -> None:
    """The user's earlier waiting upload (from any session) goes: one pending import per user."""
    if folder().is_dir():
        for path in folder().glob(f"u{owner}-*.xlsx"):
            path.unlink(missing_ok=True)
    request.session[SESSION_KEY] = {}


def _make_room(size: int) -> None:
    """Remove the oldest waiting files until `size` more bytes fit under NTM_PENDING_IMPORTS_MAX_BYTES."""
    if not folder().is_dir():
        return
    files = sorted(folder().glob("*.xlsx"), key=lambda path: path.stat().st_mtime)
    total = sum(path.stat().st_size for path in files)
    limit = settings.NTM_PENDING_IMPORTS_MAX_BYTES
    while files and total + size > limit:
        oldest = files.pop(0)
        total -= oldest.stat().st_size
        oldest.unlink(missing_ok=True)
