"""Settings for Commonground, driven by the environment.

Every setting a deployment may change is read from an environment variable here, in one place:

- ``DJANGO_DEBUG``: ``1`` for development (default ``0``: production).
- ``DJANGO_SECRET_KEY``: required when DEBUG is off; without it the server, the worker and
  ``manage.py check`` refuse to start, and nothing can be signed.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names; required when DEBUG is off.
- ``DJANGO_HTTPS``: ``1`` (default in production) for a site served over HTTPS behind a TLS
  proxy that sets ``X-Forwarded-Proto``: secure cookies, HSTS, redirect to https. ``0`` for
  plain-HTTP local use only.
- ``DJANGO_HSTS_SECONDS``: how long browsers insist on HTTPS (default one year).
- ``DATABASE_URL``: e.g. ``postgres://user@host:5432/name``; SQLite in ``var/`` by default.
- ``DATABASE_CONN_MAX_AGE``: seconds a database connection is reused (default 60 in
  production, 0 in development).
- ``EMAIL_URL``-style settings: ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``,
  ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``; without ``EMAIL_HOST`` in development,
  emails are printed to the console.
- ``TASKS_BACKEND``: ``immediate``, ``database`` (default) or ``rq`` (needs ``django-tasks-rq``
  and ``RQ_REDIS_URL``).
- ``SIGNIN_FAILURE_LIMIT`` (default 5) wrong passwords for one account, or from one address,
  pause sign-in for it for ``SIGNIN_LOCKOUT_MINUTES`` (default 15); the owner is emailed.
- ``DIRECTORY_IMPORT_MAX_UPLOAD_MB`` (default 20), ``DIRECTORY_IMPORT_MAX_UNZIPPED_MB``
  (default 200) and ``DIRECTORY_IMPORT_MAX_ROWS`` (default 1,000,000) bound directory imports.
- ``COMMONGROUND_DEMO``: ``1`` shows the "demo data" banner on every page.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("DJANGO_DEBUG")
# In production a missing key stays empty: Django then refuses to sign anything, and the
# system check in commonground.core.checks stops the server, the worker and migrations from
# starting. A public fallback key would let anyone forge signed links (unsubscribe tokens).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
if not ALLOWED_HOSTS and DEBUG:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "commonground.core",
    "commonground.web",
    "commonground.api",
    "commonground.partnerships",
    "commonground.representation",
    "commonground.directory",
    "commonground.engagement",
    "commonground.commissioning",
    "commonground.funding",  # after commissioning: its demo funds awarded opportunities
    "commonground.planning",  # after partnerships: plans and report cards of its bodies
    "commonground.compacts",  # after funding: its demo runs the rules over their records
    "commonground.monitoring",  # after every app whose events its demo captures
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "commonground.api.middleware.ApiLanguageMiddleware",
    "commonground.api.middleware.UnstorableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the "wait" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "commonground.urls"
CSRF_FAILURE_VIEW = "commonground.web.views.csrf_failure"  # the site's own page, not Django's
WSGI_APPLICATION = "commonground.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commonground.web.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'commonground.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0" if DEBUG else "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on short web queries (about 90 ms on a
    # directory search across half a million services), so it is off for our sessions; and
    # random reads cost about what sequential ones do on SSDs and cached data, which lets the
    # planner use indexes for joins (a distance-and-opening-time search: 280 ms -> 150 ms);
    # and 16 MB of working memory lets a text search rank and count its tens of thousands
    # of matches without spilling to temporary files (the default is 4 MB).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c random_page_cost=1.1 -c work_mem=16MB"
    )

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "commonground.core.signin.ThrottledSignIn",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Sign-in throttling (django-axes, see commonground/core/signin.py): by account and by
# address, each on its own.
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "commonground.core.signin.username"
AXES_CLIENT_IP_CALLABLE = "commonground.core.signin.client_address"
AXES_LOCKOUT_CALLABLE = "commonground.web.views.sign_in_locked_out"
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
# Each app keeps its own Welsh catalogue in <app>/locale/ (see scripts/makemessages).
# The presentation kit is not an app, so its Welsh catalogue is named here.
LOCALE_PATHS: list[Path] = [BASE_DIR / "commonground" / "presentation" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Whitenoise serves static files from the apps directly; a deployment may also set
# STATIC_ROOT and run collectstatic.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
# The OCDS schemas the importer checks and merges with (read locally, never fetched).
OCDS_SCHEMA_DIR = Path(os.environ.get("OCDS_SCHEMA_DIR", BASE_DIR.parent / "shared" / "standards" / "ocds" / "schema"))
# The ORUK response schemas bundled into /oruk/openapi.json (read locally, never fetched).
ORUK_SCHEMA_DIR = Path(os.environ.get("ORUK_SCHEMA_DIR", BASE_DIR.parent / "shared" / "standards" / "oruk" / "validator" / "OpenReferralApi" / "Schemas" / "V3.0-UK"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Email: SMTP when a host is configured, otherwise printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _env_flag("EMAIL_USE_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The site's public address, for links in emails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Commonground <noreply@localhost>")

# Background tasks: Django's task API through the django-tasks backport.
_TASK_BACKENDS = {
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {"default": _TASK_BACKENDS[TASKS_BACKEND]}
if TASKS_BACKEND == "rq":
    # At scale: pip install django-tasks-rq, then run ./manage.py rqworker --job-class django_tasks_rq.Job
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("RQ_REDIS_URL", "redis://127.0.0.1:6379/0")}}

# Content Security Policy: everything from our own origin; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Production is served over HTTPS by a TLS proxy in front of gunicorn. The proxy must set
# X-Forwarded-Proto (and strip any the client sent): without the header setting, every
# proxied request would look like plain HTTP and be redirected to https for ever.
HTTPS = _env_flag("DJANGO_HTTPS", default=not DEBUG)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Lets the domain be submitted to browsers' preload lists; submitting is a separate step.
    SECURE_HSTS_PRELOAD = True

# Directory imports: the largest upload, how big a zip may unpack to, and how many rows in
# all; a zip bomb is refused from its directory before anything is unpacked.
DIRECTORY_IMPORT_MAX_UPLOAD_MB = int(os.environ.get("DIRECTORY_IMPORT_MAX_UPLOAD_MB", "20"))
DIRECTORY_IMPORT_MAX_UNZIPPED_MB = int(os.environ.get("DIRECTORY_IMPORT_MAX_UNZIPPED_MB", "200"))
DIRECTORY_IMPORT_MAX_ROWS = int(os.environ.get("DIRECTORY_IMPORT_MAX_ROWS", "1000000"))
# Uploads larger than this go to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20

SIMPLE_HISTORY_REVERT_DISABLED = False
COMMONGROUND_DEMO = _env_flag("COMMONGROUND_DEMO", default=DEBUG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint warns about every screen-only CSS rule and font it cannot subset.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# The prefix of 360Giving grant identifiers this installation publishes (360G-<prefix>-<ref>).
FUNDING_360G_PREFIX = os.environ.get("FUNDING_360G_PREFIX", "commonground")

# Only bench/load.py sets this: it routes the bare baseline view (commonground/urls.py).
COMMONGROUND_BENCH = _env_flag("COMMONGROUND_BENCH")
