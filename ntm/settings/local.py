"""Developer machine and `make run`: DEBUG on, SQLite under var/ unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403

# Notification e-mails are printed where `make run` runs, unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Background jobs run in the request's own process: `make run` needs no Celery worker.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)  # noqa: F405
