"""Small helpers that read settings from the environment."""

import os


def env_bool(name, default=False):
    """Read a boolean such as DEBUG=1 / true / yes."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    """Read a comma-separated list such as ALLOWED_HOSTS=a.example,b.example."""
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
