"""Elasticsearch with the embedded engine as its fallback (``SEARCH_FALLBACK=1``, the default).

Every write goes to both engines, the embedded one first (it lives in the site's own database), so the
fallback is always current. A search or a suggestion asks Elasticsearch; when the cluster is down, slow
or failing (``SearchUnavailable``, raised within ``ELASTICSEARCH_TIMEOUT``) the embedded engine answers,
and for ``RETRY_AFTER_SECONDS`` this process asks it directly instead of waiting for the cluster again.
"""

import logging
import threading
import time

from search import registry
from search.engine.base import FACETS, PER_PAGE, SearchEngine, SearchUnavailable

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class FallbackEngine(SearchEngine):
    """Writes to both engines; reads from the primary, or from the fallback while the primary fails."""

    name = "elasticsearch"

    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback
        self._lock = threading.Lock()
        self._down_until = 0.0

    # -- writing: both, the fallback first ------------------------------------------------
    def index_bulk(self, documents):
        prepared = [d if isinstance(d, registry.PreparedDocument) else registry.prepare(d) for d in documents]
        prepared = [p for p in prepared if p is not None]
        written = self.fallback.index_bulk(prepared)
        self.primary.index_bulk(prepared)
        return written

    def delete(self, key_or_obj):
        self.fallback.delete(key_or_obj)
        self.primary.delete(key_or_obj)

    def update_suggestions(self, vocabulary):
        self.fallback.update_suggestions(vocabulary)
        self.primary.update_suggestions(vocabulary)

    def rebuild(self, progress=None):
        self.fallback.rebuild()
        return self.primary.rebuild(progress)

    # -- reading: the primary while it answers -----------------------------------------------
    def _read(self, method, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return getattr(self.primary, method)(*args, **kwargs), False
            except SearchUnavailable:
                logger.warning("Elasticsearch unavailable; answering from the embedded engine", exc_info=True)
                with self._lock:
                    self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
        return getattr(self.fallback, method)(*args, **kwargs), True

    def search(self, query, filters=None, facets=FACETS, near=None, page=1, per_page=PER_PAGE):
        results, from_fallback = self._read("search", query, filters, facets, near, page, per_page)
        results.fallback = from_fallback
        return results

    def suggest(self, prefix, limit=8):
        return self._read("suggest", prefix, limit)[0]

    def vocabulary(self, limit):
        return self._read("vocabulary", limit)[0]

    # -- maintenance: the primary is the index that counts -----------------------------------
    def keys_containing(self, words):
        return self.primary.keys_containing(words)

    def indexed_checksums(self):
        return self.primary.indexed_checksums()

    def warm(self):
        self.fallback.warm()

    def health(self):
        health = self.primary.health()
        fallback = self.fallback.health()
        return {**health, "fallback": fallback, "ok": bool(health.get("ok") or fallback.get("ok"))}
