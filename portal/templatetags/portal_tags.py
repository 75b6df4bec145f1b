"""Template tags shared by every app: breadcrumbs, contact settings, descriptions, JSON-LD."""

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal.ground import caching, structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def site_contact(context):
    """The site's contact settings (cached per request) plus the site name."""
    request = context.get("request")
    cache_attr = "_portal_contact"
    if request is not None and hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    from home.models import SiteContactSettings

    def load():
        try:
            return SiteContactSettings.for_request(request) if request is not None else SiteContactSettings()
        except Exception:  # noqa: BLE001 - no site yet (fresh database): fall back to defaults
            return SiteContactSettings()

    host = request.get_host() if request is not None else ""
    contact = caching.per_version(request, f"portal:contact:{host}", load)
    contact.site_name = settings.WAGTAIL_SITE_NAME
    if request is not None:
        setattr(request, cache_attr, contact)
    return contact


@register.simple_tag(takes_context=True)
def page_description(context, page):
    """A page's meta description: its search description, introduction, summary or lead text; for a page
    without any (or a view without a page), the site's own description, so that no page has an empty one.

    Every page shows it twice (meta and Open Graph); a stored page's is kept per content version.
    """
    meta = getattr(page, "_meta", None)
    if meta is not None and page.pk is not None:
        key = f"portal:description:{meta.label_lower}:{page.pk}"
        return caching.per_version(context.get("request"), key, lambda: _description(page))
    return _description(page)


def _description(page):
    text = ""
    if page and getattr(page, "get_description", None):
        text = page.get_description()
    elif page:
        text = page.search_description or next(
            (getattr(page, name) for name in DESCRIPTION_FIELDS if getattr(page, name, "")), ""
        )
    text = Truncator(strip_tags(str(text or "")).strip()).chars(150)
    if not text:
        text = _("%(site)s: service guides, stations near you, news, and reporting a problem in your community.") % {
            "site": settings.WAGTAIL_SITE_NAME
        }
    return text


# Page fields that read as a summary, in order of preference, for pages without a search description.
DESCRIPTION_FIELDS = ("introduction", "summary", "hero_text", "intro", "lead")


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Breadcrumbs from the home page down to ``page`` (cached per content version)."""
    request = context.get("request")
    trail = caching.per_version(
        request,
        f"portal:crumbs:{page.pk}",
        lambda: [
            *(
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gt=2).only("title", "url_path")
            ),
            {"title": page.title, "url": page.get_url(request)},
        ],
    )
    return {"crumbs": [{"title": _("Home"), "url": "/"}, *trail]}


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumb_trail(*pairs):
    """Breadcrumbs for views that are not pages: pass title, url, title, url …"""
    crumbs = [{"title": _("Home"), "url": "/"}]
    for i in range(0, len(pairs) - 1, 2):
        crumbs.append({"title": pairs[i], "url": pairs[i + 1]})
    return {"crumbs": crumbs}


json_ld = register.simple_tag(structured_data.json_ld, name="json_ld")


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def home_structured_data(contact, request):
    """JSON-LD GovernmentOrganization for the home page (kept per content version and address)."""
    home = request.build_absolute_uri("/")
    return caching.per_version(request, f"portal:home-ld:{home}", lambda: _home_structured_data(contact, home))


def _home_structured_data(contact, home):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": contact.organisation_name,
        "alternateName": contact.site_name,
        "url": home,
        "telephone": contact.hotline,
    }
    if contact.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": contact.address, "addressCountry": "CN"}
    return json_ld(data)


@register.simple_tag
def news_structured_data(page, request):
    """JSON-LD NewsArticle for a news page."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.last_published_at or page.published_at).isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(page.get_url(request)),
        "publisher": {"@type": "Organization", "name": page.source or settings.WAGTAIL_SITE_NAME},
        "inLanguage": "zh-CN",
    }
    if page.author:
        data["author"] = {"@type": "Person", "name": page.author}
    if page.summary:
        data["description"] = page.summary
    return json_ld(data)
