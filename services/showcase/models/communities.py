"""Model communities (示范社区 / 示范小区): figures from the places app, structure, brands, cases, honours."""

import functools

from django import forms
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from home.blocks import BaseStreamBlock
from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from portal.ground.caching import fragment_ttl
from services.places.models import BuildingPartyGroup, PartyMemberHousehold
from services.places.ratings import latest_ratings

from ..blocks import HonourBlock, OrganisationLevelBlock
from ..filters import FilterSpec
from ..links import community_page_url, stations_of_community
from ..maps import map_settings_for, station_map, tile_map
from .base import FilteredIndexPage, ShowcasePage, region_spec, year_spec
from .brands import BrandProjectPage
from .cases import CaseStudyPage


class CommunityKind(models.TextChoices):
    """A whole community or a single residential compound."""

    COMMUNITY = "community", _("Model community")
    COMPOUND = "compound", _("Model compound")


class ModelCommunityIndexPage(FilteredIndexPage):
    """The list of model communities at /communities/, filtered by kind, street and year."""

    item_type = "showcase.ModelCommunityPage"
    item_related = ("lead_image", "community__street")
    item_ordering = ("-designated_year", "title")
    subpage_types = [item_type]
    item_noun = _("model communities")
    card_template = "showcase/includes/community_card.html"

    class Meta:
        verbose_name = _("model community index")

    def filter_specs(self):
        years = self.item_model().objects.live().values_list("designated_year", flat=True)
        return [
            FilterSpec(
                name="kind",
                label=_("Kind"),
                all_label=_("All kinds"),
                choices=[(value, str(label)) for value, label in CommunityKind.choices],
                apply=lambda queryset, value: queryset.filter(kind=value),
            ),
            region_spec(["community__street__slug"]),
            year_spec(_("Year named"), years, "designated_year"),
        ]


class ModelCommunityPage(AdminSearchable, ShowcasePage):
    """A showcase page of one community: its grids, stations, party structure, brands, cases and honours."""

    community = models.ForeignKey(
        "places.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="model_pages",
        help_text=_("Households, grids, party members and stations are read from this community."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CommunityKind.choices, default=CommunityKind.COMMUNITY)
    designated_year = models.PositiveIntegerField(_("year named"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    structure = StreamField(
        [("level", OrganisationLevelBlock())], verbose_name=_("four-level organisation"), blank=True, max_num=8
    )
    honours = StreamField([("honour", HonourBlock())], verbose_name=_("honours"), blank=True)
    brands = ParentalManyToManyField(
        "showcase.BrandProjectPage", verbose_name=_("brand projects"), blank=True, related_name="model_communities"
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("community"), FieldPanel("kind"), FieldPanel("designated_year")], heading=_("Community")
        ),
        FieldPanel("introduction"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("structure"),
        FieldPanel("honours"),
        FieldPanel("brands", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = admin_search.page_fields()  # its text: ModelCommunityDocument (services/showcase/documents.py)
    api_fields = [
        APIField("kind"),
        APIField("designated_year"),
        APIField("introduction"),
        APIField("body"),
        APIField("structure"),
        APIField("honours"),
    ]
    parent_page_types = ["showcase.ModelCommunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("model community")
        verbose_name_plural = _("model communities")

    def facts(self):
        """Households, residents, party members and grids of the linked community (empty without one)."""
        community = self.community
        if community is None:
            return []
        return [
            {"label": _("Households"), "value": community.households, "unit": _("households (unit)")},
            {"label": _("Residents"), "value": community.population, "unit": _("people")},
            {"label": _("Grids"), "value": community.grids.count(), "unit": _("grids (unit)")},
            {"label": _("Party members"), "value": community.party_members, "unit": _("people")},
        ]

    def rated_grids(self):
        """The linked community's grids, each with its most recent quarterly rating (``latest_rating``)."""
        if self.community_id is None:
            return []
        grids = list(self.community.grids.all())
        ratings = latest_ratings(grids)
        for grid in grids:
            grid.latest_rating = ratings.get(grid.pk)
        return grids

    def counted_levels(self):
        """Units per level counted from the places data of the linked community ({} without one).

        A model compound is one part of its community: the community's counts are not the compound's.
        """
        if self.community_id is None or self.kind == CommunityKind.COMPOUND:
            return {}
        counts = {"branch": self.community.grids.exclude(party_branch="").count()}
        counts["group"] = BuildingPartyGroup.objects.filter(grid__community=self.community_id).count()
        counts["household"] = PartyMemberHousehold.objects.filter(group__grid__community=self.community_id).count()
        return counts

    def structure_levels(self):
        """The four-level structure as typed by editors, with counts from the places data where it has any."""
        counted = self.counted_levels()
        levels = []
        for block in self.structure:
            value = dict(block.value)
            value["count"] = counted.get(value["level"]) or value.get("count")
            levels.append(value)
        return levels

    def all_brands(self):
        """Brands chosen on this page and brands that involve the linked community."""
        brands = BrandProjectPage.objects.live().public()
        condition = models.Q(pk__in=self.brands.values("pk"))
        if self.community_id:
            condition |= models.Q(communities=self.community_id)
        return brands.filter(condition).distinct().order_by("title")

    def cases(self):
        """Case studies about the linked community or about one of its brands, newest first."""
        brand_ids = list(self.all_brands().values_list("pk", flat=True))
        condition = models.Q(related_brands__in=brand_ids)
        if self.community_id:
            condition |= models.Q(communities=self.community_id)
        return CaseStudyPage.objects.live().public().filter(condition).distinct().order_by("-date", "-pk")[:8]

    def get_context(self, request, *args, **kwargs):
        """Everything is lazy: read only when the fragments cached per content version are missing."""
        context = super().get_context(request, *args, **kwargs)
        stations = SimpleLazyObject(lambda: stations_of_community(self.community) if self.community_id else [])
        context.update(
            {
                "facts": SimpleLazyObject(self.facts),
                "grids": SimpleLazyObject(self.rated_grids),
                "stations": stations,
                "station_map": SimpleLazyObject(lambda: station_map(stations)),
                # A memoised callable rather than a lazy object: json_script needs the plain dict.
                "community_map": functools.cache(
                    lambda: tile_map(stations, map_settings_for(request)) if stations else None
                ),
                "brand_list": SimpleLazyObject(lambda: list(self.all_brands())),
                "case_list": SimpleLazyObject(lambda: list(self.cases())),
                "fragment_ttl": fragment_ttl(request),
            }
        )
        return context


def community_links(communities, request=None):
    """(community, address) for community chips, in the given order.

    The address is the community's live model community page, else the places app's page of the
    community, else "" (the chip stays plain text).
    """
    communities = list(communities)
    pages = ModelCommunityPage.objects.live().public().filter(community_id__in=[c.pk for c in communities])
    by_community = {page.community_id: page for page in pages}
    return [
        (c, by_community[c.pk].get_url(request) if c.pk in by_community else community_page_url(c)) for c in communities
    ]
