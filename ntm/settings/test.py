"""Test settings: PostgreSQL from DATABASE_URL (see Makefile), fast hashing."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DATABASE_URL", "postgres://localhost/ntm")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANGUAGE_CODE = "vi"

# The tests use the same cache as production: Redis (127.0.0.1:6379 unless REDIS_URL says otherwise), under a key
# prefix of their own per process, so two runs (or two xdist workers) on one Redis never read each other's entries.
import uuid  # noqa: E402

CACHES = {
    "default": {
        "BACKEND": "ntm.lib.redis_cache.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": f"ntm-test-{uuid.uuid4().hex[:12]}",
        "TIMEOUT": 600,
    }
}
SESSION_ENGINE = "ntm.lib.sessions"  # as production with Redis

# Jobs go through Redis to a real Celery worker in tests/jobs (a queue of their own per process); elsewhere the
# tests run them in-process once the transaction commits.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_DEFAULT_QUEUE = f"ntm-test-{uuid.uuid4().hex[:12]}"
