"""manage.py run_periodic: the portal's small scheduler, so one machine needs no cron.

Every minute it publishes pages whose scheduled time has come (Wagtail's publish_scheduled) and
enqueues the worker's heartbeat (see portal/heartbeat.py); every five minutes it re-sends
notifications still waiting in the outbox and every ten minutes texts the
reminders of activities starting within a day; once a day it prunes old task results; and when
BACKUP_EVERY_HOURS is set, it writes a backup at that interval and keeps the newest BACKUP_KEEP.
Runs until stopped; `--once` runs each job once and exits.
"""

import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal import heartbeat

DAY = 24 * 60


def jobs():
    """(name, every N minutes, function) for every job this installation runs."""
    available = get_commands()

    def command(name, **options):
        return lambda: call_command(name, verbosity=0, **options)

    found = [
        ("publish_scheduled", 1, command("publish_scheduled")),
        ("worker_heartbeat", 1, heartbeat.beat.enqueue),
        ("retry_feedback_notifications", 5, command("retry_feedback_notifications")),
        ("send_activity_reminders", 10, command("send_activity_reminders")),
    ]
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        found.append(("prune_db_task_results", DAY, command("prune_db_task_results", min_age_days=14)))
    if settings.BACKUP_EVERY_HOURS:
        found.append(("backup", settings.BACKUP_EVERY_HOURS * 60, command("backup", keep=settings.BACKUP_KEEP)))
    return [(name, every, run) for name, every, run in found if name in available or name == "worker_heartbeat"]


class Command(BaseCommand):
    help = "Run periodic jobs (scheduled publishing, heartbeat, notification retries, backups) every minute."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every job once and exit")

    def handle(self, *args, **options):
        scheduled = jobs()
        minute = 0
        while True:
            for name, every, run in scheduled:
                if minute % every == 0:
                    try:
                        run()
                    except Exception as exc:  # noqa: BLE001 - one failing job must not stop the others
                        self.stderr.write(f"{name} failed: {exc!r}")
                    finally:
                        close_old_connections()
            if options["once"]:
                return
            minute += 1
            time.sleep(60)
