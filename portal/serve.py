"""Serve Wagtail pages with routing cached per content version.

Wagtail's own ``serve`` finds the site and walks the page tree on every request (several
queries). Here the result of routing — the site and the specific page — is cached under the
current content version, so a published change is visible on the next request everywhere, and
the view-restriction check is skipped while no page has a restriction at all.
"""

from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site

from portal.ground import caching, content_version

cache = caching.local_cache()

ROUTE_TTL = 600


def _no_restrictions(version):
    key = f"serve:restrictions:{version}"
    flag = cache.get(key)
    if flag is None:
        flag = not PageViewRestriction.objects.exists()
        cache.set(key, flag, ROUTE_TTL)
    return flag


def _route(request, path):
    """(site, page, args, kwargs), from the cache when the content has not changed."""
    version = content_version.current(request)
    key = f"serve:route:{version}:{request.get_host()}:{path}" if version is not None else None
    if key and len(key) < 240:
        cached = cache.get(key)
        if cached is not None:
            site, page = cached
            request._wagtail_site = site
            return site, page, (), {}
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    page, args, kwargs = site.root_page.localized.specific.route(request, components)
    if key and len(key) < 240 and not args and not kwargs:
        cache.set(key, (site, page), ROUTE_TTL)
    return site, page, args, kwargs


def serve(request, path):
    """Drop-in replacement for ``wagtail.views.serve`` with cached routing."""
    site, page, args, kwargs = _route(request, path)
    skip_restrictions = _no_restrictions(content_version.current(request))

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if skip_restrictions and fn.__name__ == "check_view_restrictions":
            continue
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


__all__ = ["Page", "serve"]
