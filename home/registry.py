"""Registries that let other apps contribute to the site shell without `home` importing them.

Apps call these from their ``AppConfig.ready()``; imports go downward only.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)
_FIGURES: list["HomeFigure"] = []


@dataclass(frozen=True)
class HomeFigure:
    """One number on the home page's figures strip, computed from the data."""

    key: str
    label: str
    unit: str
    compute: Callable[[], int | float]
    url: str = ""
    order: int = 100


def register_home_figure(key, label, unit, compute, url="", order=100):
    """Add (or replace) a figure on the home page strip."""
    global _FIGURES
    _FIGURES = [f for f in _FIGURES if f.key != key]
    _FIGURES.append(HomeFigure(key, label, unit, compute, url, order))


FIGURES_KEY = "home:figures"


def forget_figures(**kwargs):
    """Drop the cached figures (receiver of ``content_changed``: a change may move any of them)."""
    from django.core.cache import cache

    cache.delete(FIGURES_KEY)


# Each process keeps its copy a few seconds more, under the content version (a change is seen at once):
# the home page then reads the shared cache at most once per LOCAL_SECONDS instead of on every request.
LOCAL_SECONDS = 5


def figures_for_home():
    """The registered figures with their current values, in display order (cached a minute, shared by workers)."""
    from portal.ground import caching

    return caching.per_version(None, FIGURES_KEY, _shared_figures, ttl=LOCAL_SECONDS)


def _shared_figures():
    from django.core.cache import cache

    cached = cache.get(FIGURES_KEY)
    if cached is not None:
        return cached
    result = []
    for figure in sorted(_FIGURES, key=lambda f: (f.order, f.key)):
        try:
            value = figure.compute()
        except Exception:  # a broken provider must not break the home page
            logger.exception("home figure %s failed", figure.key)
            continue
        result.append(
            {"key": figure.key, "label": str(figure.label), "unit": str(figure.unit), "value": value, "url": figure.url}
        )
    cache.set(FIGURES_KEY, result, 60)
    return result
