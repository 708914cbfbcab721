"""Production: everything comes from the environment through base.

On top of base: WhiteNoise serves compressed, hashed static files (run `collectstatic` first) and logs are JSON
lines (`ops.logging.JsonFormatter`), one object per record, tracebacks included as a field.
"""

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE

MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOGGING["root"]["level"]},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
