"""Read-only links to the other apps (places stations, catalog guides, feedback stats).

These apps are optional from the showcase's point of view: each accessor returns nothing when the
model or module it needs does not exist, so pages and the dashboard show what exists.
"""

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch


def optional_model(app_label, *names):
    """The first of ``names`` that exists in ``app_label``, else None."""
    for name in names:
        try:
            return apps.get_model(app_label, name)
        except LookupError:
            continue
    return None


def community_page_url(community):
    """The places app's public page of a community, else "" (no such page or no route to it)."""
    get_url = getattr(community, "get_absolute_url", None)
    if get_url is None or not getattr(community, "slug", ""):
        return ""
    try:
        return get_url()
    except NoReverseMatch:
        return ""


def station_model():
    """The places app's station model once it exists."""
    return optional_model("places", "StationPage", "Station")


def foreign_key_to(model, target):
    """The name of ``model``'s first foreign key to ``target``, else None."""
    for field in model._meta.get_fields():
        if isinstance(field, models.ForeignKey) and field.related_model is target:
            return field.name
    return None


def live_objects(model):
    """Live public pages of a page model, or all rows of a plain model."""
    manager = model._default_manager
    queryset = manager.all()
    if hasattr(queryset, "live"):
        queryset = queryset.live().public()
    return queryset


def stations_of_community(community):
    """Stations of a community as dicts (name, kind, address, latitude, longitude, url)."""
    from services.places.models import Community

    model = station_model()
    if model is None or community is None:
        return []
    field = foreign_key_to(model, Community)
    if field is None:
        return []
    result = []
    for station in live_objects(model).filter(**{field: community}).order_by("pk")[:40]:
        kind = station.get_kind_display() if hasattr(station, "get_kind_display") else ""
        result.append(
            {
                "name": getattr(station, "title", None) or getattr(station, "name", str(station)),
                "kind": str(kind),
                "address": getattr(station, "address", ""),
                "latitude": getattr(station, "latitude", None),
                "longitude": getattr(station, "longitude", None),
                "url": getattr(station, "url", "") or "",
            }
        )
    return result
