"""Values every template needs: the elderly-friendly mode and the main navigation."""

from django.utils.translation import gettext_lazy as _

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
        # Templates key fragment caches on it: {% cache 600 name content_version ... %}
        "content_version": lambda: _version(request),
    }


def _footer_pages(request):
    """Pages editors marked 'show in menus' directly under the home page (cached per content version)."""
    from wagtail.models import Page

    from portal import content_version

    cache = content_version.local_cache()
    key = f"portal:footer-pages:{content_version.current(request)}"
    pages = cache.get(key)
    if pages is None:
        pages = [
            {"title": p.title, "url": p.url}
            for p in Page.objects.live().public().in_menu().filter(depth=3).order_by("path")[:8]
        ]
        cache.set(key, pages, 600)
    return pages


def _version(request):
    from portal import content_version

    return content_version.current(request)
