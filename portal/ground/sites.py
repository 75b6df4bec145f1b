"""The Wagtail site of a request, found once per content version rather than on every request."""

from django.conf import settings
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from portal.ground import caching, content_version

MISSING = object()


def _host_key(request):
    meta = request.META
    forwarded = meta.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else ""
    return f"{forwarded}|{meta.get('HTTP_HOST', '')}|{meta.get('SERVER_NAME', '')}|{request.get_port()}"


class CachedSiteMiddleware:
    """Give Wagtail the request's site (with its root page, specific) from the per-version cache.

    ``Site.find_for_request`` keeps its answer on the request (``request._wagtail_site``, as its
    docstring says) and asks the database otherwise: a query for the site, another for the root page.
    This middleware fills that per-request answer from a per-process cache keyed by the content version
    and the host, so page serving, routing and the site settings read no row for it. Only Wagtail's page
    view is concerned: health checks, APIs and the admin keep their own ways. Should Wagtail stop
    reading that attribute, pages are served as before, only with those two queries back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "_portal_serving_token", None)
        if token is not None:
            content_version.stop_serving(token)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Only for Wagtail's page view: other views (health checks, APIs, the admin) keep their own ways."""
        if view_func is not wagtail_serve:
            return None
        self._attach_site(request)
        request._portal_serving_token = content_version.start_serving(request)
        return None

    @staticmethod
    def _attach_site(request):
        version = content_version.current(request)
        if version is None:
            return
        key = f"site:{version}:{_host_key(request)}"
        if len(key) > 200:
            return
        cache = caching.local_cache()
        site = cache.get(key, MISSING)
        if site is MISSING:
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
            cache.set(key, site, caching.FRAGMENT_TTL)
        request._wagtail_site = site
