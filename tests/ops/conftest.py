"""Helpers for the operations tests: running manage.py in a subprocess against a chosen database."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def database_url(db: dict, name: str | None = None) -> str:
    """A DATABASE_URL for the PostgreSQL server of `db` (a DATABASES entry), optionally another database on it."""
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials + '@' if credentials else ''}{host}{port}/{name or db['NAME']}"


def run_manage(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """`python manage.py ARGS` in a fresh interpreter with the test settings unless `env` says otherwise."""
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ntm.settings.test", **(env or {})}
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=full_env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
