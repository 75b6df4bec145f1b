"""Maps of a community's stations.

Two layers, for progressive enhancement: a small schematic SVG drawn on the server (no tiles, no script,
no outside service), and the data for an interactive Leaflet map drawn by ``showcase/community-map.js``
over the tile server set in the places app's map settings (markers still show when no tile is reachable).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.ground.geo import wgs84_to_gcj02
from services.places.models import MapSettings

WIDTH = 320
HEIGHT = 220
MARGIN = 24


def located_stations(stations):
    """(number, station) for stations with coordinates, numbered like the list beside the map."""
    return [
        (n, s)
        for n, s in enumerate(stations, start=1)
        if s.get("latitude") is not None and s.get("longitude") is not None
    ]


def station_map(stations):
    """Marker positions for stations with coordinates, numbered like the list beside the map.

    Returns None when fewer than one station has coordinates. Positions are a simple equirectangular
    projection of the stations' bounding box into the SVG's view box; enough to show how they spread.
    """
    located = located_stations(stations)
    if not located:
        return None
    lats = [s["latitude"] for _n, s in located]
    lngs = [s["longitude"] for _n, s in located]
    lat_span = max(max(lats) - min(lats), 0.002)
    lng_span = max(max(lngs) - min(lngs), 0.002)
    centre_lat = (max(lats) + min(lats)) / 2
    centre_lng = (max(lngs) + min(lngs)) / 2
    scale = min((WIDTH - 2 * MARGIN) / lng_span, (HEIGHT - 2 * MARGIN) / lat_span)
    markers = []
    for number, station in located:
        x = WIDTH / 2 + (station["longitude"] - centre_lng) * scale
        y = HEIGHT / 2 - (station["latitude"] - centre_lat) * scale
        markers.append({"number": number, "x": round(x, 1), "y": round(y, 1), "name": station["name"]})
    return {"width": WIDTH, "height": HEIGHT, "markers": markers}


def map_settings_for(request):
    """The places app's map settings of the request's site (defaults without a site)."""
    try:
        return MapSettings.for_request(request)
    except MapSettings.DoesNotExist:
        return MapSettings()


def tile_map(stations, settings):
    """The data of the interactive map: the tile options, the numbered markers and the messages it shows.

    Station coordinates are WGS-84; tiles in the GCJ-02 datum get the markers shifted on the server
    (with the places app's conversion) so that the script stays small. None without located stations.
    """
    located = located_stations(stations)
    if not located or settings is None:
        return None
    options = settings.as_js()

    def project(lat, lng):
        if options.get("datum") == "gcj02":
            lat, lng = wgs84_to_gcj02(lat, lng)
        return [round(lat, 6), round(lng, 6)]

    options["center"] = project(*options["center"])
    markers = [
        {
            "number": number,
            "name": station["name"],
            "kind": station.get("kind", ""),
            "address": station.get("address", ""),
            "url": station.get("url", ""),
            "position": project(station["latitude"], station["longitude"]),
        }
        for number, station in located
    ]
    messages = {
        "noTiles": str(_("No base map is configured: the stations are shown on a plain background.")),
        "tilesFailed": str(_("The base map could not be loaded; the station markers and the list still work.")),
        "zoomIn": str(pgettext_lazy("showcase", "Zoom in")),
        "zoomOut": str(pgettext_lazy("showcase", "Zoom out")),
        "closePopup": str(pgettext_lazy("showcase", "Close")),
        "cluster": str(_("{n} stations here: select to zoom in")),
    }
    return {"options": options, "markers": markers, "messages": messages}
