"""URL wiring: apps' own URLs first, then Wagtail's page tree for everything else."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from services.places.sitemaps import CommunitySitemap

from . import views
from .api import api_router

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": WagtailSitemap, "places": CommunitySitemap}}, name="sitemap"),
    path("elder-mode/", views.toggle_elder_mode, name="elder_mode"),
    path("api/v1/openapi.json", views.openapi_description, name="openapi"),
    path("api/v2/", api_router.urls),
    path("", include("home.urls")),
    path("", include("search.urls")),
    path("", include("services.places.urls")),
    path("", include("services.catalog.urls")),
    path("", include("services.showcase.urls")),
    path("", include("services.feedback.urls")),
    path("", include("services.participation.urls")),
    path("", include("services.party.urls")),
    path("", include("services.bookings.urls")),
]

# Only image renditions are public files (behind nginx it serves them itself). Documents go through
# Wagtail's document view, residents' photos through the views that decide who may see them; original
# images are never linked. Everything else under /media/ is a 404, here as in nginx.
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/images/<path:path>", views.public_media, name="public_media")]

# Wagtail's own front-end URLs and page serving (the root page caches its routing: home.models.HomePage).
urlpatterns += [path("", include(wagtail_urls))]
