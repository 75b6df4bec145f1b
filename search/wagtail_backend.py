"""Wagtail's own search (admin page, snippet and image search) through the portal's Chinese analysis.

Wagtail's database backends store text as the database tokenises it, so an unbroken run of Chinese
is one token and 网格 does not find 社区实行网格化管理. These subclasses store analysed, space-joined
tokens instead and analyse every query the same way. Use in settings::

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
"""

import copy
import types
from functools import lru_cache

from django.db import connection

from search import analysis


def _indexed_tokens(text):
    """Index tokens of ``text`` plus those of its words' synonyms, so 低保 finds 最低生活保障 in the admin too."""
    tokens = analysis.tokenize(text)
    extra = []
    for token in dict.fromkeys(tokens):
        for synonym in analysis.dictionary.synonyms_of(token):
            extra.extend(analysis.tokenize(synonym, normalized=True))
    return " ".join([*tokens, *extra])


def _analysed_value(prepare_value):
    def prepare(self, value):
        return _indexed_tokens(prepare_value(self, value))

    return prepare


def _with_indexer(function, indexer_class):
    """``function`` re-bound so the name ``ObjectIndexer`` inside it means ``indexer_class``.

    The upstream ``add_items`` builds its indexer by that global name; re-binding keeps the upstream
    code (and its fixes) instead of copying it here.
    """
    namespace = dict(function.__globals__, ObjectIndexer=indexer_class)
    return types.FunctionType(
        function.__code__, namespace, function.__name__, function.__defaults__, function.__closure__
    )


def _analysed_text(text):
    return " ".join(dict.fromkeys(analysis.tokenize(text)))


def _analysed_query(query):
    """Strings, and the text inside Query objects (the admin parses its box into PlainText/Phrase), analysed."""
    if isinstance(query, str):
        return _analysed_text(query)
    if isinstance(getattr(query, "query_string", None), str):
        query = copy.copy(query)
        query.query_string = _analysed_text(query.query_string)
    for attribute in ("subquery", "subquery_a", "subquery_b"):
        if getattr(query, attribute, None) is not None:
            query = copy.copy(query)
            setattr(query, attribute, _analysed_query(getattr(query, attribute)))
    if getattr(query, "subqueries", None):
        query = copy.copy(query)
        query.subqueries = [_analysed_query(q) for q in query.subqueries]
    return query


def _query_text(query):
    if isinstance(query, str):
        return query
    parts = [getattr(query, "query_string", None) or ""]
    for attribute in ("subquery", "subquery_a", "subquery_b"):
        if getattr(query, attribute, None) is not None:
            parts.append(_query_text(getattr(query, attribute)))
    parts.extend(_query_text(q) for q in getattr(query, "subqueries", None) or [])
    return " ".join(parts)


def _without_empty_parts(query):
    """``query`` without the parts that analysis left empty (a stop word, only punctuation); None if all were.

    The upstream compilers turn an empty part into None and fail on it (``'NoneType' object has no
    attribute 'as_sql'``), so ``a`` or ``*`` in the admin's search box would be a server error.
    """
    if isinstance(query, str):
        return query if query.strip() else None
    if isinstance(getattr(query, "query_string", None), str) and not query.query_string.strip():
        return None
    if getattr(query, "subqueries", None):
        kept = [q for q in (_without_empty_parts(q) for q in query.subqueries) if q is not None]
        if not kept:
            return None
        if len(kept) == 1:
            return kept[0]
        query = copy.copy(query)
        query.subqueries = kept
    if getattr(query, "subquery_a", None) is not None:  # AndNot: a part left empty adds nothing
        a, b = _without_empty_parts(query.subquery_a), _without_empty_parts(query.subquery_b)
        if a is None or b is None:
            return a
        query = copy.copy(query)
        query.subquery_a, query.subquery_b = a, b
    if getattr(query, "subquery", None) is not None:
        inner = _without_empty_parts(query.subquery)
        if inner is None:
            return None
        query = copy.copy(query)
        query.subquery = inner
    return query


class _ChineseQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        from modelsearch.query import MatchAll

        if isinstance(query, MatchAll) or isinstance(getattr(query, "subquery", None), MatchAll):
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        analysed = _without_empty_parts(_analysed_query(query))
        if analysed is None:  # nothing searchable was typed: no results, of the right model
            if isinstance(model_or_queryset, type):
                model_or_queryset = model_or_queryset._default_manager.all()
            return super()._search(query_compiler_class, MatchAll(), model_or_queryset.none(), **kwargs)
        return super()._search(query_compiler_class, analysed, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        """Chinese queries search every indexed field, not only the autocomplete (title) fields.

        The admin's page search calls ``autocomplete``, which upstream matches title prefixes only; a
        Chinese query is already cut into whole words, so a full search over title, body and structured
        fields is what an editor expects. Latin-letter queries keep the prefix behaviour.
        """
        if analysis.has_han(_query_text(query)):
            return self.search(
                query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
            )
        return super().autocomplete(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )


@lru_cache(maxsize=1)
def _sqlite_backend():
    # Imported lazily: the SQLite module looks up models that exist only on SQLite databases.
    from modelsearch.backends.database.sqlite import sqlite as sqlite_backend

    class SQLiteObjectIndexer(sqlite_backend.ObjectIndexer):
        prepare_value = _analysed_value(sqlite_backend.ObjectIndexer.prepare_value)

    class ChineseSQLiteIndex(sqlite_backend.SQLiteIndex):
        add_items = _with_indexer(sqlite_backend.SQLiteIndex.add_items, SQLiteObjectIndexer)

    class ChineseSQLiteSearchBackend(_ChineseQueryMixin, sqlite_backend.SQLiteSearchBackend):
        """Wagtail's SQLite FTS5 backend over jieba tokens."""

        index_class = ChineseSQLiteIndex

    return ChineseSQLiteSearchBackend


@lru_cache(maxsize=1)
def _postgres_backend():
    from modelsearch.backends.database.postgres import postgres as pg

    class PostgresObjectIndexer(pg.ObjectIndexer):
        prepare_value = _analysed_value(pg.ObjectIndexer.prepare_value)

    class ChinesePostgresIndex(pg.PostgresIndex):
        add_items = _with_indexer(pg.PostgresIndex.add_items, PostgresObjectIndexer)

    class ChinesePostgresSearchBackend(_ChineseQueryMixin, pg.PostgresSearchBackend):
        """Wagtail's PostgreSQL backend over jieba tokens (``simple`` configuration keeps them as they are)."""

        index_class = ChinesePostgresIndex

        def __init__(self, params):
            params = {"SEARCH_CONFIG": "simple", **params}
            super().__init__(params)

    return ChinesePostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The Chinese-aware backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        return _postgres_backend()(params)
    if connection.vendor == "sqlite":
        return _sqlite_backend()(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)
