"""Finding stations: parse the filters, prefilter by bounding box in the database, then rank by distance.

Used by both the GeoJSON API and the /stations/ page so that they always agree.
"""

import json
import math
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.ground import geo
from services.places import hours as hours_logic
from services.places.models.areas import Community
from services.places.models.holidays import holiday_calendar
from services.places.models.stations import Facility, StationKind, StationPage

MAX_RADIUS_KM = 100.0
TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


class ParameterError(ValueError):
    """A filter that cannot be applied; names the parameter and says why in Chinese."""

    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class StationQuery:
    """Validated filters for a station search."""

    near: tuple[float, float] | None = None
    radius_km: float | None = None
    kinds: list[str] = field(default_factory=list)
    facilities: list[str] = field(default_factory=list)
    open_now: bool = False
    community: Community | None = None

    @property
    def is_filtered(self):
        return bool(self.near or self.kinds or self.facilities or self.open_now)


def _multi(params, name):
    """Values of a parameter given repeated (?kind=a&kind=b) or comma-separated (?kind=a,b)."""
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name, "")]
    return [part.strip() for value in values for part in value.replace("，", ",").split(",") if part.strip()]


def parse_station_query(params):
    """A :class:`StationQuery` from request parameters; ParameterError for anything invalid."""
    query = StationQuery()
    near = (params.get("near") or "").strip()
    if near:
        try:
            query.near = geo.parse_lat_lng(near)
        except ValueError as exc:
            if str(exc) == "range":
                raise ParameterError("near", _("near is out of range: latitude −90…90, longitude −180…180."))
            raise ParameterError("near", _("near must be “latitude,longitude”, e.g. near=30.27,120.15."))
    start = (params.get("from") or "").strip()
    if start and not query.near:
        query.community = Community.objects.filter(slug=start).first()
        if query.community is None:
            raise ParameterError("from", _("Unknown community “%(value)s”.") % {"value": start[:40]})
        if query.community.latitude is None or query.community.longitude is None:
            raise ParameterError("from", _("This community has no location yet; choose another one."))
        query.near = (query.community.latitude, query.community.longitude)
    radius = (params.get("radius_km") or "").strip()
    if radius:
        try:
            query.radius_km = float(radius)
        except ValueError:
            raise ParameterError("radius_km", _("radius_km must be a number of kilometres, e.g. radius_km=3."))
        if not math.isfinite(query.radius_km) or not 0 < query.radius_km <= MAX_RADIUS_KM:
            raise ParameterError(
                "radius_km", _("radius_km must be above 0 and at most %(max)d.") % {"max": MAX_RADIUS_KM}
            )
        if not query.near:
            raise ParameterError("radius_km", _("radius_km needs near=latitude,longitude."))
    kinds = _multi(params, "kind")
    unknown = [k for k in kinds if k not in StationKind.values]
    if unknown:
        raise ParameterError(
            "kind",
            _("Unknown kind “%(value)s”; use one of %(allowed)s.")
            % {"value": unknown[0][:40], "allowed": ", ".join(StationKind.values)},
        )
    query.kinds = list(dict.fromkeys(kinds))
    facilities = _multi(params, "facility")
    unknown = [f for f in facilities if f not in Facility.values]
    if unknown:
        raise ParameterError(
            "facility",
            _("Unknown facility “%(value)s”; use one of %(allowed)s.")
            % {"value": unknown[0][:40], "allowed": ", ".join(Facility.values)},
        )
    query.facilities = list(dict.fromkeys(facilities))
    open_now = (params.get("open_now") or "").strip().lower()
    if open_now not in TRUE_VALUES | FALSE_VALUES:
        raise ParameterError("open_now", _("open_now must be 1 or 0."))
    query.open_now = open_now in TRUE_VALUES
    return query


def _url_prefixes():
    """(root url_path, prefix) pairs so that a station's URL comes from its url_path without queries."""
    return [(root.root_path, "/") for root in Site.get_site_root_paths()]


def _relative_url(url_path, prefixes):
    for root_path, prefix in prefixes:
        if url_path.startswith(root_path):
            return prefix + url_path[len(root_path) :]
    return None


FIELDS = (
    "id",
    "title",
    "url_path",
    "kind",
    "latitude",
    "longitude",
    "address",
    "phone",
    "facilities",
    "community_id",
    "community__name",
    "community__slug",
    "community__street__name",
    "community__street__sort_order",
    "community__sort_order",
    "schedule_text",
)


def _fetch(stations):
    """Row tuples in FIELDS order straight from the cursor.

    The map asks for hundreds of rows per request; skipping the ORM's per-row converters (JSON
    decoding of every schedule, the facility list) halves the time. Schedules are decoded later,
    once per distinct text, and only for stations inside the radius.
    """
    queryset = stations.annotate(schedule_text=Cast("schedule", output_field=TextField())).values_list(*FIELDS)
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(2000):
            yield from chunk


def find_stations(query, moment=None):
    """Matching live stations as dicts with ``status`` and, when ``near`` is given, ``distance_m``.

    Sorted by distance when ``near`` is given, else by community and title.
    """
    stations = StationPage.objects.live().public()
    if query.kinds:
        stations = stations.filter(kind__in=query.kinds)
    for code in query.facilities:
        stations = stations.filter(facilities__contains=f",{code},")
    if query.near and query.radius_km:
        min_lat, max_lat, min_lng, max_lng = geo.bounding_box(*query.near, query.radius_km * 1000)
        stations = stations.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
    clock = hours_logic.StatusClock(moment, holiday_calendar())
    prefixes = _url_prefixes()
    near_lat, near_lng = query.near or (None, None)
    radius_m = query.radius_km * 1000 if query.radius_km else None
    # Stations often share their hours (standard office hours, 24 hours): decode and evaluate each
    # distinct schedule once per request, keyed by its stored JSON text.
    statuses = {}
    results = []
    for values in _fetch(stations):
        row = dict(zip(FIELDS, values, strict=True))
        if near_lat is not None:
            row["distance_m"] = geo.haversine_m(near_lat, near_lng, row["latitude"], row["longitude"])
            if radius_m and row["distance_m"] > radius_m:
                continue
        key = row.pop("schedule_text")
        cached = statuses.get(key)
        if cached is None:
            schedule = json.loads(key) if key else {}
            cached = statuses[key] = (schedule, hours_logic.opening_status(schedule, clock=clock))
        row["schedule"], row["status"] = cached
        if query.open_now and not row["status"].is_open:
            continue
        row["facilities"] = [code for code in (row["facilities"] or "").split(",") if code]
        row["url"] = _relative_url(row["url_path"], prefixes)
        results.append(row)
    if query.near:
        results.sort(key=lambda r: r["distance_m"])
    else:
        results.sort(key=_area_order)
    return results


def _area_order(row):
    """Streets and communities in the order editors gave them; stations without a community last."""
    if row["community_id"] is None:
        return (1, 0, "", 0, "", row["title"])
    return (
        0,
        row["community__street__sort_order"],
        row["community__street__name"],
        row["community__sort_order"],
        row["community__name"],
        row["title"],
    )


def format_distance(metres):
    """350 米 / 1.2 公里 for people; API clients get ``distance_m``."""
    if metres is None:
        return ""
    if metres < 1000:
        return _("%(m)d m") % {"m": round(metres / 10) * 10}
    return _("%(km).1f km") % {"km": metres / 1000}
