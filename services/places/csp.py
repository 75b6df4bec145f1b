"""The map tile server editors set in 地图设置 joins the Content-Security-Policy's img-src."""

from urllib.parse import urlsplit

from portal.ground import caching


def tile_sources(request):
    """{"img-src": [origin]} for a tile server on another host; {} for none or the site's own tiles.

    A ``{s}`` subdomain placeholder (t{s}.tianditu.gov.cn) becomes a wildcard (*.tianditu.gov.cn).
    """
    origin = caching.per_version(request, f"places:tile-origin:{request.get_host()}", lambda: _tile_origin(request))
    return {"img-src": [origin]} if origin else {}


def _tile_origin(request):
    from services.places.models import MapSettings

    try:
        url = MapSettings.for_request(request).tile_url
    except Exception:  # noqa: BLE001 - no site yet (fresh database): no tile server
        return ""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.split("@")[-1]
    if "{" in host:
        host = "*." + host.split(".", 1)[1] if "." in host else ""
    return f"{parts.scheme}://{host}" if host else ""
