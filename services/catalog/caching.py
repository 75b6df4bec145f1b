"""Values cached per content version: a published change shows on the next request."""

from portal import content_version

TTL = 600


def per_version(request, name, compute):
    """``compute()``, cached under the current content version (uncached before the table exists)."""
    version = content_version.current(request)
    if version is None:
        return compute()
    key = f"catalog:{name}:{version}"
    cache = content_version.local_cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value
