"""A small schematic map of stations drawn as SVG on the server (no tiles, no script, no outside service)."""

WIDTH = 320
HEIGHT = 220
MARGIN = 24


def station_map(stations):
    """Marker positions for stations with coordinates, numbered like the list beside the map.

    Returns None when fewer than one station has coordinates. Positions are a simple equirectangular
    projection of the stations' bounding box into the SVG's view box; enough to show how they spread.
    """
    located = [
        (n, s)
        for n, s in enumerate(stations, start=1)
        if s.get("latitude") is not None and s.get("longitude") is not None
    ]
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
