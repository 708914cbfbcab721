"""Settings shared by every environment. Only this module reads the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Set the SECRET_KEY environment variable (a long random string)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'ntm.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails the request (and /healthz) in seconds, not at the worker timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "ops.axes_config.LoginThrottlingConfig",  # django-axes, with a translated heading
    "csp",
    "provinces",
    "criteria",
    "communes",
    "accounts",
    "notifications",
    "dashboard",
    "excel",
    "workflow",
    "operations",
    "production",
    "ocop",
    "capital",
    "trainings",
    "jobs",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ops.middleware.ServerTimingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ntm.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ops.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ntm.urls"
WSGI_APPLICATION = "ntm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.bell",
            ],
            "libraries": {"ntm": "ntm.lib.templatetags"},
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:landing"  # by role: a district officer lands on their district
LOGOUT_REDIRECT_URL = "login"

# Internationalisation: Vietnamese by default, English switchable.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Identifiers (years, ids, codes, versions) are never grouped: nothing is grouped unless a template or
# formatter asks for it (floatformat:"g", format_number), so a year can never render as 2.015.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["ntm.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Reference data shipped with the project.
NTM_DIVISIONS_FILE = BASE_DIR / "communes" / "fixtures" / "ha_tinh_divisions_legacy.csv"
# The two-tier reform (NQ 202/2025/QH15): districts abolished, communes merged; the new list and its lineage.
NTM_REFORM_DATE = "2025-07-01"
NTM_DIVISIONS_REFORM_FILE = BASE_DIR / "communes" / "fixtures" / "ha_tinh_divisions_2025.csv"
NTM_LINEAGE_FILE = BASE_DIR / "communes" / "fixtures" / "ha_tinh_merge_2025.csv"
NTM_CRITERIA_FIXTURE = BASE_DIR / "criteria" / "fixtures" / "criteria_sets.json"
NTM_DEFAULT_PROVINCE = os.environ.get("NTM_DEFAULT_PROVINCE", "42")

# Upload limits in bytes (README "Excel" and "Evidence files"); keep nginx's client_max_body_size above them.
NTM_UPLOAD_MAX_BYTES = env_int("NTM_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
NTM_PENDING_IMPORTS_MAX_BYTES = env_int("NTM_PENDING_IMPORTS_MAX_BYTES", 100 * 1024 * 1024)  # all waiting uploads
NTM_UPLOAD_MAX_UNPACKED_BYTES = env_int("NTM_UPLOAD_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
NTM_UPLOAD_MAX_RATIO = env_int("NTM_UPLOAD_MAX_RATIO", 100)  # unpacked size / file size (zip bombs)
NTM_EVIDENCE_MAX_BYTES = env_int("NTM_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Serving and security (#6). Behind a TLS-terminating proxy (nginx): TRUST_X_FORWARDED_PROTO=1 and
# SECURE_SSL_REDIRECT=1; the proxy must set X-Forwarded-Proto itself (README "Deployment").
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Content security policy (django-csp 4): no inline scripts or styles anywhere; JSON data blocks are not executed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap's form controls draw their arrows and ticks as data: SVG
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): 5 failures for one username from one address lock that pair for 30 minutes;
# office staff unlock from the admin ("Access attempts"). The client's address is X-Real-IP when the request
# comes from a trusted proxy (TRUSTED_PROXIES, default nginx on the same host) or TRUST_X_REAL_IP=1 (ops.client_ip).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.ProfileBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.views.lockout_response"  # templates/ops/lockout.html, status 429
AXES_CLIENT_IP_CALLABLE = "ops.client_ip.client_ip"
TRUST_X_REAL_IP = env_bool("TRUST_X_REAL_IP", False)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
if TRUST_X_REAL_IP:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")

# Cache: Redis when REDIS_URL is set (production), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ntm.lib.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ntm"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions: with Redis, read from the cache and written through to the database (no session query per page;
# `ntm.lib.sessions` keeps working from the database while Redis is down). Without a shared cache, from the
# database only: each gunicorn process has its own local memory, and a logout in one must end the session in all.
SESSION_ENGINE = "ntm.lib.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"

# Background jobs (Celery): Redis as broker. Production runs `celery -A ntm worker` beside gunicorn (make serve);
# CELERY_TASK_ALWAYS_EAGER=1 runs the tasks in the request's own process (make run's default: no worker needed).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "redis://127.0.0.1:6379/1"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a long job does not hold others back in one worker's buffer
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "ntm")

# E-mail (notifications): SMTP from the environment in production; `make run` prints mails on the console
# (ntm.settings.local) and the tests keep them in memory (Django's test runner).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "NTM Tracker <noreply@localhost>")
# The site's address as people open it, for the links in e-mails (e.g. https://ntm.hatinh.gov.vn).
SITE_URL = os.environ.get("SITE_URL", "")

# Backups written by `manage.py backup` (README "Backups").
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))
AXES_VERBOSE = False
