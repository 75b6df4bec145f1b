"""Helpers for Wagtail's page tree that several apps need."""

from portal.ground import caching, content_version

ROUTE_KEY_LIMIT = 200  # longer paths are routed without the cache (memcached-safe keys, bounded memory)


def unique_child_slug(parent, base, exclude_pk=None):
    """``base``, or ``base-2``, ``base-3`` … : the first slug no other child of ``parent`` uses."""
    siblings = parent.get_children().exclude(pk=exclude_pk) if exclude_pk else parent.get_children()
    slug, n = base, 2
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class CachedRoutingMixin:
    """For a site's root page: the walk down the page tree cached per content version.

    Wagtail routes a request by calling ``route()`` on the site's root page, which walks down the tree
    (a query or two per level). This ``route()`` (Wagtail's documented way to customise routing) keeps,
    per content version and path, the page the walk ended on and the path components left for that page
    (a routable page's sub-path); a request for the same path then asks that page alone to finish the
    route, so ``RoutablePageMixin`` and any page's own ``route()`` work exactly as without the cache. A
    publish bumps the version: the next request routes afresh. Previews are never cached.
    """

    def route(self, request, path_components):
        version = content_version.current(request)
        key = f"route:{version}:{self.pk}:{'/'.join(path_components)}"
        if version is None or len(key) > ROUTE_KEY_LIMIT:
            return super().route(request, path_components)
        cache = caching.local_cache()
        cached = cache.get(key)
        if cached is not None:
            page, rest = cached
            if page.pk == self.pk:  # the walk ended here (this page or one of its own sub-routes)
                return super().route(request, rest)
            return page.route(request, rest)
        result = super().route(request, path_components)
        page = result[0]
        below = page.url_path[len(self.url_path) :].strip("/").split("/") if page.pk != self.pk else []
        below = [part for part in below if part]
        if page.url_path.startswith(self.url_path) and list(path_components[: len(below)]) == below:
            cache.set(key, (page, list(path_components[len(below) :])), caching.FRAGMENT_TTL)
        return result


class CachedRestrictionsMixin:
    """For every page class: the view-restriction check costs no query while no page has a restriction.

    Wagtail checks ``get_view_restrictions()`` (two queries: the ancestors, then their restrictions) on
    every page it serves. Districts rarely restrict pages; whether any restriction exists is kept per
    content version (saving or deleting a restriction bumps it), and only then does the check query.
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        version = content_version.current()
        if version is not None:
            key = f"restrictions:any:{version}"
            cache = caching.local_cache()
            any_restriction = cache.get(key)
            if any_restriction is None:
                any_restriction = PageViewRestriction.objects.exists()
                cache.set(key, any_restriction, caching.FRAGMENT_TTL)
            if not any_restriction:
                return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
