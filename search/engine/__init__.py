"""The search engine chosen by settings: embedded by default, Elasticsearch when ELASTICSEARCH_URL is set
(with the embedded engine kept current as its fallback unless SEARCH_FALLBACK=0).

Everything outside this package calls :func:`get_engine` and the :class:`SearchEngine` interface.
"""

import threading

from django.conf import settings

from search.engine.base import (
    FACETS,
    DriftReport,
    Near,
    SearchEngine,
    SearchUnavailable,
)
from search.results import FacetValue, Hit, SearchResults

__all__ = [
    "FACETS",
    "DriftReport",
    "FacetValue",
    "Hit",
    "Near",
    "SearchEngine",
    "SearchResults",
    "SearchUnavailable",
    "get_engine",
    "reset_engine",
]

_lock = threading.Lock()
_engine = None


def build_engine(name=None):
    """A new engine instance by name ("embedded" or "elasticsearch")."""
    name = name or getattr(settings, "PORTAL_SEARCH_ENGINE", "embedded")
    if name == "elasticsearch":
        from search.engine.elastic import ElasticsearchEngine

        engine = ElasticsearchEngine.from_settings()
        if getattr(settings, "SEARCH_FALLBACK", True):
            from search.engine.embedded import EmbeddedEngine
            from search.engine.fallback import FallbackEngine

            return FallbackEngine(engine, EmbeddedEngine())
        return engine
    if name == "embedded":
        from search.engine.embedded import EmbeddedEngine

        return EmbeddedEngine()
    raise ValueError(f"unknown PORTAL_SEARCH_ENGINE {name!r}")


def get_engine():
    """The process-wide engine configured by PORTAL_SEARCH_ENGINE."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = build_engine()
    return _engine


def reset_engine(engine=None):
    """Replace (or forget) the process-wide engine; used by tests and settings changes."""
    global _engine
    with _lock:
        _engine = engine
