"""Settings shared by every environment.

Everything environment-specific comes from environment variables (see README);
with none set, the embedded one-machine default runs: SQLite in ``var/`` in WAL
mode, a local-memory cache and the embedded search engine. Everything an installation
keeps (database, secret key, logs, static files, media, cache, backups) lives under
VAR_DIR, readable by the portal's user only.
"""

import importlib.util
import os
from pathlib import Path

import dj_database_url

from .env import env_addresses, env_bool, env_list, private_dir, private_file, var_dir

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = var_dir(BASE_DIR)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Reverse proxies (addresses or CIDRs) whose X-Forwarded-For / X-Real-IP name the client
# (portal/ground/client.py); empty: the direct peer is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

INSTALLED_APPS = [
    "home",
    "search",
    "services.places",
    "services.catalog",
    "services.showcase",
    "services.feedback",
    "services.participation",
    "services.party",
    "services.bookings",
    "portal",
    "portal.security",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "portal.sites_admin",  # in place of "wagtail.sites": the same views with Chinese column headers
    "portal.sites_admin.apps.UsersAppConfig",  # wagtail.users with 是/否 in the users list
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.middleware.ContentSecurityPolicyMiddleware",
    "portal.security.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside sessions and CSRF: it sees every cookie they set (portal/ground/page_cache.py).
    "portal.ground.page_cache.PageCacheMiddleware",
    "portal.middleware.StripNullCharactersMiddleware",
    "portal.ground.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.security.middleware.AdminIdleTimeoutMiddleware",
    "portal.security.middleware.AdminTwoFactorMiddleware",
    "portal.security.middleware.AdminDenialMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout signalled during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite in var/ by default (WAL mode and a busy timeout are set on
# every connection, see portal/apps.py); DATABASE_URL switches to PostgreSQL.
# Connections are kept between requests (CONN_MAX_AGE, default 60 s) on both engines: opening a
# SQLite connection and running its PRAGMAs cost about as much CPU as rendering a cached page.
private_dir(VAR_DIR)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Created 0600 before SQLite opens it: it holds residents' names and phone numbers, and SQLite
    # gives its -wal and -shm files the database file's permissions.
    if DATABASES["default"]["NAME"] != ":memory:":
        private_file(DATABASES["default"]["NAME"])
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA mmap_size=134217728;"
            "PRAGMA cache_size=-20000;"
        ),
    }

if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and os.environ.get("DATABASE_POOL", "1") != "0"
    and importlib.util.find_spec("psycopg_pool")  # the postgres extra installs it
):
    # A connection pool in each process (psycopg_pool): request threads borrow connections that
    # stay open, instead of each thread opening its own and closing it after CONN_MAX_AGE. A new
    # PostgreSQL connection is a new server process that reads the catalogue again for every
    # table and function its first statements touch (tens of milliseconds for a search); the
    # pool's connections are opened and warmed once in each server worker before it answers
    # anything (portal/wsgi.py). DATABASE_POOL=0 goes back to one connection per thread.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django's rule with a pool: the pool keeps them
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX", "8")),
        "timeout": 10,  # seconds a request waits for a free connection
        "max_idle": 600,
        "max_lifetime": 3600,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches.
# - "default" is shared by every worker process: Redis when REDIS_URL is set, else files in
#   var/cache (rate limits, challenge answers and the like must count across workers).
# - "local" is each process's own memory, for values keyed by the content version (routing,
#   rendered fragments): they can never be stale, so sharing them would only add I/O.
REDIS_URL = os.environ.get("REDIS_URL", "")
LOCAL_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "portal-local",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            # Falls back to process memory while Redis is down (portal/ground/redis_fallback.py).
            "BACKEND": "portal.ground.redis_fallback.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "portal"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
        "local": LOCAL_CACHE,
    }
    # Sessions read through Redis but live in the database: a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        "local": LOCAL_CACHE,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Wagtail looks renditions up on every image tag; keep them in process memory.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the site and the admin speak Simplified Chinese.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
