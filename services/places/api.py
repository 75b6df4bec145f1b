"""GET /api/v1/stations.geojson: stations as a GeoJSON FeatureCollection with live opening status."""

import json

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.ground import caching, content_version
from services.places.caching import local_minute
from services.places.models import Facility, StationKind
from services.places.models.stations import STATUS_TTL
from services.places.query import ParameterError, find_stations, parse_station_query


def feature(row, kind_labels, facility_labels):
    """One GeoJSON feature (coordinates are WGS-84 longitude, latitude as RFC 7946 requires)."""
    status = row["status"]
    properties = {
        "id": row["id"],
        "title": row["title"],
        "url": row["url"],
        "kind": row["kind"],
        "kind_label": kind_labels.get(row["kind"], row["kind"]),
        "address": row["address"],
        "phone": row["phone"],
        "community": row["community__name"],
        "facilities": row["facilities"],
        "facility_labels": [facility_labels[f] for f in row["facilities"] if f in facility_labels],
        "status": status.state,
        "status_label": status.label,
        "open_now": status.is_open,
        "closes_at": status.closes_at.isoformat() + "+08:00" if status.closes_at else None,
        "opens_at": status.opens_at.isoformat() + "+08:00" if status.opens_at else None,
    }
    if "distance_m" in row:
        properties["distance_m"] = round(row["distance_m"])
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [round(row["longitude"], 7), round(row["latitude"], 7)]},
        "properties": properties,
    }


def error_response(parameter, message, status=400):
    return JsonResponse(
        {"error": "invalid_parameter", "parameter": parameter, "message": message},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def stations_geojson(request):
    """Filters: near=lat,lng · radius_km · kind · facility · open_now=1 (see the README of the app).

    The body is cached per content version, query string and minute: the statuses and the open_now
    filter change with the clock, everything else only when content is published.
    """
    version = content_version.current(request)
    key = f"places:geojson:{version}:{local_minute()}:{request.GET.urlencode()}"
    cache = caching.local_cache()
    body = cache.get(key) if version is not None and len(key) < 400 else None
    if body is None:
        response = _stations_geojson(request)
        if response.status_code != 200:
            return response
        body = response.content
        if version is not None and len(key) < 400:
            cache.set(key, body, STATUS_TTL)
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _stations_geojson(request):
    try:
        query = parse_station_query(request.GET)
    except ParameterError as exc:
        return error_response(exc.parameter, exc.message)
    rows = find_stations(query)
    # Translate the labels once per request, not once per feature.
    kind_labels = {value: str(label) for value, label in StationKind.choices}
    facility_labels = {value: str(label) for value, label in Facility.choices}
    body = {
        "type": "FeatureCollection",
        "features": [feature(row, kind_labels, facility_labels) for row in rows],
        "metadata": {
            "count": len(rows),
            "timezone": "Asia/Shanghai",
            "generated_at": rows[0]["status"].now.isoformat(timespec="seconds") + "+08:00" if rows else None,
            "datum": "WGS-84",
            "attribution": _("Station data: district organisation department"),
        },
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})


@require_GET
def boundaries_geojson(request):
    """Community and grid boundaries and the main roads, the offline base map (see the app's README).

    Cached per content version: it changes only when an editor saves an area or a road.
    """
    from services.places.boundaries_api import boundaries_collection

    body = caching.per_version(
        request, "places:boundaries", lambda: json.dumps(boundaries_collection(), ensure_ascii=False).encode()
    )
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
