"""The search page and the JSON API (search and suggestions). Views never name content models."""

import dataclasses
import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from search import stats
from search.correct import search_with_correction
from search.engine import SearchUnavailable, get_engine
from search.engine.base import FACETS
from search.forms import parse_search_params
from search.registry import TYPES

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
    """/search/?q=: results by type with highlighted snippets, facets, pagination and help when empty.

    A query that finds little is corrected when a word of the index sounds like it (“您是不是要找 …”);
    ``exact=1`` searches what was typed and nothing else.
    """
    params = parse_search_params(request.GET)
    params.errors.pop("page", None)  # a bad page number on the page simply shows the first page
    results, corrected = None, ""
    try:
        if params.q and not params.errors:
            results, corrected = _search(request, params)
            # Past the end: show the last page instead (an estimated total may end later than it says).
            if params.page > results.num_pages and not results.total_estimated:
                params.page = results.num_pages
                results = run_search(dataclasses.replace(params, q=corrected or params.q), record=False)
        suggestions = get_engine().suggest(params.q, limit=6) if results is not None and not results.total else []
    except SearchUnavailable:
        return _unavailable(render(request, "search/unavailable.html", {"q": params.q}, status=503))
    context = {
        "params": params,
        "q": params.q,
        "searched_for": corrected,
        "results": results,
        "types": TYPES,
        "popular": stats.popular_searches(),
        "suggestions": suggestions,
    }
    response = render(request, "search/search_page.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _unavailable(response):
    """A 503 that no cache keeps and that tells clients when to ask again."""
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _search(request, params):
    """(results, corrected query or '') for the page and the API."""
    if request.GET.get("exact") == "1":
        return run_search(params), ""
    return search_with_correction(params, lambda p, record: run_search(p, record=record))


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
    try:
        if params.near is not None and not params.q:
            results, corrected = run_search(params), ""
        else:
            results, corrected = _search(request, params)
    except SearchUnavailable:
        return _unavailable(_error(_("Search is temporarily unavailable; please try again in a minute."), status=503))
    return JsonResponse(api_payload(request, params, results, corrected), json_dumps_params=JSON_OPTIONS)


def api_payload(request, params, results, corrected=""):
    """The JSON body of /api/v1/search/; ``corrected`` is the query searched instead of a typo, else null."""
    return {
        "query": params.q,
        "corrected": corrected or None,
        "query_truncated": params.truncated,
        "total": results.total,
        "page": results.page,
        "num_pages": results.num_pages,
        "total_estimated": results.total_estimated,
        "facets_estimated": results.facets_estimated,
        "relaxed": results.relaxed,
        "results": [
            {
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url) if hit.url else "",
                "type": hit.doc_type,
                "snippet": str(hit.snippet),
                "score": hit.score,
                **({"distance_km": hit.distance_km} if hit.distance_km is not None else {}),
                **({"promoted": True} if hit.promoted else {}),
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
    try:
        suggestions = get_engine().suggest(q) if q else []
    except SearchUnavailable:
        return _unavailable(JsonResponse([], safe=False, status=503))
    return JsonResponse(suggestions, safe=False, json_dumps_params=JSON_OPTIONS)
