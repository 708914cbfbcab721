"""Production settings: `check --deploy` is clean, static files are hashed and compressed, logs are JSON, the
cache is Redis when REDIS_URL says so. Each runs in a fresh interpreter, as gunicorn would."""

import json
import os
import secrets
import subprocess
import sys
import uuid

from django.conf import settings

from .conftest import run_manage

# What the README tells an operator to set behind nginx.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "ntm.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "ntm.hatinh.example.vn",
    "DATABASE_URL": "postgres://ntm:secret@127.0.0.1:5432/ntm",
    "SECURE_SSL_REDIRECT": "1",
    "TRUST_X_FORWARDED_PROTO": "1",
    "TRUST_X_REAL_IP": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _production(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` after django.setup() with the production settings and environment."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "REDIS_URL", "STATIC_ROOT")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env={**clean, **PRODUCTION_ENV, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_passes_at_warning_level_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_nobody_redirects_to_https():
    env = {**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": ""}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W008" in result.stderr
    assert result.stderr.count("(security.") == 1


def test_production_security_settings():
    code = """
from django.conf import settings as s
print(json.dumps({
    "debug": s.DEBUG, "hsts": s.SECURE_HSTS_SECONDS, "proxy": s.SECURE_PROXY_SSL_HEADER,
    "redirect": s.SECURE_SSL_REDIRECT, "session_secure": s.SESSION_COOKIE_SECURE,
    "csrf_secure": s.CSRF_COOKIE_SECURE, "age": s.SESSION_COOKIE_AGE,
    "browser_close": s.SESSION_EXPIRE_AT_BROWSER_CLOSE,
    "frames": s.X_FRAME_OPTIONS, "referrer": s.SECURE_REFERRER_POLICY, "nosniff": s.SECURE_CONTENT_TYPE_NOSNIFF,
    "middleware": s.MIDDLEWARE[:2], "cache": s.CACHES["default"]["BACKEND"],
    "ip_header": s.AXES_IPWARE_META_PRECEDENCE_ORDER[0],
}))
"""
    result = _production("import json\n" + code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "debug": False,
        "hsts": 31536000,
        "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "redirect": True,
        "session_secure": True,
        "csrf_secure": True,
        "age": 8 * 3600,
        "browser_close": True,
        "frames": "DENY",
        "referrer": "same-origin",
        "nosniff": True,
        "middleware": ["django.middleware.security.SecurityMiddleware", "whitenoise.middleware.WhiteNoiseMiddleware"],
        "cache": "ntm.lib.redis_cache.RedisCache",
        "ip_header": "HTTP_X_REAL_IP",
    }


def test_whitenoise_serves_hashed_compressed_static_files_with_a_long_cache(tmp_path):
    code = """
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
url = static("vendor/bootstrap-5.3.8/css/bootstrap.min.css")
response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br", HTTP_HOST="ntm.hatinh.example.vn", secure=True)
print(json.dumps({"url": url, "status": response.status_code, "encoding": response.get("Content-Encoding"),
                  "cache": response.get("Cache-Control")}))
"""
    result = _production("import json\n" + code, STATIC_ROOT=str(tmp_path / "static"))
    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["url"].startswith("/static/vendor/bootstrap-5.3.8/css/bootstrap.min.")
    assert served["url"] != "/static/vendor/bootstrap-5.3.8/css/bootstrap.min.css"  # hashed name
    assert served["status"] == 200
    assert served["encoding"] in ("br", "gzip")
    assert "immutable" in served["cache"]


def test_production_logs_are_json_lines_with_the_traceback_as_a_field():
    code = """
import logging
from django.test import RequestFactory
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", "/communes/", exc_info=True,
        extra={"status_code": 500, "request": RequestFactory().post("/communes/")},
    )
"""
    result = _production(code)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.strip().splitlines()]
    record = lines[-1]
    assert record["level"] == "ERROR" and record["logger"] == "django.request"
    assert record["message"] == "Internal Server Error: /communes/"
    assert record["method"] == "POST" and record["path"] == "/communes/" and record["status_code"] == 500
    assert "ZeroDivisionError" in record["exception"]


def test_the_cache_is_redis_when_redis_url_is_set():
    key = f"ops-test-{uuid.uuid4().hex}"
    code = f"""
from django.core.cache import cache
cache.set("{key}", "đạt", 30)
print(cache.get("{key}"))
cache.delete("{key}")
"""
    result = _production(code, REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "đạt"
