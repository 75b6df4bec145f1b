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
    }
