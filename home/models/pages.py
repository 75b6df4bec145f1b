"""The home page and the general-purpose standard page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from home.blocks import BaseStreamBlock
from home.registry import figures_for_home
from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from portal.ground.pages import CachedRestrictionsMixin, CachedRoutingMixin


class HomePage(CachedRestrictionsMixin, CachedRoutingMixin, Page):
    """The portal's front page: notice bar, common services, news, figures and entries."""

    notice_text = models.CharField(_("notice bar text"), max_length=200, blank=True)
    notice_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("notice bar link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_title = models.CharField(_("hero title"), max_length=80, default="身边的党群服务，一网通办")
    hero_text = models.CharField(_("hero text"), max_length=200, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("notice_text"), FieldPanel("notice_link")], heading=_("Notice bar")),
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        InlinePanel("common_services", label=_("Frequently used services"), max_num=12),
        InlinePanel("featured_items", label=_("Featured items"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = []
    api_fields = [APIField("notice_text"), APIField("hero_title"), APIField("hero_text"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Latest news and the figures strip, computed from the registered providers."""
        from home.models.news import NewsPage

        context = super().get_context(request, *args, **kwargs)
        # Callables: the template evaluates them only when its cached fragment is missing.
        context["latest_news"] = lambda: list(NewsPage.objects.live().public().order_by("-date", "-pk")[:6])
        context["common_services"] = lambda: [
            item.page.specific for item in self.common_services.select_related("page") if item.page and item.page.live
        ]
        context["featured_items"] = lambda: list(self.featured_items.select_related("page", "image"))
        context["home_figures"] = figures_for_home
        return context


class HomeCommonService(Orderable):
    """A service an editor pins to the home page's 'frequently used' strip."""

    home = ParentalKey(HomePage, related_name="common_services", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("label override"), max_length=30, blank=True)

    panels = [PageChooserPanel("page"), FieldPanel("label")]


class HomeFeaturedItem(Orderable):
    """A featured case, brand or campaign on the home page."""

    home = ParentalKey(HomePage, related_name="featured_items", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    summary = models.CharField(_("summary"), max_length=140, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [PageChooserPanel("page"), FieldPanel("summary"), FieldPanel("image")]


class StandardPage(AdminSearchable, CachedRestrictionsMixin, Page):
    """A general content page built from the shared blocks (about, privacy, accessibility …)."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = admin_search.page_fields()  # its text: StandardPageDocument (search/documents.py)
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")
