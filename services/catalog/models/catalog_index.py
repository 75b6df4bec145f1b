"""The catalog at /services/: browse guides by category, item type and community; the three lists below it."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from portal.ground.pages import CachedRestrictionsMixin
from services.catalog.serializers import PlainDataSerializer


class CatalogIndexPage(CachedRestrictionsMixin, RoutablePageMixin, Page):
    """The district's service catalog; its children are guides and step-by-step journeys."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)
    three_lists_intro = models.TextField(
        _("introduction to the three lists"), blank=True, max_length=500, help_text=_("Shown above 需求、资源、项目.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("featured_guides", label=_("Frequently used services"), max_num=12),
        FieldPanel("three_lists_intro"),
    ]
    search_fields = []
    api_fields = [
        APIField("introduction"),
        APIField("featured_guides"),
        APIField("catalog", serializer=PlainDataSerializer(source="api_catalog")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalog.ServiceGuidePage", "catalog.StepByStepPage"]
    max_count = 1

    class Meta:
        verbose_name = _("service catalog")

    def query(self, params):
        from services.catalog.query import CatalogQuery

        return CatalogQuery(self, params)

    def featured(self):
        """The editor-chosen 常办事项, live ones only."""
        items = self.featured_guides.select_related("guide")
        return [item for item in items if item.guide and item.guide.live]

    def journeys(self):
        from .journeys import StepByStepPage

        return StepByStepPage.objects.live().public().child_of(self).order_by("title")

    def api_catalog(self):
        """Categories and item types with their counts, for mini-programs."""
        return self.query({}).summary()

    def get_context(self, request, *args, **kwargs):
        from services.places.models import Community

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template renders all of this inside a fragment cache keyed by the content
        # version and the query string, so the queries only run when that fragment is missing.
        query = SimpleLazyObject(lambda: self.query(request.GET))
        context.update(
            query=query,
            guides=SimpleLazyObject(lambda: list(query.guides())),
            category_counts=SimpleLazyObject(lambda: query.category_counts()),
            type_counts=SimpleLazyObject(lambda: query.type_counts()),
            community_table=SimpleLazyObject(lambda: query.community_table()),
            communities=Community.objects.select_related("street"),
            featured=SimpleLazyObject(self.featured),
            journeys=SimpleLazyObject(lambda: list(self.journeys())),
        )
        return context

    @path("")
    def catalog(self, request):
        return self.render(request)

    @path("needs/")
    def needs_board(self, request):
        from services.catalog import boards

        return boards.needs_board(self, request)

    @path("needs/new/")
    def need_form(self, request):
        from services.catalog import boards

        return boards.need_form(self, request)

    @path("needs/thanks/")
    def need_thanks(self, request):
        from services.catalog import boards

        return boards.need_thanks(self, request)

    @path("resources/")
    def resources_board(self, request):
        from services.catalog import boards

        return boards.resources_board(self, request)

    @path("projects/")
    def projects_board(self, request):
        from services.catalog import boards

        return boards.projects_board(self, request)

    @path("projects/<int:pk>/")
    def project_detail(self, request, pk):
        from services.catalog import boards

        return boards.project_detail(self, request, pk)


class CatalogFeaturedGuide(Orderable):
    """A guide pinned to the 常办事项 strip by an editor."""

    page = ParentalKey(CatalogIndexPage, related_name="featured_guides", on_delete=models.CASCADE)
    guide = models.ForeignKey(
        "catalog.ServiceGuidePage", verbose_name=_("guide"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("short label"), max_length=20, blank=True)

    panels = [PageChooserPanel("guide"), FieldPanel("label")]
    api_fields = [APIField("guide"), APIField("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("frequently used service")

    def display_label(self):
        return self.label or self.guide.title
