"""Validation of search parameters for the page and the JSON API (clear Chinese messages)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from search.engine import Near
from search.engine.base import MAX_PAGE
from search.query import MAX_QUERY_CHARS
from search.registry import TYPES

MAX_RADIUS_KM = 50.0


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)
    page: int = 1
    near: Near | None = None
    truncated: bool = False
    errors: dict = field(default_factory=dict)


def _page(value, errors):
    if value in (None, ""):
        return 1
    try:
        page = int(value)
    except (TypeError, ValueError):
        errors["page"] = _("The page number must be a whole number.")
        return 1
    if page < 1:
        errors["page"] = _("The page number must be 1 or more.")
        return 1
    return min(page, MAX_PAGE)


def _near(data, errors):
    raw = (data.get("near") or "").strip()
    if not raw:
        return None
    try:
        lat, lng = (float(part) for part in raw.replace("，", ",").split(","))
        radius = float(data.get("radius_km") or 3)
    except (TypeError, ValueError):
        errors["near"] = _("Give a location as latitude,longitude, for example 30.27,120.15.")
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or lat != lat or lng != lng:
        errors["near"] = _("That location is outside the valid range of latitude and longitude.")
        return None
    if not (0 < radius <= MAX_RADIUS_KM):
        errors["radius_km"] = _("The radius must be between 0 and 50 kilometres.")
        return None
    return Near(lat, lng, radius)


def parse_search_params(data):
    """SearchParams from a QueryDict; problems go to ``errors`` (field → message), never exceptions."""
    errors = {}
    q = (data.get("q") or "").strip()
    truncated = len(q) > MAX_QUERY_CHARS
    q = q[:MAX_QUERY_CHARS]
    filters = {}
    doc_type = (data.get("type") or "").strip()
    if doc_type:
        if doc_type in TYPES:
            filters["type"] = doc_type
        else:
            errors["type"] = _("Unknown result type. Use one of: %(types)s.") % {"types": ", ".join(TYPES)}
    for key in ("category", "community"):
        value = (data.get(key) or "").strip()[:100]
        if value:
            filters[key] = value
    year = (data.get("year") or "").strip()
    if year:
        if year.isdigit() and len(year) == 4:
            filters["year"] = int(year)
        else:
            errors["year"] = _("The year must have four digits, for example 2026.")
    return SearchParams(
        q=q,
        filters=filters,
        page=_page(data.get("page"), errors),
        near=_near(data, errors),
        truncated=truncated,
        errors=errors,
    )
