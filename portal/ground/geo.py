"""Geographic helpers: great-circle distance, bounding boxes, and China's GCJ-02 datum (ground layer).

Stations are stored in WGS-84 (what GPS and the browser's geolocation return). Maps and coordinate
pickers in China often use GCJ-02, an obfuscated datum offset by a few hundred metres; the
conversion below follows the published algorithm, and the inverse is solved iteratively so that a
round trip is accurate to well under a metre.
"""

import math

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323


def haversine_m(lat1, lng1, lat2, lng2):
    """Great-circle distance in metres between two WGS-84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat, lng, radius_m):
    """(min_lat, max_lat, min_lng, max_lng) that contains every point within ``radius_m``."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    cos_lat = math.cos(math.radians(lat))
    dlng = 180.0 if cos_lat < 1e-6 else min(180.0, math.degrees(radius_m / (EARTH_RADIUS_M * cos_lat)))
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


def out_of_china(lat, lng):
    """GCJ-02 applies inside mainland China only; elsewhere both datums coincide."""
    return not (73.66 < lng < 135.05 and 3.86 < lat < 53.55)


def _transform_lat(x, y):
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x, y):
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lat, lng):
    """Shift a WGS-84 point into GCJ-02 (the datum of most Chinese map providers)."""
    if out_of_china(lat, lng):
        return lat, lng
    dlat = _transform_lat(lng - 105.0, lat - 35.0)
    dlng = _transform_lng(lng - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _GCJ_EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_GCJ_A * (1 - _GCJ_EE)) / (magic * sqrtmagic) * math.pi)
    dlng = (dlng * 180.0) / (_GCJ_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lat + dlat, lng + dlng


def gcj02_to_wgs84(lat, lng, tolerance=1e-9, max_iterations=30):
    """Recover the WGS-84 point whose GCJ-02 shift is (lat, lng), by fixed-point iteration."""
    if out_of_china(lat, lng):
        return lat, lng
    wlat, wlng = lat, lng
    for _i in range(max_iterations):
        glat, glng = wgs84_to_gcj02(wlat, wlng)
        dlat, dlng = glat - lat, glng - lng
        wlat, wlng = wlat - dlat, wlng - dlng
        if abs(dlat) < tolerance and abs(dlng) < tolerance:
            break
    return wlat, wlng


def parse_lat_lng(text):
    """(lat, lng) from 'lat,lng'; ValueError with a reason when malformed or out of range."""
    parts = [p.strip() for p in (text or "").replace("，", ",").split(",")]
    if len(parts) != 2:
        raise ValueError("format")
    lat, lng = float(parts[0]), float(parts[1])
    if not (math.isfinite(lat) and math.isfinite(lng)):
        raise ValueError("range")
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValueError("range")
    return lat, lng
