"""Party-building brand projects (党建品牌) such as 红色物业 or 小蜜蜂驿站; and their index."""

from django import forms
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from home.blocks import ImageWithCaptionBlock, KeyFiguresBlock
from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from portal.ground.caching import fragment_ttl

from ..blocks import ChangeFiguresBlock, HighlightBlock
from .base import FilteredIndexPage, ShowcasePage, region_spec, theme_spec, year_spec


class BrandProjectIndexPage(FilteredIndexPage):
    """The list of brand projects at /brands/, filtered by theme, street and launch year."""

    item_type = "showcase.BrandProjectPage"
    item_ordering = ("-launch_year", "title")
    subpage_types = [item_type]
    item_noun = _("brand projects")
    card_template = "showcase/includes/brand_card.html"

    class Meta:
        verbose_name = _("brand project index")

    def filter_specs(self):
        years = self.item_model().objects.live().values_list("launch_year", flat=True)
        return [
            theme_spec(BrandProjectTag),
            region_spec(["communities__street__slug"]),
            year_spec(_("Launch year"), years, "launch_year"),
        ]


class BrandProjectTag(TaggedItemBase):
    """A theme of a brand project."""

    content_object = ParentalKey("showcase.BrandProjectPage", related_name="tagged_items", on_delete=models.CASCADE)


class BrandFiguresBlock(blocks.StreamBlock):
    """Figures of a brand: plain headline numbers or before/after changes."""

    key_figures = KeyFiguresBlock()
    figures = ChangeFiguresBlock()


class BrandProjectPage(AdminSearchable, ShowcasePage):
    """A named party-building programme with its owner, communities, highlights and figures."""

    slogan = models.CharField(_("slogan"), max_length=80, blank=True)
    owner_organisation = models.CharField(
        _("owning organisation"), max_length=100, help_text=_("e.g. 中共柳荫街道工作委员会")
    )
    launch_year = models.PositiveIntegerField(_("launch year"), null=True, blank=True, db_index=True)
    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    communities = ParentalManyToManyField(
        "places.Community", verbose_name=_("communities involved"), blank=True, related_name="brand_projects"
    )
    highlights = StreamField([("highlight", HighlightBlock())], verbose_name=_("highlights"), blank=True, max_num=12)
    figures = StreamField(BrandFiguresBlock(), verbose_name=_("figures"), blank=True)
    gallery = StreamField([("image", ImageWithCaptionBlock())], verbose_name=_("gallery"), blank=True, max_num=12)
    contact_name = models.CharField(_("contact office"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)
    tags = ClusterTaggableManager(through=BrandProjectTag, blank=True, verbose_name=_("themes"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("slogan"), FieldPanel("owner_organisation"), FieldPanel("launch_year")],
            heading=_("Brand"),
        ),
        FieldPanel("introduction"),
        FieldPanel("lead_image"),
        FieldPanel("highlights"),
        FieldPanel("figures"),
        FieldPanel("gallery"),
        FieldPanel("communities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_address")],
            heading=_("Contact the project"),
        ),
    ]
    search_fields = admin_search.page_fields()  # its text: BrandProjectDocument (services/showcase/documents.py)
    api_fields = [
        APIField("slogan"),
        APIField("owner_organisation"),
        APIField("launch_year"),
        APIField("introduction"),
        APIField("highlights"),
        APIField("figures"),
        APIField("tags"),
    ]
    parent_page_types = ["showcase.BrandProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("brand project")
        verbose_name_plural = _("brand projects")

    def get_description(self):
        return self.search_description or self.introduction or self.slogan

    def related_cases(self):
        """Live case studies that name this brand, newest first."""
        return self.case_studies.live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the fragment cached per content version is missing.
        context.update(
            {
                # .public() reads the view restrictions at once, so even the querysets are made lazily.
                "cases": SimpleLazyObject(lambda: list(self.related_cases())),
                "model_communities": SimpleLazyObject(
                    lambda: list(self.model_communities.live().public().order_by("title"))
                ),
                "fragment_ttl": fragment_ttl(request),
            }
        )
        return context
