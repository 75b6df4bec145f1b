"""Read-only links to the places app: a community's page and its stations, for showcase pages."""

from django.urls import NoReverseMatch

from services.places.models import StationPage


def community_page_url(community):
    """The places app's public page of a community, else "" (no slug, or no route to it: the chip stays text)."""
    if not community.slug:
        return ""
    try:
        return community.get_absolute_url()
    except NoReverseMatch:
        return ""


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
