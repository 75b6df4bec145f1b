"""Template tags of the showcase: structured data for case studies, links to communities."""

import json

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from services.showcase.models.communities import community_links as _community_links

register = template.Library()


@register.simple_tag(takes_context=True)
def community_links(context, communities):
    """(community, address) pairs for the chips of a page's communities (see models.communities.community_links)."""
    return _community_links(communities.select_related("street"), context.get("request"))


@register.simple_tag
def case_structured_data(page, request):
    """JSON-LD Article for a case study."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "datePublished": page.date.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(page.url),
        "publisher": {"@type": "Organization", "name": page.source or settings.WAGTAIL_SITE_NAME},
        "inLanguage": "zh-CN",
        "keywords": [tag.name for tag in page.tags.all()],
    }
    if page.summary:
        data["description"] = page.summary
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@register.filter
def org_level_label(level):
    """The Chinese name of a level of the four-level party organisation."""
    from ..blocks import OrganisationLevel

    return dict(OrganisationLevel.CHOICES).get(level, "")
