"""The server loads the search engine's facet map once at start, before any resident searches."""

import importlib
import sys

import pytest

pytestmark = pytest.mark.django_db


def test_loading_the_wsgi_application_warms_the_search_engine(embedded_engine, corpus, monkeypatch):
    from django.db import connections

    from search import analysis

    embedded_engine.rebuild()
    assert embedded_engine._facet_maps == {}
    analysis.dictionary.invalidate()  # as in a process that has not analysed anything yet
    closed = []
    # The server closes the connection so no forked worker shares it; the test keeps its own open.
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    sys.modules.pop("portal.wsgi", None)
    try:
        importlib.import_module("portal.wsgi")
    finally:
        import gc

        gc.unfreeze()
    assert closed
    assert analysis.dictionary._loaded_version is not None  # jieba and the domain terms are loaded
    state = embedded_engine._facet_maps["state"]
    assert state["version"] == embedded_engine.version()
    # The first search counts from the loaded map: no full read of the table.
    reads = []
    batches = embedded_engine._row_batches
    monkeypatch.setattr(embedded_engine, "_row_batches", lambda sql, params: reads.append(sql) or batches(sql, params))
    assert embedded_engine.search("网格").facets["category"]
    assert reads == []


def test_warming_answers_searches_without_counting_them_or_changing_results(embedded_engine, corpus):
    """The warm-up's searches are the server's own: no statistics, and residents get the same answers."""
    from search.models import QueryStat

    embedded_engine.rebuild()
    before = [(r.key, r.score) for r in embedded_engine.search("网格").hits]
    searched = []
    original = embedded_engine.search
    embedded_engine.search = lambda query, **options: searched.append(query) or original(query, **options)
    try:
        embedded_engine.warm()
    finally:
        del embedded_engine.search
    assert searched == [query for query, _options in embedded_engine.WARM_SEARCHES]
    assert not QueryStat.objects.exists()
    assert [(r.key, r.score) for r in embedded_engine.search("网格").hits] == before
