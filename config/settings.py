"""Settings, read from the environment only (see .env.example).

Debug is off unless DJANGO_DEBUG says otherwise, and then DJANGO_SECRET_KEY must be set:
production fails at start-up rather than run with a known key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-do-not-deploy")
else:
    try:
        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    except KeyError:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off (see .env.example)"
        ) from None

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "municipalities",
    "parties",
    "pledges",
    "sources",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.caching.PublicCaching",  # outside the rest: a kept page keeps their headers
    "csp.middleware.CSPMiddleware",
    "config.errors.PermissionsPolicy",
    "config.errors.RejectNullCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

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
                "pledges.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Content-Security-Policy (django-csp): our pages load scripts, styles, images and fonts from
# this site only, with nothing inline; no page may be framed except the compare embed, which
# allows any site (pledges/views/compare.py). The admin is Django's own and keeps its inline
# bits, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Uploaded and fetched originals (PDF, HTML, DOCX, text). Any storage Django's storage API
# supports works: set STORAGES["default"] to an S3-compatible backend in production.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("VALLOFTEN_MEDIA_ROOT", BASE_DIR / "media"))

# Background work (reading and parsing programs) runs on django-tasks. The database backend
# needs no extra service: `manage.py db_worker` runs the queue (`make run` starts one).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("VALLOFTEN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# Fetching programs from addresses: the project's name in every request, bounded in size and
# time. Addresses on private networks are refused unless this is set (development, tests).
FETCH_USER_AGENT = "Valloften/1.0 (+https://github.com/valloften; import of party programs)"
FETCH_MAX_BYTES = int(os.environ.get("VALLOFTEN_FETCH_MAX_MB", "50")) * 1024 * 1024
FETCH_TIMEOUT = float(os.environ.get("VALLOFTEN_FETCH_TIMEOUT", "20"))
FETCH_ALLOW_PRIVATE = env_bool("VALLOFTEN_FETCH_ALLOW_PRIVATE", DEBUG)

# Where the program texts, their manifest and the built fixtures live.
FIXTURES_DIR = BASE_DIR / "fixtures"
PROGRAMS_DIR = FIXTURES_DIR / "programs"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "3600"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a one-way decision for whoever owns the domain: opt in explicitly.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_CONTENT_TYPE_NOSNIFF = True

# A cache shared by every process (gunicorn workers, app servers): Redis when configured; a
# local in-memory cache only in development. Rate limits count in it.
REDIS_URL = os.environ.get("VALLOFTEN_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Readers' pages (config/caching.py): kept whole in the cache for PAGE_CACHE_SECONDS (0: not
# kept) under the data version; browsers may reuse them for BROWSER_CACHE_SECONDS (0: they ask
# again each time, and get a 304 while nothing changed, so an editor sees a change at once),
# a CDN for CDN_CACHE_SECONDS. RELEASE names the build in ETags (default: a digest of the code).
PAGE_CACHE_SECONDS = int(os.environ.get("VALLOFTEN_PAGE_CACHE_SECONDS", "3600"))
BROWSER_CACHE_SECONDS = int(os.environ.get("VALLOFTEN_BROWSER_CACHE_SECONDS", "0"))
CDN_CACHE_SECONDS = int(os.environ.get("VALLOFTEN_CDN_CACHE_SECONDS", "300"))
RELEASE = os.environ.get("VALLOFTEN_RELEASE", "")
# Each process reads the data version (pledges/freshness.py) at most once in this many seconds
# (0: on every request): a kept page then costs no database query.
DATA_VERSION_SECONDS = float(os.environ.get("VALLOFTEN_DATA_VERSION_SECONDS", "1"))

# How many proxies in front of the app append to X-Forwarded-For (the TLS proxy the README
# prescribes is one). The visitor's address is the one the outermost trusted proxy saw;
# with 0, X-Forwarded-For is ignored (anyone can send it).
TRUSTED_PROXIES = int(os.environ.get("VALLOFTEN_TRUSTED_PROXIES", "0"))

# Admin logins (django-axes): after 5 failed attempts for one user name from one address, that
# pair is locked out for an hour. Counted in the database, so every process sees them.
AXES_FAILURE_LIMIT = int(os.environ.get("VALLOFTEN_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "config.errors.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command

# Public error reports: at most this many per visitor (by IP address) per hour.
# Who stands behind the site's reviews and ratings: readers see this name, never a login.
NEWSROOM_NAME = os.environ.get("VALLOFTEN_NEWSROOM", "Vallöftens redaktion")
ERROR_REPORTS_PER_HOUR = int(os.environ.get("VALLOFTEN_ERROR_REPORTS_PER_HOUR", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
