"""Community and grid boundaries, and the district's main roads: GeoJSON geometry checked and served.

Geometry is stored as a GeoJSON geometry object in WGS-84 (longitude, latitude, as RFC 7946 orders them):
a ``Polygon`` (or ``MultiPolygon``) for an area, a ``LineString`` for a road. The maps draw them as their
own offline base map, so that a resident can orient without any outside tile service.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_VERTICES = 2000


def _position(value):
    """A [lng, lat] pair in range, rounded to 7 decimals (about 1 cm), or ValidationError."""
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise ValidationError(_("Each point must be a pair of numbers: longitude, latitude."))
    lng, lat = value[0], value[1]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in (lng, lat)):
        raise ValidationError(_("Each point must be a pair of numbers: longitude, latitude."))
    if not (-180 <= lng <= 180 and -90 <= lat <= 90):
        raise ValidationError(_("A point lies outside the range of longitude and latitude."))
    return [round(float(lng), 7), round(float(lat), 7)]


def _ring(points):
    ring = [_position(p) for p in points or []]
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])  # close the ring, as GeoJSON requires
    if len(ring) < 4:
        raise ValidationError(_("An area needs at least three corners."))
    return ring


def clean_area(value):
    """A Polygon or MultiPolygon geometry, normalised (rings closed, coordinates rounded); None stays None."""
    if value in (None, "", {}):
        return None
    if not isinstance(value, dict) or value.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(_("The boundary must be a GeoJSON Polygon or MultiPolygon."))
    coordinates = value.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        raise ValidationError(_("The boundary has no corners."))
    if value["type"] == "Polygon":
        geometry = {"type": "Polygon", "coordinates": [_ring(ring) for ring in coordinates]}
    else:
        geometry = {"type": "MultiPolygon", "coordinates": [[_ring(r) for r in polygon] for polygon in coordinates]}
    _check_size(geometry)
    return geometry


def clean_line(value):
    """A LineString geometry of at least two points, normalised; None stays None."""
    if value in (None, "", {}):
        return None
    if not isinstance(value, dict) or value.get("type") != "LineString":
        raise ValidationError(_("The road must be a GeoJSON LineString."))
    points = [_position(p) for p in value.get("coordinates") or []]
    if len(points) < 2:
        raise ValidationError(_("A road needs at least two points."))
    geometry = {"type": "LineString", "coordinates": points}
    _check_size(geometry)
    return geometry


def _check_size(geometry):
    if len(str(geometry["coordinates"])) > MAX_VERTICES * 30:
        raise ValidationError(_("The shape has too many points (at most %(n)s).") % {"n": MAX_VERTICES})


def validate_area(value):
    """Model field validator for area boundaries."""
    clean_area(value)


def validate_line(value):
    """Model field validator for roads."""
    clean_line(value)


def outer_rings(geometry):
    """The outer ring of each polygon of an area geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def label_point(geometry):
    """Where an area's name goes: the area-weighted centroid of its largest outer ring ([lng, lat])."""
    best, best_area = None, -1.0
    for ring in outer_rings(geometry):
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if abs(area) < 1e-15:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            point = [sum(xs) / len(xs), sum(ys) / len(ys)]
        else:
            point = [cx / (3 * area), cy / (3 * area)]
        if abs(area) > best_area:
            best, best_area = point, abs(area)
    return [round(best[0], 7), round(best[1], 7)]
