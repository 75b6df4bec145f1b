"""The station finder page (/stations/): map, filters and the stations grouped by community."""

from functools import partial

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.ground.pages import CachedRestrictionsMixin
from services.places.caching import local_minute
from services.places.finder import station_finder_context

from .stations import STATUS_TTL

FINDER_NAMES = (
    "query",
    "filter_error",
    "groups",
    "total",
    "truncated",
    "kinds",
    "facilities",
    "communities",
    "selected_from",
    "map_options",
    "geojson_query",
)


def _item(mapping, name):
    return mapping[name]


class StationIndexPage(CachedRestrictionsMixin, Page):
    """The station finder at /stations/: map, filters and a list grouped by community."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = []
    parent_page_types = ["home.HomePage"]
    subpage_types = ["places.StationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("station index")

    def get_context(self, request, *args, **kwargs):
        """The filter form and the matching stations (see services.places.finder)."""
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template renders the finder in a fragment cached per content version, query
        # string and minute (the opening statuses and the "open now" filter change with the clock),
        # so the stations are only read and their statuses computed when that fragment is missing.
        finder = SimpleLazyObject(partial(station_finder_context, self, request))
        context.update({name: SimpleLazyObject(partial(_item, finder, name)) for name in FINDER_NAMES})
        context["status_ttl"] = 0 if getattr(request, "is_preview", False) else STATUS_TTL
        context["local_minute"] = local_minute()
        return context
