"""Settings for the Regieportaal, driven by environment variables.

The defaults are those of the embedded demo (SQLite, DEBUG on). Production sets DJANGO_DEBUG=false,
DJANGO_SECRET_KEY, DJANGO_HISTORIE_SLEUTEL, DJANGO_ALLOWED_HOSTS and DATABASE_URL; without either
key it refuses to start.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Importing the module also registers the portal's own deploy checks.
from drechtsteden.checks import (
    DEMO_HISTORIE_SLEUTEL,
    DEMO_ONDERTEKENING_WACHTWOORD,
    DEMO_SECRET_KEY,
)

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY ontbreekt: zonder geheime sleutel start het portaal niet "
            "met DEBUG uit."
        )
    SECRET_KEY = DEMO_SECRET_KEY  # demo only: DEBUG is on

# The key of the audit log's HMAC chain (drechtsteden.historie.keten): whoever writes the database
# without it cannot recompute the chain. Kept apart from SECRET_KEY, so either can be rotated alone
# (README, "Audit log and tamper evidence").
HISTORIE_SLEUTEL = os.environ.get("DJANGO_HISTORIE_SLEUTEL", "")
if not HISTORIE_SLEUTEL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_HISTORIE_SLEUTEL ontbreekt: zonder sleutel voor de historieketen start het "
            "portaal niet met DEBUG uit."
        )
    HISTORIE_SLEUTEL = DEMO_HISTORIE_SLEUTEL  # demo only: DEBUG is on

# The certificate that signs the published letters (PAdES, transitie.brieven.ondertekening): a
# PKCS#12 file and its passphrase. With DEBUG on and none set, the demo certificate that
# `manage.py maak_democertificaat` makes (`make seed`); with DEBUG off and none set, the system
# check drechtsteden.E001 stops the portal (README, "Signed letters").
ONDERTEKENING_PKCS12 = os.environ.get("DJANGO_ONDERTEKENING_PKCS12", "")
ONDERTEKENING_WACHTWOORD = os.environ.get("DJANGO_ONDERTEKENING_WACHTWOORD", "")
if not ONDERTEKENING_PKCS12 and DEBUG:
    ONDERTEKENING_PKCS12 = str(BASE_DIR / "demo-certificaat" / "ondertekening.p12")
    ONDERTEKENING_WACHTWOORD = DEMO_ONDERTEKENING_WACHTWOORD  # demo only: DEBUG is on

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "drechtsteden",
    "thema",
    "transitie",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "drechtsteden.security.BeveiligingsheadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "drechtsteden.security.WeigeringLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "drechtsteden.security.SessieTijdslimietMiddleware",
    "drechtsteden.security.PrivateCacheMiddleware",
    "drechtsteden.security.MethodeNietToegestaanMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "drechtsteden.urls"
WSGI_APPLICATION = "drechtsteden.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "drechtsteden.meldingen.views.ongelezen",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DJANGO_DB_PREPARED_STATEMENTS", False
):
    # Opt-in: parameters bound on the server, and a statement prepared the fifth time a connection
    # runs it, so that PostgreSQL stops planning it anew (Django turns both off by default). Off by
    # default: it saves about a millisecond per request, and breaks behind a pooler in
    # transaction mode that does not keep prepared statements.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}


def sqlite_options() -> dict:
    """SQLite that waits instead of failing on concurrent writes (the default `make run` database).

    WAL lets readers go on while one writer writes; a busy timeout of 20 seconds lets a writer wait
    for the lock instead of failing with "database is locked"; and IMMEDIATE transactions take the
    write lock at BEGIN, so two transactions that read and then write queue up instead of one
    failing when it tries to upgrade its read lock (Django 5.1+).
    """
    return {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(sqlite_options())

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests render pages without running collectstatic first.
WHITENOISE_USE_FINDERS = True

# Background work (PDF rendering and signing, mail) goes through Django's Tasks API with the
# database backend: `python manage.py db_worker` runs it (`make run` starts one beside the server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A letter's publication (its PDFs rendered by the worker) still running after this many seconds is
# taken as stuck (a worker stopped halfway) and counted as failed, so it can be requested again.
PUBLICATIE_TIMEOUT_SECONDEN = int(os.environ.get("DJANGO_PUBLICATIE_TIMEOUT_SECONDEN", "600"))

# Mail (notifications): SMTP from the environment; without a host in DEBUG the console backend
# prints each mail, so `make run` shows what would be sent. The worker sends, never a request.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Regieportaal Drechtsteden <noreply@regieportaal.local>"
)
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)
# The portal's own address, for the links in mails (they leave the request behind).
PORTAAL_URL = os.environ.get("DJANGO_PORTAAL_URL", "http://127.0.0.1:8000")

SIMPLE_HISTORY_DATE_INDEX = "Composite"
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Login lockout (django-axes): 5 failed attempts per username and address, then 15 minutes' wait.
CSRF_FAILURE_VIEW = "drechtsteden.security.csrf_failure"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Password spraying: besides 5 failures for one username from one address, 20 failures from one
# address across all usernames lock that address out for the cool-off time. Axes knows one limit
# per check, so drechtsteden.security.BlokkadeHandler (axes's database handler) adds the second.
AXES_ADRES_FAILURE_LIMIT = 20
AXES_HANDLER = "drechtsteden.security.BlokkadeHandler"
AXES_LOCKOUT_CALLABLE = "drechtsteden.security.blokkade_response"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "drechtsteden.security.client_ip"
# How many reverse proxies in front of the portal append to X-Forwarded-For (0: none, use the
# connection's address). Set it to exactly the number of proxies you run, or clients can forge it.
DJANGO_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Sessions: idle timeout and absolute lifetime, enforced by SessieTijdslimietMiddleware.
SESSIE_INACTIEF_MAXIMUM = 30 * 60
SESSIE_MAXIMUM = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSIE_MAXIMUM
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere: scripts and stylesheets come from static/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The time on every line: the security log must say when, not only who and what.
    # One event is one line: control characters in every field are escaped (a username with a
    # newline cannot forge a second security-log line), by the formatter, not by each call site.
    "formatters": {
        "tijd": {
            "()": "drechtsteden.logboek.EenRegelFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "tijd"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Failed logins, lockouts, refused requests and expired sessions: who, what and when.
        # Propagates to the root's console handler, which passes on records of any level.
        "regieportaal.security": {"level": os.environ.get("DJANGO_SECURITY_LOG_LEVEL", "INFO")},
    },
}
