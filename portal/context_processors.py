"""Values every template needs: the elderly-friendly mode and the main navigation."""

from django.utils.translation import gettext_lazy as _

from portal.ground import caching, content_version

ELDER_COOKIE = "elder_mode"

MAIN_NAVIGATION = [
    ("/services/", _("Services")),
    ("/stations/", _("Find a station")),
    ("/cases/", _("Case studies")),
    ("/brands/", _("Party brands")),
    ("/communities/", _("Model communities")),
    ("/news/", _("News")),
    ("/feedback/", _("Report a problem")),
    ("/wishes/", _("Micro-wishes")),
]


def portal(request):
    """Expose the elderly mode flag and the navigation with the current section marked."""
    path = request.path
    nav = [{"url": url, "label": label, "current": path.startswith(url)} for url, label in MAIN_NAVIGATION]
    return {
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "main_navigation": nav,
        "footer_pages": lambda: _footer_pages(request),
        # Templates key fragment caches on it: {% cache fragment_ttl name content_version ... %}
        "content_version": lambda: _version(request),
        "fragment_ttl": 0 if getattr(request, "is_preview", False) else caching.FRAGMENT_TTL,
    }


def _footer_pages(request):
    """Pages editors marked 'show in menus' directly under the home page (cached per content version)."""
    from wagtail.models import Page

    return caching.per_version(
        request,
        "portal:footer-pages",
        lambda: [
            {"title": p.title, "url": p.url}
            for p in Page.objects.live().public().in_menu().filter(depth=3).order_by("path")[:8]
        ],
    )


def _version(request):
    """The content version, or a one-off key when nothing may be cached (previews)."""
    version = content_version.current(request)
    if version is None:
        import uuid

        return f"nocache-{uuid.uuid4().hex}"
    return version
