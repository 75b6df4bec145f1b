"""Factories for the site shell's pages."""

import datetime

import factory
import wagtail_factories

from home.models import NewsIndexPage, NewsPage, StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "新闻动态"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"柳荫社区开展第{n}次网格议事会")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = factory.Sequence(lambda n: datetime.date(2026, 11, 1) - datetime.timedelta(days=n))
    category = "work"
    source = "柳荫街道党工委"
    summary = "网格员、楼长和居民代表围绕停车难问题提出了三条解决办法。"

    class Meta:
        model = NewsPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "关于本站"
    slug = "about"
    introduction = "本站由云溪区委组织部主办。"

    class Meta:
        model = StandardPage
