"""Template tags of the places app: structured data for station pages."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.ground.structured_data import json_ld
from services.places import hours as hours_logic

register = template.Library()

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@register.simple_tag
def station_structured_data(page, request):
    """JSON-LD (schema.org GovernmentOffice) with address, geo point and opening hours."""
    weekly = (page.schedule or {}).get("weekly") or [[] for _i in range(7)]
    hours = []
    for day, ranges in enumerate(weekly):
        for opens, closes in ranges:
            start, end = hours_logic.range_minutes(opens, closes)
            hours.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[day]}",
                    "opens": opens,
                    "closes": "23:59" if end == hours_logic.DAY_MINUTES else closes,
                }
            )
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": page.title,
        "url": request.build_absolute_uri(page.url),
        "address": {"@type": "PostalAddress", "streetAddress": page.address, "addressCountry": "CN"},
        "geo": {"@type": "GeoCoordinates", "latitude": page.latitude, "longitude": page.longitude},
        "openingHoursSpecification": hours,
    }
    if page.phone:
        data["telephone"] = page.phone
    return mark_safe(json_ld(data))  # noqa: S308 - json_ld escapes


@register.simple_tag
def station_map_messages():
    """The map script's words, translated on the server and handed over as JSON."""
    messages = {
        "metres": _("%(n)s m"),
        "kilometres": _("%(n)s km"),
        "distance": _("Distance %(d)s"),
        "tilesFailed": _("The base map cannot be loaded right now; the station markers and the list still work."),
        "noTiles": _("No base map is configured: the map shows station positions only; rely on the written address."),
        "noResults": _("No station matches these filters."),
        "loadFailed": _("The station map cannot be loaded right now; please use the list."),
        "start": _("Starting point"),
        "cluster": _("%(n)s stations, tap to zoom in"),
        "locating": _("Finding your location…"),
        "locateFailed": _("Your location is not available. Choose your community under “Nearest to community”."),
    }
    return json_script(messages, "station-map-messages")
