"""Template tags of the places app: structured data for station pages."""

from django import template
from django.utils.safestring import mark_safe

from services.places import hours as hours_logic

register = template.Library()

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@register.simple_tag
def station_structured_data(page, request):
    """JSON-LD (schema.org GovernmentOffice) with address, geo point and opening hours."""
    from portal.templatetags.portal_tags import json_ld

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
