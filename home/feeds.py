"""RSS 2.0 feed of the latest news at /news/feed/."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from home.models import NewsPage


class LatestNewsFeed(Feed):
    """The 30 newest news items with title, link, date, category and summary."""

    feed_type = Rss201rev2Feed
    title = _("District news")
    link = "/news/"
    description = _("News, press conferences and notices from the district portal")

    def items(self):
        return NewsPage.objects.live().public().order_by("-date", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description or item.title

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9, 0)))

    def item_author_name(self, item):
        return item.source or item.author or None

    def item_categories(self, item):
        return [item.get_category_display()]
