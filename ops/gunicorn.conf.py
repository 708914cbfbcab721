"""gunicorn settings for `make serve` and production: `gunicorn -c ops/gunicorn.conf.py [--bind HOST:PORT]`.

Django's own logs (JSON lines, ntm.settings.production) and gunicorn's go to stderr; the access log to stdout.
X-Forwarded-Proto is believed only with TRUST_X_FORWARDED_PROTO on (as Django's SECURE_PROXY_SSL_HEADER), and
then only from nginx on the same host: otherwise any client of 127.0.0.1 could claim https.
"""

import os


def _on(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


wsgi_app = "ntm.wsgi:application"
bind = ["127.0.0.1:8000"]
workers = 3
timeout = 30
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1,::1" if _on("TRUST_X_FORWARDED_PROTO") else ""  # nginx on the same host
