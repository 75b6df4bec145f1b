"""The search page and the JSON API (search and suggestions). Views never name content models."""

import dataclasses
import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from search import stats
from search.engine import get_engine
from search.engine.base import FACETS
from search.forms import parse_search_params
from search.registry import TYPES
from search.suggest import clean_prefix

logger = logging.getLogger(__name__)
JSON_OPTIONS = {"ensure_ascii": False}


def run_search(params, record=True):
    """Search with validated params; counts first-page searches for the editors' report."""
    results = get_engine().search(params.q, filters=params.filters, facets=FACETS, near=params.near, page=params.page)
    if record and params.page == 1 and not params.near and not params.filters:
        stats.record(results.query.norm, results.total)
    return results


@require_GET
def search_page(request):
    """/search/?q=: results by type with highlighted snippets, facets, pagination and help when empty."""
    params = parse_search_params(request.GET)
    params.errors.pop("page", None)  # a bad page number on the page simply shows the first page
    results = None
    searched_for = ""
    typed = params.q
    if params.q and not params.errors:
        results = run_search(params)
        if not results.total:
            params, results, searched_for = _pinyin_fallback(params, results)
        if params.page > results.num_pages:  # past the end: show the last page instead
            params.page = results.num_pages
            results = run_search(params, record=False)
    context = {
        "params": params,
        "q": typed,
        "searched_for": searched_for,
        "results": results,
        "types": TYPES,
        "popular": stats.popular_searches(),
        "suggestions": get_engine().suggest(params.q, limit=6) if results is not None and not results.total else [],
    }
    response = render(request, "search/search_page.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _pinyin_fallback(params, results):
    """A pure-pinyin query with no match (wangge) searches its top suggestion (网格) instead.

    Returns (params, results, the suggestion searched for or "").
    """
    kind, _letters = clean_prefix(params.q)
    if kind != "pinyin":
        return params, results, ""
    for suggestion in get_engine().suggest(params.q, limit=3):
        retry = dataclasses.replace(params, q=suggestion)
        retried = run_search(retry, record=False)
        if retried.total:
            if retry.page > retried.num_pages:
                retry.page = retried.num_pages
                retried = run_search(retry, record=False)
            return retry, retried, suggestion
    return params, results, ""


def _error(message, status=400, fields=None):
    body = {"error": str(message)}
    if fields:
        body["fields"] = {k: str(v) for k, v in fields.items()}
    return JsonResponse(body, status=status, json_dumps_params=JSON_OPTIONS)


@require_GET
@cache_control(max_age=60, public=True)
def api_search(request):
    """/api/v1/search/?q=&type=&page=: JSON with total, results, facets and took_ms."""
    params = parse_search_params(request.GET)
    if params.errors:
        return _error(next(iter(params.errors.values())), fields=params.errors)
    if not params.q and params.near is None:
        return _error(_("Type something to search for (the q parameter is empty)."))
    results = run_search(params)
    return JsonResponse(api_payload(request, params, results), json_dumps_params=JSON_OPTIONS)


def api_payload(request, params, results):
    """The JSON body of /api/v1/search/."""
    return {
        "query": results.query.text,
        "query_truncated": params.truncated,
        "total": results.total,
        "page": results.page,
        "num_pages": results.num_pages,
        "relaxed": results.relaxed,
        "results": [
            {
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url) if hit.url else "",
                "type": hit.doc_type,
                "snippet": str(hit.snippet),
                "score": hit.score,
                **({"distance_km": hit.distance_km} if hit.distance_km is not None else {}),
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
        "took_ms": results.took_ms,
    }


@require_GET
@cache_control(max_age=300, public=True)
def api_suggest(request):
    """/api/v1/suggest/?q=: a JSON list of completions (Chinese prefix, full pinyin or initials)."""
    q = (request.GET.get("q") or "").strip()[:50]
    suggestions = get_engine().suggest(q) if q else []
    return JsonResponse(suggestions, safe=False, json_dumps_params=JSON_OPTIONS)
