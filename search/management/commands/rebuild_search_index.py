"""manage.py rebuild_search_index: re-index all live public content atomically, with a progress bar.

The rebuild runs at a lower CPU priority (``--nice``, default 10): analysing every document keeps a core
busy for minutes, and on a small server the residents' searches and pages, answered meanwhile from the
old index, should get the processor first. On PostgreSQL the database process serving the rebuild is
lowered too when the server runs on the same machine (``lower_database_priority``).
"""

import logging
import os
import resource
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections
from tqdm import tqdm

from search import registry
from search.engine import get_engine

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Rebuild the search index from all live public content (atomic: searches keep working meanwhile)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")
        parser.add_argument(
            "--skip-wagtail", action="store_true", help="Leave Wagtail's admin search index (update_index) alone."
        )

        parser.add_argument(
            "--nice", type=int, default=10, help="Lower this process's CPU priority by this much (0: unchanged)."
        )

    def handle(self, *args, **options):
        lower_priority(options["nice"])
        engine = get_engine()
        total = registry.count_public()
        started = time.perf_counter()
        with tqdm(
            total=total,
            desc="重建搜索索引",
            unit="篇",
            file=self.stderr._out,
            disable=options["no_progress"] or options["verbosity"] == 0,
        ) as bar:
            count = engine.rebuild(progress=bar.update)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
        seconds = time.perf_counter() - started
        if not options["skip_wagtail"]:
            # The admin's own index is analysed the same way (search/wagtail_backend.py).
            call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"搜索索引已重建（{engine.name}）：{count} 篇，用时 {seconds:.1f} 秒，"
                f"约 {count / seconds if seconds else 0:.0f} 篇/秒，进程内存峰值 {peak_mb:.0f} MB。"
            )
        )


def lower_priority(increment, using="default"):
    """Lower this process's CPU priority by ``increment`` (for the rest of its run), and that of the
    database process serving it (``lower_database_priority``)."""
    if increment > 0:
        os.nice(increment)
        lower_database_priority(increment, using)


LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


def lower_database_priority(increment, using="default"):
    """Lower the CPU priority of the PostgreSQL server process that serves this process's connection.

    On PostgreSQL the rebuild's heaviest steps run in the server's process, not in this one: it
    builds the staged table's indexes, then ``VACUUM ANALYZE`` reads the new table (seconds to tens
    of seconds at 100,000 documents, a whole core), while residents' searches wait for the processor. Only when the server runs on this machine (a
    socket or a loopback address) and this user may change that process's priority (the same
    user, or root); otherwise nothing changes. SQLite runs inside this process, already lowered.
    """
    connection = connections[using]
    host = connection.settings_dict.get("HOST") or ""
    if increment <= 0 or connection.vendor != "postgresql" or not (host in LOCAL_HOSTS or host.startswith("/")):
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, pid) + increment))
    except OSError as exc:  # another user's process, or not on this machine after all
        logger.info("rebuild_search_index: the database process keeps its priority (%s)", exc)
        return False
    return True
