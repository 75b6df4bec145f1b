"""Small helpers that read settings from the environment."""

import os
import stat
from pathlib import Path


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


def env_addresses(name):
    """Read e-mail addresses such as ADMINS="运维值班 <ops@example.cn>, dev@example.cn" as (name, address) pairs."""
    from email.utils import getaddresses

    return [(label, address) for label, address in getaddresses([os.environ.get(name, "")]) if "@" in address]


def var_dir(base_dir):
    """The per-installation state directory: VAR_DIR (relative to the checkout) or ``var/`` in it."""
    return (Path(base_dir) / os.environ.get("VAR_DIR", "var")).resolve()


# Traverse-only for others, nothing readable: `make stack` run as root sets it on VAR_DIR so that PostgreSQL,
# which runs as its own user with its data under VAR_DIR, can reach its files (scripts/stack.py).
TRAVERSE_ONLY = 0o711


def private_dir(path):
    """Create ``path`` if needed and make it readable by this user only (0700): it holds residents' data.

    A directory already traverse-only (0711) keeps that: nobody else can list or read it, and tightening it
    to 0700 would cut off a PostgreSQL server keeping its data inside (it aborts at its next checkpoint).
    """
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) not in (0o700, TRAVERSE_ONLY):
        path.chmod(0o700)
    return path


def private_file(path):
    """Create ``path`` empty if missing, and make it readable by this user only (0600)."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)
    return path
