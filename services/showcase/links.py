"""Read-only links to the places app: a community's page and its stations, for showcase pages."""

from services.places.models import StationPage


def community_page_url(community):
    """The places app's public page of a community, else "" (a community without a slug has none)."""
    return community.get_absolute_url() if community.slug else ""


def stations_of_community(community):
    """Live stations of a community as dicts (name, kind, address, latitude, longitude, url)."""
    if community is None:
        return []
    stations = StationPage.objects.live().public().filter(community=community).order_by("pk")[:40]
    return [
        {
            "name": station.title,
            "kind": str(station.get_kind_display()),
            "address": station.address,
            "latitude": station.latitude,
            "longitude": station.longitude,
            "url": station.url or "",
        }
        for station in stations
    ]
