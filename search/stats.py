"""Anonymous query counts: what residents search for, and what finds nothing.

Only the normalised query text, the day and counters are stored: no user, IP, session or time of day.
"""

import atexit
import datetime
import logging
import os
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from search.models import QueryStat, SearchTerm

logger = logging.getLogger(__name__)
REPORT_DAYS = 30
POPULAR_CACHE_KEY = "search:popular"
MIN_CHARS, MAX_CHARS = 2, 40
FLUSH_SECONDS = 10  # how often each process writes its counts (SEARCH_STATS_FLUSH_SECONDS; 0: only when asked)

_lock = threading.Lock()
_pending = {}  # (day, query) → [searches, zero results, last total]
_flusher = {"pid": None}


def record(query_norm, total):
    """Count one search (first result page only) in memory: the request never waits for the database.

    Each process writes its counts in one transaction every few seconds (``flush``), from a
    thread of its own, so a search never waits on a writer's lock (SQLite has one for the whole
    database, and a rebuild or a busy editor may hold it).
    """
    query_norm = " ".join((query_norm or "").split())
    if not (MIN_CHARS <= len(query_norm) <= MAX_CHARS):
        return
    with _lock:
        counts = _pending.setdefault((timezone.localdate(), query_norm), [0, 0, 0])
        counts[0] += 1
        counts[1] += 0 if total else 1
        counts[2] = total
    _start_flusher()


def flush():
    """Write the counts recorded so far in this process (one transaction); returns how many queries.

    Counts that cannot be written (the database is busy or down) are kept for the next flush.
    """
    with _lock:
        batch = dict(_pending)
        _pending.clear()
    if not batch:
        return 0
    try:
        with transaction.atomic():
            for (day, query), (searches, zero_results, last_total) in sorted(batch.items()):
                stat, _ = QueryStat.objects.get_or_create(day=day, query=query)
                QueryStat.objects.filter(pk=stat.pk).update(
                    searches=F("searches") + searches,
                    zero_results=F("zero_results") + zero_results,
                    last_total=last_total,
                )
    except DatabaseError:
        logger.warning("could not write search query counts; keeping them for the next flush", exc_info=True)
        with _lock:
            for key, (searches, zero_results, last_total) in batch.items():
                counts = _pending.setdefault(key, [0, 0, last_total])
                counts[0] += searches
                counts[1] += zero_results
        return 0
    return len(batch)


def _flush_forever(seconds):
    while True:
        threading.Event().wait(seconds)
        try:
            flush()
        finally:
            connections.close_all()  # this thread's connections only


def _start_flusher():
    """Start this process's flushing thread once (again in a forked worker: threads do not survive a fork)."""
    seconds = getattr(settings, "SEARCH_STATS_FLUSH_SECONDS", FLUSH_SECONDS)
    if not seconds or _flusher["pid"] == os.getpid():
        return
    with _lock:
        if _flusher["pid"] == os.getpid():
            return
        _flusher["pid"] = os.getpid()
    threading.Thread(target=_flush_forever, args=(seconds,), name="search-stats", daemon=True).start()
    atexit.register(flush)


def _since(days):
    return timezone.localdate() - datetime.timedelta(days=days - 1)


def top_queries(days=REPORT_DAYS, limit=50):
    """[{query, searches, zero_results}] of the last ``days`` days, most searched first."""
    return list(
        QueryStat.objects.filter(day__gte=_since(days))
        .values("query")
        .annotate(searches=Sum("searches"), zero_results=Sum("zero_results"), last_day=Max("day"))
        .order_by("-searches", "query")[:limit]
    )


def zero_result_queries(days=REPORT_DAYS, limit=50):
    """Queries that found nothing at least once in the last ``days`` days, most frequent first."""
    return list(
        QueryStat.objects.filter(day__gte=_since(days), zero_results__gt=0)
        .values("query")
        .annotate(zero_results=Sum("zero_results"), searches=Sum("searches"), last_day=Max("day"))
        .order_by("-zero_results", "query")[:limit]
    )


def popular_searches(limit=8):
    """Searches to offer residents: editor-picked terms first, then frequent queries that found something."""
    cached = cache.get(POPULAR_CACHE_KEY)
    if cached is not None:
        return cached[:limit]
    picked = list(SearchTerm.objects.filter(show_as_popular=True).order_by("term").values_list("term", flat=True))
    frequent = [
        row["query"]
        for row in QueryStat.objects.filter(day__gte=_since(REPORT_DAYS), last_total__gt=0)
        .values("query")
        .annotate(n=Sum("searches"))
        .filter(n__gte=3)
        .order_by("-n", "query")[:20]
    ]
    result = list(dict.fromkeys(picked + frequent))
    cache.set(POPULAR_CACHE_KEY, result, 600)
    return result[:limit]
