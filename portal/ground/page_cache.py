"""The page cache in front of the portal (nginx, deploy/nginx/portal.conf): what it may keep, and purging it.

The app decides per response. A response is cacheable only when it is an anonymous GET/HEAD of a
public page that set no cookie, used no session and carried no CSRF token; then it gets
``X-Accel-Expires`` (read by nginx, not passed on) and browsers get ``Cache-Control: no-cache`` so
that they revalidate and see a publish at once. Everything else is marked ``private, no-store``.
Wagtail pages (and ``PAGE_CACHE_LISTINGS``) are kept ``PAGE_CACHE_SECONDS`` and purged on change; other
public views (ticket and wish lists, APIs without arguments) only ``PAGE_CACHE_OTHER_SECONDS``.
nginx also bypasses its cache for requests with a session cookie or a query string.

Purging goes through ``wagtail.contrib.frontend_cache`` (its ``PurgeBatch`` and an HTTP backend
speaking nginx's cache-purge module), driven by the one ``content_changed`` signal: the changed pages,
their ancestors (the index pages that list them, and the home page) and the site-wide listings; all
public pages when the reach of a change is unclear.
"""

import threading
from urllib.error import HTTPError, URLError
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import connections
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest, logger

# The cache keeps one copy per variant (see the map in deploy/nginx/portal.conf).
VARIANTS = ("", "elder")
CACHEABLE_STATUS = {200, 301, 404, 410}


def _is_cacheable(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code not in CACHEABLE_STATUS:
        return False
    if response.cookies or response.has_header("Set-Cookie") or response.streaming:
        return False
    # Files handed over after a privacy check (documents, photos) are checked on every request.
    if response.has_header("X-Accel-Redirect") or request.path.startswith("/documents/"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token (a form)
        return False
    # Every page asks for request.user (the Wagtail user bar) and the messages, so the session is
    # always "accessed"; it is personal only when the request brought a session or messages cookie.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if getattr(request, "is_preview", False) or request.META.get("HTTP_AUTHORIZATION"):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache", "max-age=0"))


class PageCacheMiddleware:
    """Mark each response as cacheable by the front proxy, or as personal (never cached)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or request.path.startswith(settings.STATIC_URL):
            return response
        if _is_cacheable(request, response):
            seconds = _lifetime(request)
            if seconds:
                response["X-Accel-Expires"] = str(seconds)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, no_cache=True)
        else:
            response.headers.pop("X-Accel-Expires", None)
            patch_cache_control(response, private=True, no_store=True)
        return response


def _lifetime(request):
    """Pages and the listed site-wide listings are purged on change: kept long. Other views: briefly."""
    match = getattr(request, "resolver_match", None)
    if (match is not None and match.url_name == "wagtail_serve") or request.path in settings.PAGE_CACHE_LISTINGS:
        return settings.PAGE_CACHE_SECONDS
    return settings.PAGE_CACHE_OTHER_SECONDS


class NginxPurgeBackend(HTTPBackend):
    """wagtail.contrib.frontend_cache backend for nginx's cache-purge module: PURGE /_purge/<path> per variant.

    The cache key is the decoded path (query strings are never cached), so the path is sent encoded once.
    """

    def purge_batch(self, urls):
        for url in urls:
            if not self.purge(url):
                return  # nginx unreachable: the rest would fail the same way

    def purge(self, url):
        """PURGE one URL in every variant; False when nginx cannot be reached."""
        path = quote(unquote(urlsplit(url).path))
        target = urlunsplit([self.cache_scheme, self.cache_netloc, "/_purge" + path, "", ""])
        for variant in VARIANTS:
            headers = {"X-Portal-Variant": variant}
            try:
                urlopen(PurgeRequest(url=target, headers=headers), timeout=5)  # noqa: S310 - configured URL
            except HTTPError as error:
                if error.code != 404:  # 404: nothing cached under that key
                    logger.error("Couldn't purge '%s' (%s) from nginx: %d", url, variant or "default", error.code)
            except URLError as error:
                logger.error("Couldn't purge '%s' from nginx: %s", url, error.reason)
                return False
        return True


def _purge_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def public_pages():
    """Every live page the public can reach (for a purge of everything)."""
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1).specific(defer=True)


def urls_to_purge(pages, purge_all):
    """The URLs a change touches, in the order they are purged: listings first, then the changed pages.

    The listings are the pages' ancestors (the index pages that list them, and home) and the site-wide
    listings. Whoever sees the new page therefore never meets a stale listing afterwards.
    """
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    listings, changed = PurgeBatch(), PurgeBatch()
    if purge_all:
        changed.add_pages(public_pages())
    else:
        for page in pages:
            listings.add_pages(page.get_ancestors().filter(depth__gt=1).live().specific(defer=True))
            changed.add_page(page)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    listings.add_urls(base + path for path in settings.PAGE_CACHE_LISTINGS)
    # A batch is a set: the order is kept between the two batches, not inside one.
    return sorted(listings.urls) + sorted(changed.urls - listings.urls)


# Changes are purged by one background thread per process, FLUSH_DELAY after the first change of a
# burst: a publish is purged well within a second, and a bulk job (an import, hundreds of saves that
# each say "purge all") causes a few purges instead of one per save.
FLUSH_DELAY = 0.1
_lock = threading.Lock()
_purging = threading.Lock()  # held while a purge runs, so that flush() returns only once it is done
_pending = {"all": False, "pages": {}, "timer": None}


def purge_on_content_change(sender, instance=None, pages=(), purge_all=False, **kwargs):
    """Receiver of ``portal.ground.signals.content_changed``: purge what the change touched, shortly."""
    if not _purge_enabled():
        return
    with _lock:
        _pending["all"] = _pending["all"] or purge_all
        _pending["pages"].update((page.pk, page) for page in pages)
        if _pending["timer"] is None:
            _pending["timer"] = threading.Timer(FLUSH_DELAY, flush)
            _pending["timer"].start()


def flush():
    """Purge everything pending now, after any purge already running (the timer calls it; tests may too)."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    with _purging:
        with _lock:
            purge_all, pages = _pending["all"], list(_pending["pages"].values())
            _pending.update(all=False, pages={}, timer=None)
        if not purge_all and not pages:
            return
        try:
            # Called here, in the background thread, rather than queued: a publish is purged at once and
            # in order, without waiting for the task worker.
            purge_urls_from_cache_task.call(urls_to_purge(pages, purge_all))
        except Exception:  # noqa: BLE001 - a failed purge must never break a save; entries expire on their own
            logger.exception("page cache purge failed")
        finally:
            if threading.current_thread() is not threading.main_thread():
                connections.close_all()
