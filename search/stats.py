"""Anonymous query counts: what residents search for, and what finds nothing.

Only the normalised query text, the day and counters are stored: no user, IP, session or time of day.
"""

import datetime
import logging

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from search.models import QueryStat, SearchTerm

logger = logging.getLogger(__name__)
REPORT_DAYS = 30
POPULAR_CACHE_KEY = "search:popular"
MIN_CHARS, MAX_CHARS = 2, 40


def record(query_norm, total):
    """Count one search (first result page only); failures are logged, never raised."""
    query_norm = " ".join((query_norm or "").split())
    if not (MIN_CHARS <= len(query_norm) <= MAX_CHARS):
        return
    today = timezone.localdate()
    try:
        with transaction.atomic():
            stat, _ = QueryStat.objects.get_or_create(day=today, query=query_norm)
            QueryStat.objects.filter(pk=stat.pk).update(
                searches=F("searches") + 1,
                zero_results=F("zero_results") + (0 if total else 1),
                last_total=total,
            )
    except DatabaseError:
        logger.warning("could not record a search query", exc_info=True)


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
