"""News: the index with filters and pagination, and the article page."""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from portal.ground import admin_search, pinyin
from portal.ground.admin_search import AdminSearchable
from portal.ground.pages import CachedRestrictionsMixin

NEWS_PER_PAGE = 10


class NewsCategory(models.TextChoices):
    """Kinds of news a district publishes."""

    PRESS_CONFERENCE = "press", _("Press conference")
    WORK_UPDATE = "work", _("Work update")
    NOTICE = "notice", _("Notice")
    COMMUNITY = "community", _("Community life")
    REPORT = "report", _("Work report")


class NewsIndexPage(CachedRestrictionsMixin, Page):
    """The list of news with filters by category, tag and year."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = []
    subpage_types = ["home.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def news(self):
        """Live public news under this index, newest first."""
        return NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")

    @staticmethod
    def active_filters(params):
        """The filters present in the query string, as shown back in the form."""
        return {name: params[name] for name in ("category", "tag", "year") if params.get(name, "")}

    def filtered_news(self, params):
        """Apply the category/tag/year filters from a query dict; unknown values give an empty list."""
        news = self.news()
        filters = {}
        category = params.get("category", "")
        if category:
            filters["category"] = category
            news = news.filter(category=category) if category in NewsCategory.values else news.none()
        tag = params.get("tag", "")
        if tag:
            filters["tag"] = tag
            news = news.filter(tags__name=tag)
        year = params.get("year", "")
        if year:
            filters["year"] = year
            news = news.filter(date__year=int(year)) if year.isdigit() and len(year) == 4 else news.none()
        return news, filters

    def get_context(self, request, *args, **kwargs):
        """Paginate the filtered news; bad page numbers fall back to the first or last page."""
        context = super().get_context(request, *args, **kwargs)
        filters = self.active_filters(request.GET)
        # Lazy: the template renders the list inside a fragment cache keyed by the content
        # version, so these queries only run when the cached fragment is missing.
        context.update(
            {
                "news_page": SimpleLazyObject(
                    lambda: self._paginate(self.filtered_news(request.GET)[0], request.GET.get("page", "1"))
                ),
                "filters": filters,
                "categories": NewsCategory.choices,
                "years": SimpleLazyObject(self._years),
                "tags": lambda: (
                    NewsPageTag.objects.filter(content_object__live=True)
                    .values_list("tag__name", flat=True)
                    .distinct()
                    .order_by("tag__name")[:30]
                ),
            }
        )
        return context

    @staticmethod
    def _paginate(news, page_number):
        """The requested page of news; bad numbers fall back to the first or last page."""
        paginator = Paginator(news.select_related("lead_image"), NEWS_PER_PAGE)
        try:
            return paginator.page(page_number)
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            number = str(page_number)
            return paginator.page(paginator.num_pages if number.isdigit() and int(number) > 1 else 1)

    def _years(self):
        return [d.year for d in self.news().dates("date", "year", order="DESC")]


class NewsPageTag(TaggedItemBase):
    """Free tags on news (e.g. 垃圾分类, 网格化管理)."""

    content_object = ParentalKey("home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(AdminSearchable, CachedRestrictionsMixin, Page):
    """One news article, press conference or notice."""

    date = models.DateField(_("date"), default=datetime.date.today, db_index=True)
    category = models.CharField(
        _("category"), max_length=20, choices=NewsCategory.choices, default=NewsCategory.WORK_UPDATE
    )
    source = models.CharField(_("source"), max_length=100, blank=True, help_text=_("Publisher, e.g. 柳荫街道办事处"))
    author = models.CharField(_("author"), max_length=60, blank=True)
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("category"), FieldPanel("source"), FieldPanel("author")],
            heading=_("Publication"),
        ),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    # Its text: NewsDocument (search/documents.py).
    search_fields = admin_search.page_fields(index.FilterField("date"), index.FilterField("category"))
    api_fields = [
        APIField("date"),
        APIField("category"),
        APIField("source"),
        APIField("author"),
        APIField("summary"),
        APIField("lead_image"),
        APIField("lead_image_thumbnail", serializer=ImageRenditionField("fill-480x320", source="lead_image")),
        APIField("body"),
        APIField("tags"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def full_clean(self, *args, **kwargs):
        self.use_ascii_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):  # what Wagtail runs instead of full_clean when saving a draft
        self.use_ascii_slug()
        super().minimal_clean()

    def use_ascii_slug(self):
        """A title's characters make a percent-encoded address (/news/%E6%9F%B3…/): news gets an ASCII
        slug instead, from the title's pinyin or, failing that, the date and a number."""
        if self.slug and not self.slug.isascii():
            parent = self.get_parent() if self.depth else None
            self.slug = news_slug(self.title, self.date, parent, self.pk)

    @property
    def published_at(self):
        """The first publication time, or the article date at 09:00 when never published."""
        if self.first_published_at:
            return self.first_published_at
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(9, 0)))

    def get_description(self):
        """Meta description: the summary, else the start of the body text."""
        if self.search_description:
            return self.search_description
        if self.summary:
            return self.summary
        return ""

    def related_news(self, limit=4):
        """News sharing a tag, else the same category, newest first."""
        siblings = NewsPage.objects.live().public().exclude(pk=self.pk).order_by("-date", "-pk")
        tag_ids = list(self.tags.values_list("pk", flat=True))
        related = list(siblings.filter(tags__in=tag_ids).distinct()[:limit]) if tag_ids else []
        if len(related) < limit:
            seen = {p.pk for p in related}
            related += [p for p in siblings.filter(category=self.category)[: limit * 2] if p.pk not in seen][
                : limit - len(related)
            ]
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_news"] = self.related_news  # called by the template only on a cache miss
        return context


def news_slug(title, date, parent=None, exclude_pk=None):
    """liu-yin-she-qu-… from the title, or 2026-12-06-1 when it gives no letters; unique among ``parent``'s children."""
    base = pinyin.slug(title, max_length=60) or f"{(date or datetime.date.today()):%Y-%m-%d}-1"
    if parent is None:
        return base
    siblings = parent.get_children().exclude(pk=exclude_pk)
    slug, n = base, 2
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
