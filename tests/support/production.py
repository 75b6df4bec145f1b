"""The environment of a subprocess that runs the portal under its production settings, for tests that start one."""

import os

# The test run's own database, cache, file locations and demo switch never leak into the subprocess.
LEFT_OUT = {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "STATIC_ROOT", "LOAD_DEMO"}


def production_env(var_dir, database_url=None, **extra):
    """``portal.settings.production`` with its state under ``var_dir`` (and ``database_url`` when given)."""
    env = {key: value for key, value in os.environ.items() if key not in LEFT_OUT}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        VAR_DIR=str(var_dir),
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_COOKIES="0",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env
