"""The task worker's heartbeat: the scheduler enqueues `beat` every minute and the worker records when it ran it.

The time goes into the shared "default" cache (Redis, or files under VAR_DIR), so /healthz on any app
server sees whether background work (e-mails, retries, backups) is being done.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import caches
from django_tasks import task

KEY = "portal:worker-heartbeat"
STALE_AFTER = datetime.timedelta(minutes=5)
IMMEDIATE_BACKENDS = {"django_tasks.backends.immediate.ImmediateBackend", "django_tasks.backends.dummy.DummyBackend"}


@task()
def beat():
    """Run by the worker: record that it is alive and taking tasks."""
    caches["default"].set(KEY, time.time(), timeout=24 * 3600)


def worker_status(now=None):
    """Whether the worker ran a heartbeat in the last few minutes (always true when tasks run in-process)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend in IMMEDIATE_BACKENDS:
        return {"ok": True, "mode": "in-process"}
    try:
        seen = caches["default"].get(KEY)
    except Exception as exc:  # noqa: BLE001 - an unreachable cache is reported, not raised
        return {"ok": False, "error": exc.__class__.__name__}
    if seen is None:
        return {"ok": False, "last_seen": None}
    age = (now or time.time()) - seen
    return {
        "ok": age <= STALE_AFTER.total_seconds(),
        "last_seen": datetime.datetime.fromtimestamp(seen, tz=datetime.UTC).isoformat(timespec="seconds"),
        "age_s": round(age),
    }
