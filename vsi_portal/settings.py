"""Settings of VSI Portal, read from the environment.

One file for every environment. With nothing set, the portal runs in its
embedded mode (SQLite in the checkout, tasks in-process, e-mails on the
console); production sets DATABASE_URL, CELERY_BROKER_URL, EMAIL_URL,
SECRET_KEY, ALLOWED_HOSTS and DEBUG. A bad value stops start-up with one line
naming the variable, rather than a traceback or a silently wrong setting.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

from .beat_schedule import beat_schedule

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


class ConfigurationError(SystemExit):
    """Stops the process with one line that names the faulty variable."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"Configuration error: {variable}: {problem}")


def _read(variable: str, reader, default):
    try:
        return reader(variable, default=default)
    except Exception as error:  # django-environ raises many kinds on bad values
        raise ConfigurationError(variable, str(error).splitlines()[0] or repr(error)) from None


def _url(variable: str, default: str, schemes: set[str]) -> str:
    value = os.environ.get(variable, default)
    scheme = urlsplit(value).scheme
    if scheme not in schemes:
        raise ConfigurationError(
            variable, f"{value!r} is not a URL with one of the schemes {', '.join(sorted(schemes))}"
        )
    return value


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _bool(variable: str, default: bool) -> bool:
    """A boolean that refuses values like "maybe" instead of reading them as False."""
    value = os.environ.get(variable)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ConfigurationError(variable, f"{value!r} is not a boolean (use true or false)")


# --- Core -----------------------------------------------------------------

