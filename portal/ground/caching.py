"""Caching per content version (see docs/DEVELOPING.md, "Caches").

A published change bumps the content version, so values and fragments keyed by it are never stale and
can live in the per-process "local" cache. Previews never read or fill these caches: a preview of an
unpublished draft must not be served to the public, nor the published version shown to the editor.
"""

from django.core.cache import caches

from portal.ground import content_version

FRAGMENT_TTL = 600  # seconds; values are keyed by the version, so this only bounds memory


def local_cache():
    """The per-process cache for values keyed by the content version."""
    return caches["local"]


def fragment_ttl(request):
    """The lifetime of a template fragment: 0 (never stored) for previews, else FRAGMENT_TTL."""
    return 0 if getattr(request, "is_preview", False) else FRAGMENT_TTL


def per_version(request, name, compute, ttl=FRAGMENT_TTL):
    """``compute()``, cached in this process under the current content version.

    Uncached when there is no version to key on (before migrate, and in previews).
    """
    version = content_version.current(request)
    if version is None:
        return compute()
    key = f"{name}:{version}"
    cache = local_cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, ttl)
    return value