# Staff work in Beijing time; by default Wagtail's account page lists every zone the system knows, English
# identifiers among them and aliases such as "localtime" that the browser rejects (RangeError). With one
# zone Wagtail shows no time-zone field and every admin page reads Beijing time.
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
USE_I18N = True
USE_TZ = True
# portal/locale first (site-wide wording, better Chinese for Django's form messages), then
# locale/ (Chinese for Wagtail admin messages its own catalogues lack), then each app's catalogue.
LOCALE_PATHS = [PROJECT_DIR / "locale", BASE_DIR / "locale"]

# Static files: hashed, compressed, served by WhiteNoise.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Text messages (sign-in codes, notices): SMS_URL is console:// (default), file:///folder, locmem:// or an
# http(s) gateway URL (see services/participation/sms.py for the request shape).
SMS_URL = os.environ.get("SMS_URL", "console://")
SMS_TOKEN = os.environ.get("SMS_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "")
# A resident's sign-in lasts this long (seconds) unless they sign out.
RESIDENT_SESSION_SECONDS = int(os.environ.get("RESIDENT_SESSION_SECONDS", str(7 * 24 * 3600)))

# E-mail: EMAIL_URL such as smtp://user:pass@host:587 (console by default).
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    from urllib.parse import unquote, urlparse

    _email = urlparse(EMAIL_URL)
    if _email.scheme in {"smtp", "smtps", "submission"}:
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = _email.hostname or "localhost"
        EMAIL_PORT = _email.port or (465 if _email.scheme == "smtps" else 587)
        EMAIL_HOST_USER = unquote(_email.username or "")
        EMAIL_HOST_PASSWORD = unquote(_email.password or "")
        EMAIL_USE_SSL = _email.scheme == "smtps"
        EMAIL_USE_TLS = _email.scheme == "submission"
    elif _email.scheme == "file":
        EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        EMAIL_FILE_PATH = _email.path
    elif _email.scheme == "locmem":
        EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    else:
        EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
# Who hears about server errors: ADMINS="运维值班 <ops@example.cn>, dev@example.cn" gets an e-mail for
# every 500 (details, no settings), sent from SERVER_EMAIL.
ADMINS = env_addresses("ADMINS")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background tasks (django-tasks backport of Django 6's task framework):
# the database backend on one machine, so a failed e-mail is retried later.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Search: the embedded engine by default, Elasticsearch when ELASTICSEARCH_URL is set.
# ELASTICSEARCH_URL lists hosts separated by commas (credentials allowed: https://user:pass@es1:9200);
# a default Elasticsearch 8 install has TLS on: give its CA file or the certificate's SHA-256 fingerprint.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_FINGERPRINT = os.environ.get("ELASTICSEARCH_FINGERPRINT", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
# Replicas per index; empty means auto_expand_replicas 0-1 (one replica as soon as a second node joins).
ELASTICSEARCH_REPLICAS = os.environ.get("ELASTICSEARCH_REPLICAS", "")
# Seconds a resident's search waits for the cluster before the fallback (or the 503 page) answers.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# With Elasticsearch configured, keep the embedded engine current too and answer from it while the cluster is
# down or slow; off: a "搜索暂时不可用" page (503) instead.
SEARCH_FALLBACK = env_bool("SEARCH_FALLBACK", True)
SEARCH_ENV = os.environ.get("SEARCH_ENV", "dev")
PORTAL_SEARCH_ENGINE = "elasticsearch" if ELASTICSEARCH_URL else "embedded"
WAGTAILSEARCH_BACKENDS = {
    # Wagtail's database backend with the portal's Chinese analysis (search/wagtail_backend.py).
    "default": {"BACKEND": "search.wagtail_backend"},
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "云溪区党群服务门户")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Documents always go through Wagtail's view (collection privacy), which hands the file to nginx
# (X-Accel-Redirect, X_ACCEL_REDIRECT=1 behind nginx) or streams it; /media/ serves image renditions only.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "portal.ground.sendfile"
X_ACCEL_REDIRECT = env_bool("X_ACCEL_REDIRECT", False)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "doc", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "xls", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: unreachable in China, and it would send editors' e-mail hashes abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# The page cache in front (nginx, deploy/nginx/portal.conf): how long it may keep an anonymous
# public page (X-Accel-Expires), and where to send PURGE requests when content changes.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_OTHER_SECONDS = int(os.environ.get("PAGE_CACHE_OTHER_SECONDS", "60"))
PAGE_CACHE_LISTINGS = ["/news/feed/", "/sitemap.xml"]
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "portal.ground.page_cache.NginxPurgeBackend", "LOCATION": FRONTEND_CACHE_PURGE_URL}
    }