DEBUG = _bool("DEBUG", False)
# The embedded key only serves `make run` and the tests; production must set
# its own, which `check --deploy` verifies.
SECRET_KEY = _read(
    "SECRET_KEY", env.str, "django-insecure-embedded-key-only-for-local-runs-and-tests-0123456789"
)
ALLOWED_HOSTS = _read("ALLOWED_HOSTS", env.list, ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = _read("CSRF_TRUSTED_ORIGINS", env.list, [])
SITE_URL = _url("SITE_URL", "http://127.0.0.1:8000", {"http", "https"}).rstrip("/")

INSTALLED_APPS = [
    "vsi_portal.apps.PortalAdminConfig",  # django.contrib.admin, our AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "allauth",
    "allauth.account",
    "vsi_portal.apps.SignInLockoutsConfig",  # django-axes, its admin section named in words
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "vsi_portal",
    "vsi_portal.accounts",
    "vsi_portal.outbox",
    "associations",
    "missions",
    "volunteers",
    "notifications",
    "vsi_portal.security",
    # On top of the apps above: it reads what each of them says it holds (privacy/registry.py).
    "privacy",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # `Cache-Control: private, no-store` on every response to a signed-in person: right
    # after authentication, so that the responses of the middleware below get it too.
    "vsi_portal.security.middleware.private_pages_not_stored",
    "vsi_portal.middleware.FrenchByDefaultLocaleMiddleware",
    # A body over REQUEST_BODY_MAX_BYTES is refused before anything reads it (in the
    # person's language, so after the locale).
    "vsi_portal.security.middleware.request_body_limit",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor codes: required for the admin, and for whoever turned them on.
    "vsi_portal.security.middleware.two_factor_required",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    "vsi_portal.middleware.permissions_policy",
    # Last, as django-axes asks: it turns a lockout into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vsi_portal.urls"
WSGI_APPLICATION = "vsi_portal.wsgi.application"

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
                "vsi_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

DATABASE_URL = _url(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    {"sqlite", "postgres", "postgresql", "pgsql", "postgis"},
)
DATABASES = {"default": _read("DATABASE_URL", env.db_url, DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's pool keeps connections warm across requests; Django then
    # wants CONN_MAX_AGE at 0 as the pool, not Django, owns them.
    if _bool("DATABASE_POOL", True):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": _read("DATABASE_POOL_MIN", env.int, 2),
            "max_size": _read("DATABASE_POOL_MAX", env.int, 10),
            "timeout": 10,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = _read("CONN_MAX_AGE", env.int, 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USES_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# The covering indexes' included columns (PostgreSQL's index-only scans) are left out on
# SQLite, the embedded mode: the indexes still serve their key columns there.
SILENCED_SYSTEM_CHECKS = [] if USES_POSTGRESQL else ["models.W040"]

# --- Accounts ---------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # The one login lookup, by the normalised address (allauth's, and the admin's login).
    "vsi_portal.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "vsi_portal.accounts.forms.SignupExtraForm"
# Every typed address is read in its normalised form (vsi_portal/accounts/addresses.py).
ACCOUNT_FORMS = {
    "login": "vsi_portal.accounts.allauth_forms.LoginForm",
    "signup": "vsi_portal.accounts.allauth_forms.SignupForm",
    "reset_password": "vsi_portal.accounts.allauth_forms.ResetPasswordForm",
    "add_email": "vsi_portal.accounts.allauth_forms.AddEmailForm",
}
ACCOUNT_ADAPTER = "vsi_portal.accounts.adapter.AccountAdapter"
# At most this many password-reset e-mails to one (normalised) address in 24 hours.
PASSWORD_RESET_EMAILS_PER_DAY = 3
ACCOUNT_RATE_LIMITS = {
    # Failed logins are throttled by django-axes (below), with a lockout page and
    # admin unlock; allauth's own counter would stop counting before axes sees them.
    "login_failed": None,
    # allauth's default per address is 5 a minute; a day's cap stops a mailbox being
    # flooded (the page says so: templates/429.html).
    "reset_password": f"20/m/ip,{PASSWORD_RESET_EMAILS_PER_DAY}/1d/key",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme

# --- Internationalisation ----------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

# --- Static and private media -------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(_read("STATIC_ROOT", env.str, str(BASE_DIR / "staticfiles")))
STORAGES = {
    # Uploaded documents (CVs, criminal record extracts) live outside any
    # public URL; they are only ever streamed by permission-checked views.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _read("MEDIA_ROOT", env.str, str(BASE_DIR / "private_media"))},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]
WHITENOISE_USE_FINDERS = DEBUG
# Request sizes. The largest thing anyone sends is a 5 MB document (a logo is 2 MB): a
# request body over 6 MiB is refused before it is read (security.middleware.
# request_body_limit, 413 in the person's language; the proxy refuses the same size first:
# docs/deployment.md). Django's own limits: form fields without the files at most 1 MiB
# (the longest text a form takes is a few pages), 1000 fields (a profile may tick every
# country twice), 5 files (a form takes one); uploads over 2.5 MiB go to a temporary file
# rather than memory.
REQUEST_BODY_MAX_BYTES = 6 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail -----------------------------------------------------------------

EMAIL_URL = _url(
    "EMAIL_URL",
    "consolemail://",
    {"consolemail", "filemail", "smtp", "smtps", "smtp+tls", "smtp+ssl", "memorymail", "dummymail"},
)
# EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT... as django-environ derives them from the URL.
globals().update(_read("EMAIL_URL", env.email_url, EMAIL_URL))
DEFAULT_FROM_EMAIL = _read("DEFAULT_FROM_EMAIL", env.str, "VSI Portal <no-reply@vsi-portal.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ACCESSIBILITY_CONTACT_EMAIL = _read(
    "ACCESSIBILITY_CONTACT_EMAIL", env.str, "accessibilite@vsi-portal.fr"
)

# --- Tasks ------------------------------------------------------------------

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or None
if CELERY_BROKER_URL:
    _url("CELERY_BROKER_URL", CELERY_BROKER_URL, {"redis", "rediss", "amqp", "memory"})
REDIS_URL = os.environ.get("REDIS_URL") or CELERY_BROKER_URL
# Without a broker the portal runs its tasks in-process; services still queue
# them on commit, so behaviour matches production.
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    # A broker that does not answer costs a request about a second, never a hang: the
    # e-mails it would have queued wait in the outbox for the sweep (vsi_portal/outbox/).
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# The periodic jobs (vsi_portal/beat_schedule.py says when each runs and why).
CELERY_BEAT_SCHEDULE = beat_schedule()

# Non-essential e-mails (application news, digests, invitations) to one address in an
# hour; more wait for the next hour. Sent e-mails are deleted after OUTBOX_KEEP_DAYS.
OUTBOX_HOURLY_BUDGET = _read("OUTBOX_HOURLY_BUDGET", env.int, 10)
OUTBOX_KEEP_DAYS = 30
# Messages one person may post in an hour, all their conversations together (abuse limit,
# missions/services/conversations.py).
CONVERSATION_MESSAGES_PER_HOUR = _read("CONVERSATION_MESSAGES_PER_HOUR", env.int, 30)


def caches_for(redis_url: str | None) -> dict[str, dict]:
    """The three caches (vsi_portal/cache.py says what each does while Redis fails)."""
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not redis_url:
        return {
            "default": {**local, "LOCATION": "default"},
            "shared": {**local, "LOCATION": "shared"},
            "local": {**local, "LOCATION": "local"},
        }
    # Redis on the same network answers within a millisecond: a server silent for longer
    # than this is taken as down (the operation is a miss, or counts in this process).
    timeouts = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 1.0}
    return {
        # django-allauth's rate limits: shared by every process, or counted in each one
        # while Redis fails.
        "default": {
            "BACKEND": "vsi_portal.cache.RedisOrLocalCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "limits",
            "OPTIONS": timeouts,
        },
        # Sessions, the public search's pages and its form: a failure is a miss.
        "shared": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {**timeouts, "IGNORE_EXCEPTIONS": True},
        },
        "local": {**local, "LOCATION": "local"},
    }


CACHES = caches_for(REDIS_URL)
# django-redis logs each failure it reads as a miss (warning and traceback) under this name.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "vsi_portal.cache"
# With the shared Redis cache, a session is read from it and written to both (one query
# less a page); while Redis fails it is read from the database. A process-local cache
# would keep a signed-out session alive in the other processes, so without Redis sessions
# stay in the database alone.
SESSION_CACHE_ALIAS = "shared"
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# How long a page of public search results is reused (vsi_portal/search_cache.py); 0: never.
SEARCH_CACHE_SECONDS = _read("SEARCH_CACHE_SECONDS", env.int, 60)

# --- Security ---------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG and urlsplit(SITE_URL).scheme == "https":
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = _read("SECURE_HSTS_SECONDS", env.int, 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Login throttling (django-axes): ten wrong passwords for one account from one
# address lock that pair out for an hour; admins unlock in the Django admin.
# Locking on the pair (not the account alone) keeps an attacker from locking
# a volunteer out of their own account from elsewhere.
AXES_FAILURE_LIMIT = _read("AXES_FAILURE_LIMIT", env.int, 10)
AXES_COOLOFF_TIME = 1  # hour; the lockout page says so
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "vsi_portal.accounts.throttling.login_identifier"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = _read("PROXY_COUNT", env.int, 0)
AXES_ENABLE_ADMIN = True

# Content-Security-Policy (django-csp): no inline or third-party scripts; every
# asset is served from this site. Inline style attributes stay allowed (a few
# progress bars set their width), never inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie; Django's default, stated on purpose

# Data retention (the privacy page states these; privacy.services.retention_apply applies
# them daily): accounts whose address was never verified are deleted after
# RETENTION_UNVERIFIED_DAYS; volunteer accounts nobody signed in to for
# RETENTION_INACTIVE_YEARS are anonymised.
RETENTION_UNVERIFIED_DAYS = 30
RETENTION_INACTIVE_YEARS = _read("RETENTION_INACTIVE_YEARS", env.int, 3)
# django-axes' login records (the login typed, IP address and browser of each sign-in and
# failure) and the audit trail's IP addresses: kept this many days. Audit events (which
# name people by account number only): kept this many years.
RETENTION_LOGIN_RECORDS_DAYS = _read("RETENTION_LOGIN_RECORDS_DAYS", env.int, 90)
RETENTION_AUDIT_YEARS = _read("RETENTION_AUDIT_YEARS", env.int, 5)
# A criminal record extract nobody checked, while no planned contract waits for its check,
# is deleted this many days after it was sent (associations ask for a recent one).
RETENTION_UNCHECKED_CRIMINAL_RECORD_DAYS = 90
# Two-factor authentication (django-otp, TOTP): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "VSI Portal"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _read("LOG_LEVEL", env.str, "INFO")},
}
