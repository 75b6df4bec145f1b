"""Values cached per content version: a published change shows on the next request."""

from portal import content_version


def per_version(request, name, compute):
    """``compute()``, cached under the current content version (see portal.content_version)."""
    return content_version.per_version(request, f"catalog:{name}", compute)
