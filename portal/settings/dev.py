"""Local development: DEBUG on unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
from .base import SECRET_KEY  # noqa: E402

if not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
