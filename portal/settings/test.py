"""Settings for the test suite: fast hashing, in-memory e-mail, immediate tasks."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import TEMPLATES

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-default"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-local"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-renditions"},
}
SEARCH_STATS_FLUSH_SECONDS = 0  # tests write query counts with search.stats.flush()
if os.environ.get("REDIS_URL"):  # the end-to-end stage: the shared cache and sessions in Redis, as in production
    from .base import CACHES as _BASE_CACHES

    CACHES["default"] = {**_BASE_CACHES["default"], "KEY_PREFIX": "test"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not os.environ.get("DATABASE_URL"):
    from .base import DATABASES

    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"portal-test-{os.getpid()}.sqlite3")}
from .base import DATABASES  # noqa: E402

if DATABASES["default"].get("OPTIONS", {}).pop("pool", None):
    # One connection per thread in tests (pytest-django's transactions hold it); the pool is
    # exercised by the servers the stack and benchmark runs start.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
TEMPLATES[0]["OPTIONS"]["debug"] = True
# Tests choose the Elasticsearch engine explicitly (tests/search/conftest.py), even where ELASTICSEARCH_URL is set.
PORTAL_SEARCH_ENGINE = "embedded"
SMS_URL = "locmem://"
