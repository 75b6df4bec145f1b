"""What the showcase pages share.

- ``ShowcasePage``: the detail pages' lead image (cards, page top, link previews) and their description.
- ``FilteredIndexPage``: the three index pages' introduction, item query, filters, cards and pagination.
- ``theme_spec``, ``region_spec``, ``year_spec``: the filters those indexes offer.
"""

from functools import partial

from django.apps import apps
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.ground.caching import fragment_ttl
from portal.ground.pages import CachedRestrictionsMixin

from ..filters import FilterSpec, apply_filters, paginate, year_choices

LISTING_NAMES = ("filter_specs", "filters", "ignored_filters", "items_page")


class ShowcasePage(CachedRestrictionsMixin, Page):
    """A case study, brand project or model community page: a page with a lead image and a summary text."""

    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The field whose text describes the page in search results and link previews.
    description_field = "introduction"

    class Meta:
        abstract = True

    def get_description(self):
        """The editor's search description, else the page's own summary text."""
        return self.search_description or getattr(self, self.description_field)


class FilteredIndexPage(CachedRestrictionsMixin, Page):
    """An index page listing its live children as cards, filtered by the query string."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = []
    max_count = 1

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        """One template for every showcase index (Wagtail would derive one per model)."""
        return "showcase/index_page.html"

    item_noun = _("items")
    card_template = ""
    show_figures_link = True
    # The listed page type ("app_label.ModelName"), what its cards need and their order.
    item_type = ""
    item_related = ("lead_image",)
    item_prefetch = ()
    item_ordering = ()

    @classmethod
    def item_model(cls):
        """The page model this index lists."""
        return apps.get_model(cls.item_type)

    def items(self):
        """Live public items of this index, with what their cards show, in the index's order."""
        return (
            self.item_model()
            .objects.live()
            .public()
            .descendant_of(self)
            .select_related(*self.item_related)
            .prefetch_related(*self.item_prefetch)
            .order_by(*self.item_ordering)
        )

    def filter_specs(self):
        """The filters this index offers (overridden)."""
        return []

    def listing(self, params):
        """The filters offered and in force, the ignored values and the requested page of items."""
        specs = self.filter_specs()
        result = apply_filters(self.items(), params, specs)
        return {
            "filter_specs": specs,
            "filters": result.active,
            "ignored_filters": result.ignored,
            "items_page": paginate(result.queryset, params.get("page")),
        }

    def get_context(self, request, *args, **kwargs):
        """Filter and paginate the items; unknown filter values are reported and ignored.

        Lazy: the template renders the list inside a fragment cached per content version and query
        string, so the queries only run when that fragment is missing.
        """
        context = super().get_context(request, *args, **kwargs)
        listing = SimpleLazyObject(partial(self.listing, request.GET))
        context.update({name: SimpleLazyObject(partial(_item, listing, name)) for name in LISTING_NAMES})
        context["fragment_ttl"] = fragment_ttl(request)
        return context


def _item(mapping, name):
    return mapping[name]


def region_spec(lookups):
    """A filter by street office; ``lookups`` are the paths from the item to a street's slug."""
    from django.db.models import Q

    from services.places.models import Street

    def apply(queryset, value):
        condition = Q()
        for lookup in lookups:
            condition |= Q(**{lookup: value})
        return queryset.filter(condition)

    return FilterSpec(
        name="region",
        label=_("Street"),
        all_label=_("All streets"),
        choices=list(Street.objects.values_list("slug", "name")),
        apply=apply,
    )


def theme_spec(tag_model):
    """A filter by theme tag, offering the themes used by live pages."""
    names = (
        tag_model.objects.filter(content_object__live=True)
        .values_list("tag__name", flat=True)
        .distinct()
        .order_by("tag__name")
    )
    return FilterSpec(
        name="theme",
        label=_("Theme"),
        all_label=_("All themes"),
        choices=[(name, name) for name in names],
        apply=lambda queryset, value: queryset.filter(tags__name=value),
    )


def year_spec(label, years, lookup):
    """A filter by year, offering ``years`` newest first; ``lookup`` narrows a queryset to one year."""
    return FilterSpec(
        name="year",
        label=label,
        all_label=_("All years"),
        choices=year_choices(years),
        apply=lambda queryset, value: queryset.filter(**{lookup: int(value)}),
    )
