"""The /stations/ page: filter form, results grouped by community (or by distance), map options."""

import json
from itertools import groupby

from django.utils.translation import gettext as _

from services.places.models.areas import Community
from services.places.models.map_settings import MapSettings
from services.places.models.stations import Facility, StationKind
from services.places.query import ParameterError, StationQuery, find_stations, format_distance, parse_station_query

LIST_LIMIT = 500


def station_finder_context(index_page, request):
    """Everything the station index template needs; bad filters show a message, never an error page."""
    error = None
    try:
        query = parse_station_query(request.GET)
    except ParameterError as exc:
        error = exc.message
        query = StationQuery()
    rows = find_stations(query)
    for row in rows:
        row["distance_label"] = format_distance(row.get("distance_m"))
        row["kind_label"] = StationKind(row["kind"]).label
    total = len(rows)
    rows = rows[:LIST_LIMIT]
    if query.near:
        groups = [{"name": _("Nearest first"), "stations": rows}]
    else:
        groups = [
            {
                "name": name or _("Other stations"),
                "street": items[0]["community__street__name"],
                "slug": slug,
                "stations": items,
            }
            for (slug, name), items in (
                (key, list(group))
                for key, group in groupby(rows, key=lambda r: (r["community__slug"], r["community__name"]))
            )
        ]
    map_settings = MapSettings.for_request(request)
    geojson_query = request.GET.copy()
    geojson_query.pop("page", None)
    return {
        "query": query,
        "filter_error": error,
        "groups": groups,
        "total": total,
        "truncated": total > LIST_LIMIT,
        "kinds": StationKind.choices,
        "facilities": Facility.choices,
        "communities": Community.objects.filter(latitude__isnull=False).select_related("street"),
        "selected_from": request.GET.get("from", ""),
        "map_options": json.dumps(map_settings.as_js()),
        "geojson_query": "" if error else geojson_query.urlencode(),
    }
