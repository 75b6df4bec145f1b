"""Template helpers of the catalog: grouping guides by pinyin initial, QR URLs."""

from itertools import groupby

from django import template
from django.conf import settings
from django.urls import reverse

from portal.ground import pinyin
from services.places import hours as hours_logic
from services.places.models.holidays import holiday_calendar

register = template.Library()


@register.filter
def by_initial(guides):
    """[(letter, [guides])] for guides already sorted by pinyin (their sort key, which an editor may set)."""
    letter = lambda g: pinyin.key_initial(getattr(g, "pinyin_key", "") or pinyin.sort_key(g.title))  # noqa: E731
    return [(first, list(items)) for first, items in groupby(guides, key=letter)]


@register.simple_tag
def guide_qr_url(guide, fmt="svg"):
    """The URL of a guide's QR code image."""
    return reverse("catalog:guide_qr", kwargs={"pk": guide.pk, "fmt": fmt})


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name, *args):
    """The URL of a routable page's sub-route (wagtail.contrib.routable_page is not an installed app here)."""
    request = context.get("request")
    return page.get_url(request) + page.reverse_subpage(name, args=args)


@register.simple_tag
def guide_structured_data(page, request):
    """schema.org GovernmentService data for a guide (render it with portal_tags' ``json_ld``)."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "description": page.summary,
        "url": request.build_absolute_uri(page.get_url(request)),
        "serviceType": page.category.name,
        "areaServed": {"@type": "AdministrativeArea", "name": settings.WAGTAIL_SITE_NAME},
    }
    if page.department:
        data["provider"] = {"@type": "GovernmentOrganization", "name": page.department}
    return data


@register.simple_tag
def status_minute():
    """The district's local time to the minute: the key of fragments that show whether places are open."""
    return hours_logic.local_now().strftime("%Y%m%d%H%M")


@register.simple_tag(takes_context=True)
def where_to_go(context, guide):
    """Where to apply for ``guide``: its linked stations, else the service centres of its communities.

    The stations are cached per content version; whether each is open is worked out on every request.
    A ``community`` query parameter (kept from a catalog filtered by community) singles out that
    community's centre. Entries are {"station", "status", "mine"}; returns {"stations": entries,
    "linked": bool, "everywhere": bool, "mine": [entry] or [], "others": entries}.
    """
    from portal.ground.caching import per_version

    request = context.get("request")
    where = per_version(request, f"catalog:guide-where:{guide.pk}", guide.where_to_go)
    chosen = str(request.GET.get("community", ""))[:60] if request is not None and not where["linked"] else ""
    calendar = holiday_calendar()
    entries = [
        {
            "station": station,
            "status": station.opening_status(calendar=calendar),
            "mine": bool(chosen) and station.community is not None and station.community.slug == chosen,
        }
        for station in where["stations"]
    ]
    return {
        "stations": entries,
        "linked": where["linked"],
        "everywhere": where["everywhere"],
        "mine": [entry for entry in entries if entry["mine"]],
        "others": [entry for entry in entries if not entry["mine"]],
    }


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or '' when missing."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
