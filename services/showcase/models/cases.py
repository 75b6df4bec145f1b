"""Case studies (典型案例): background, practices, results with figures, lessons; and their index."""

import datetime

from django import forms
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from portal.ground.caching import fragment_ttl

from ..blocks import CaseStreamBlock, SectionKind, change_of
from .base import FilteredIndexPage, ShowcasePage, region_spec, theme_spec, year_spec


class CaseStudyIndexPage(FilteredIndexPage):
    """The list of case studies at /cases/, filtered by theme, street and year."""

    item_type = "showcase.CaseStudyPage"
    item_related = ("lead_image", "street")
    item_ordering = ("-date", "-pk")
    item_prefetch = ("tags",)
    subpage_types = [item_type]
    item_noun = _("case studies")
    card_template = "showcase/includes/case_card.html"

    class Meta:
        verbose_name = _("case study index")

    def filter_specs(self):
        years = self.item_model().objects.live().dates("date", "year")
        return [
            theme_spec(CaseStudyTag),
            region_spec(["street__slug", "communities__street__slug"]),
            year_spec(_("Year"), (d.year for d in years), "date__year"),
        ]


class CaseStudyTag(TaggedItemBase):
    """A theme of a case study (网格化管理, 红色物业, 减负增效, 新就业群体 …)."""

    content_object = ParentalKey("showcase.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE)


class CaseStudyPage(AdminSearchable, RoutablePageMixin, ShowcasePage):
    """One typical case, written as background, practices, results with figures and lessons, with a print view."""

    date = models.DateField(_("date"), default=datetime.date.today, db_index=True)
    source = models.CharField(_("source"), max_length=100, blank=True, help_text=_("Publisher, e.g. 柳荫街道党工委"))
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    street = models.ForeignKey(
        "places.Street",
        verbose_name=_("street office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    communities = ParentalManyToManyField(
        "places.Community", verbose_name=_("communities"), blank=True, related_name="case_studies"
    )
    related_brands = ParentalManyToManyField(
        "showcase.BrandProjectPage", verbose_name=_("related brand projects"), blank=True, related_name="case_studies"
    )
    body = StreamField(CaseStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True, verbose_name=_("themes"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("source")], heading=_("Publication")),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("communities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_brands", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Region, brands and themes"),
        ),
    ]
    # Its text: CaseStudyDocument (services/showcase/documents.py).
    search_fields = admin_search.page_fields(index.FilterField("date"))
    api_fields = [
        APIField("date"),
        APIField("source"),
        APIField("summary"),
        APIField("body"),
        APIField("tags"),
    ]
    parent_page_types = ["showcase.CaseStudyIndexPage"]
    subpage_types = []

    description_field = "summary"

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def sections(self):
        """The sections in page order as (anchor, title), for the table of contents."""
        result = []
        for n, block in enumerate(self.body):
            if block.block_type == "section":
                title = block.value["heading"] or SectionKind.label(block.value["kind"])
                result.append((f"section-{n + 1}", title))
        return result

    def key_figures(self):
        """Every before/after figure in the body as (figure, change), sections included."""
        found = []

        def collect(stream):
            for block in stream:
                if block.block_type == "figures":
                    found.extend((f, change_of(f)) for f in block.value["figures"])
                elif block.block_type == "section":
                    collect(block.value["content"])

        collect(self.body)
        return [(figure, change) for figure, change in found if change is not None]

    def headline_figure(self):
        """The first before/after figure, shown on cards."""
        figures = self.key_figures()
        return figures[0] if figures else None

    def themes(self):
        return list(self.tags.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the fragment cached per content version is missing.
        context.update(
            {
                "brands": SimpleLazyObject(lambda: list(self.related_brands.live().public().order_by("title"))),
                "fragment_ttl": fragment_ttl(request),
            }
        )
        return context

    @property
    def print_url(self):
        """The address of the print view."""
        return self.url + self.reverse_subpage("print")

    @path("print/", name="print")
    def print_view(self, request):
        """A clean, printable version of the case (A4, no navigation, figures as text)."""
        return self.render(request, template="showcase/case_study_print.html")