# '这个页面有用吗' answers accepted per client address and hour (services/catalog/views.py); then 429.
USEFULNESS_RATE_LIMIT = int(os.environ.get("USEFULNESS_RATE_LIMIT", "30"))

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# Logs: plain lines, or one JSON object per line with LOG_FORMAT=json (for a log collector).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # API keys in query strings and private tracking tokens in paths never reach a log.
    "filters": {
        "scrub_secrets": {"()": "portal.ground.logs.ScrubSecretsFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["scrub_secrets"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
        # Every 500 by e-mail to ADMINS (nothing is sent while ADMINS is empty).
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "scrub_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
    },
}

# Error reporting to a Sentry server (self-hosted or GlitchTip) when SENTRY_DSN is set; no personal data sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    from portal.ground.logs import scrub_event as scrub_sentry_event

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", SEARCH_ENV),
        send_default_pii=False,
        before_send=scrub_sentry_event,  # no API key or tracking token in URLs, Referers or breadcrumbs
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Backups (manage.py backup): written to BACKUP_DIR; run_periodic writes one every BACKUP_EVERY_HOURS
# hours (0 = no schedule) and keeps the newest BACKUP_KEEP.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or VAR_DIR / "backups")
BACKUP_EVERY_HOURS = int(os.environ.get("BACKUP_EVERY_HOURS", "0"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))
# --- Staff sign-in protection (see portal/security and docs/SECURITY.md) ---
AUTHENTICATION_BACKENDS = [
    # django-axes refuses a locked-out account or address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock after this many failures for one account OR from one address, for the cool-off time.
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = float(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "30")) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"
# The shared client address (portal.ground.client, honouring TRUSTED_PROXIES), not the proxy's.
AXES_CLIENT_IP_CALLABLE = "portal.security.lockout.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = True

# Two-factor sign-in (django-otp): TOTP apps plus one-time recovery codes. Required for superusers,
# for members of these groups ("*" as in shell patterns) and for holders of these permissions;
# optional for other staff (once a device is added it is always asked for).
ADMIN_TWO_FACTOR_GROUPS = env_list("ADMIN_TWO_FACTOR_GROUPS", ["审核员", "诉求受理中心", "部门：*"])
ADMIN_TWO_FACTOR_PERMISSIONS = env_list(
    "ADMIN_TWO_FACTOR_PERMISSIONS", ["feedback.manage_tickets", "feedback.view_personal_data"]
)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
ADMIN_RECOVERY_CODE_COUNT = 10

# An admin session ends after this many idle minutes.
ADMIN_IDLE_TIMEOUT_MINUTES = float(os.environ.get("ADMIN_IDLE_TIMEOUT_MINUTES", "30"))

# Content-Security-Policy (django-csp 4). The public site: scripts and styles from the site only,
# no inline script, no eval, no wildcard, no data: scripts. The admin (ADMIN_CONTENT_SECURITY_POLICY)
# needs inline scripts and styles that Wagtail's own panels and widgets write.
_CSP_COMMON = {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "frame-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "worker-src": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "script-src": ["'self'"], "style-src": ["'self'"]},
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
    },
}
# Functions (request -> {directive: [sources]}) adding sources that editors configure to the policy.
CSP_SOURCE_PROVIDERS = ["services.places.csp.tile_sources"]
# Permissions-Policy: every powerful feature off; a page that needs one (the station finder's
# "离我最近", the report form's pin) asks for it with {% permit_feature "geolocation" %}.
PERMISSIONS_POLICY_FEATURES = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
