"""Sub-routes of the catalog's pages resolved from the request path, so cached routing covers them.

``portal.serve`` caches routing (the site and the page) per content version, but only for routes
without arguments: a cached route cannot carry the view that ``RoutablePageMixin.route()`` puts in
its arguments, so every request to the catalog, a board, a guide or a print view used to walk the
page tree again (about seven queries). Here ``route()`` only checks that the sub-path exists and
returns no arguments, and ``serve()`` resolves the view from the request path, which gives the same
view whether or not routing came from the cache.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult


class PathRoutedPageMixin(RoutablePageMixin):
    """A routable page whose sub-route is found in ``serve()`` rather than carried by ``route()``."""

    def route(self, request, path_components):
        if self.live:
            path = "/" + "".join(f"{component}/" for component in path_components)
            try:
                request.routable_resolver_match = self.resolve_subpage(path)
            except Http404:
                pass
            else:
                return RouteResult(self)
        # Not one of this page's sub-routes: a child page, as for any page.
        return super(RoutablePageMixin, self).route(request, path_components)

    def subpage_path(self, request):
        """The request path below this page ('/', '/print/', '/needs/new/'); '/' when it is not below it."""
        parts = self.get_url_parts(request)
        page_path = parts[2] if parts else None
        path = request.path_info
        if page_path and path.startswith(page_path):
            return "/" + path[len(page_path) :]
        return "/"

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            match = self.resolve_subpage(self.subpage_path(request))
            request.routable_resolver_match = match
            view, args, kwargs = match
        return super().serve(request, view, args, kwargs)
