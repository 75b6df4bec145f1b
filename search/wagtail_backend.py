"""Wagtail's own search (admin page, snippet, image and document search) through the portal's Chinese analysis.

Wagtail's database backends store text as the database tokenises it, so an unbroken run of Chinese
is one token and 网格 does not find 社区实行网格化管理. Two public extension points fix that:

- the portal's models index one ``index.SearchField`` over a method returning their text already cut
  into words, synonyms added (``portal.ground.admin_search``; :func:`indexed_text` is that text);
- the backend below overrides the public ``search()`` and ``autocomplete()`` to analyse every query
  the same way. Wagtail's own Image and Document models index their raw titles (a custom image model
  would be a large migration), so their searches go to Wagtail's substring-matching database backend
  instead, with the query's synonyms as alternatives.

Use in settings::

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
"""

import copy
from functools import lru_cache

from django.db import connection
from django.db.models import QuerySet
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.query import And, MatchAll, Or, Phrase, PlainText

from portal.ground import admin_search
from search import analysis, registry


def _indexed_tokens(text):
    """Index tokens of ``text`` plus those of its words' synonyms, so 低保 finds 最低生活保障 in the admin too."""
    tokens = analysis.tokenize(text)
    extra = []
    for token in dict.fromkeys(tokens):
        for synonym in analysis.dictionary.synonyms_of(token):
            extra.extend(analysis.tokenize(synonym, normalized=True))
    return " ".join([*tokens, *extra])


def indexed_text(obj):
    """What Wagtail's index stores for ``obj``: its searchable text, analysed, synonyms added.

    The text is declared once: by the object's search document (the same hooks the site's search
    indexes) or, for a model the site's search does not show, by its ``admin_search_fields``.
    """
    document = registry.document_for(obj)
    if document is not None:
        text = document.text(obj)
    else:
        text = " ".join(registry.clean_text(_value(obj, name)) for name in obj.admin_search_fields)
    return _indexed_tokens(text)


def _value(obj, name):
    value = getattr(obj, name, None)
    return value() if callable(value) else value


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


def _with_synonyms(query, operator):
    """``query`` for a substring search over raw text: each word or its synonyms, combined by ``operator``."""
    if isinstance(query, str):
        query = PlainText(query, operator=operator or PlainText.DEFAULT_OPERATOR)
    if isinstance(query, PlainText | Phrase):  # an analysed phrase is its words, which raw text holds unspaced
        terms = [_word_or_synonyms(word) for word in query.query_string.split()]
        if len(terms) == 1:
            return terms[0]
        return Or(terms) if getattr(query, "operator", "and") == "or" else And(terms)
    query = copy.copy(query)
    for attribute in ("subquery", "subquery_a", "subquery_b"):
        if getattr(query, attribute, None) is not None:
            setattr(query, attribute, _with_synonyms(getattr(query, attribute), operator))
    if getattr(query, "subqueries", None):
        query.subqueries = [_with_synonyms(q, operator) for q in query.subqueries]
    return query


def _word_or_synonyms(word):
    synonyms = analysis.dictionary.synonyms_of(word)
    if not synonyms:
        return PlainText(word)
    return Or([PlainText(word), *(Phrase(synonym) for synonym in synonyms)])


def _model_of(model_or_queryset):
    return model_or_queryset.model if isinstance(model_or_queryset, QuerySet) else model_or_queryset


class _ChineseQueryMixin:
    """Every query analysed like the indexed text, through the backend's public ``search()``/``autocomplete()``."""

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return self._analysed_search(
            super().search, "search", query, model_or_queryset, fields, operator, order_by_relevance
        )

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
        return self._analysed_search(
            super().autocomplete, "autocomplete", query, model_or_queryset, fields, operator, order_by_relevance
        )

    def _analysed_search(self, run, kind, query, model_or_queryset, fields, operator, order_by_relevance):
        options = {"fields": fields, "operator": operator, "order_by_relevance": order_by_relevance}
        if isinstance(query, MatchAll) or isinstance(getattr(query, "subquery", None), MatchAll):
            return run(query, model_or_queryset, **options)
        analysed = _without_empty_parts(_analysed_query(query))
        if analysed is None:  # nothing searchable was typed: no results, of the right model
            if isinstance(model_or_queryset, type):
                model_or_queryset = model_or_queryset._default_manager.all()
            return run(MatchAll(), model_or_queryset.none(), **options)
        if not admin_search.holds_analysed_text(_model_of(model_or_queryset)):
            # Wagtail's Image and Document index their raw titles: match a part of them instead.
            substring = getattr(self._substring_backend, kind)
            return substring(_with_synonyms(analysed, operator), model_or_queryset, **options)
        return run(analysed, model_or_queryset, **options)

    @property
    def _substring_backend(self):
        return DatabaseSearchBackend({})


@lru_cache(maxsize=1)
def _sqlite_backend():
    # Imported lazily: the SQLite module looks up models that exist only on SQLite databases.
    from modelsearch.backends.database.sqlite import sqlite as sqlite_backend

    class ChineseSQLiteSearchBackend(_ChineseQueryMixin, sqlite_backend.SQLiteSearchBackend):
        """Wagtail's SQLite FTS5 backend; the models index jieba tokens (portal.ground.admin_search)."""

    return ChineseSQLiteSearchBackend


@lru_cache(maxsize=1)
def _postgres_backend():
    from modelsearch.backends.database.postgres import postgres as pg

    class ChinesePostgresSearchBackend(_ChineseQueryMixin, pg.PostgresSearchBackend):
        """Wagtail's PostgreSQL backend over jieba tokens (``simple`` configuration keeps them as they are)."""

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
    return DatabaseSearchBackend(params)
