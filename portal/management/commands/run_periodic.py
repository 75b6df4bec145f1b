"""manage.py run_periodic: the portal's small scheduler, so one machine needs no cron.

Every minute it publishes pages whose scheduled time has come (Wagtail's publish_scheduled);
every five minutes it re-sends notifications still waiting in the outbox, when the feedback
app provides that command. Runs until stopped; `--once` runs each job once and exits.
"""

import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import close_old_connections

JOBS = [
    # (command, every N minutes)
    ("publish_scheduled", 1),
    ("retry_feedback_notifications", 5),
]


class Command(BaseCommand):
    help = "Run periodic jobs (scheduled publishing, notification retries) every minute."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every job once and exit")

    def handle(self, *args, **options):
        available = get_commands()
        jobs = [(name, every) for name, every in JOBS if name in available]
        minute = 0
        while True:
            for name, every in jobs:
                if minute % every == 0:
                    try:
                        call_command(name, verbosity=0)
                    except Exception as exc:  # noqa: BLE001 - one failing job must not stop the others
                        self.stderr.write(f"{name} failed: {exc!r}")
                    finally:
                        close_old_connections()
            if options["once"]:
                return
            minute += 1
            time.sleep(60)
