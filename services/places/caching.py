"""Caching per content version (see docs/DEVELOPING.md, "Caches"), shared by places, feedback and showcase.

A published change bumps the content version, so values and fragments keyed by it are never stale and
can live in the per-process "local" cache. Previews never read or fill these caches: a preview of an
unpublished draft must not be served to the public, nor the published version shown to the editor.
"""

from portal import content_version
from services.places import hours as hours_logic

TTL = content_version.FRAGMENT_TTL


def fragment_ttl(request):
    """The lifetime of a template fragment: 0 (never stored) for previews, else TTL."""
    return 0 if getattr(request, "is_preview", False) else TTL


def per_version(request, name, compute, ttl=TTL):
    """``compute()``, cached under the current content version (uncached in previews and before migrate)."""
    return content_version.per_version(request, name, compute, ttl)


def local_minute():
    """The current minute in the district's time ('202611220930'): opening statuses change with it."""
    return hours_logic.local_now().strftime("%Y%m%d%H%M")


def local_day():
    """Today in the district's time ('20261122'): hours tables and activity lists change with it."""
    return hours_logic.local_now().strftime("%Y%m%d")
