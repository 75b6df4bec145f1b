"""Models of the site shell: home and standard pages, news, site-wide settings."""

from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from .pages import HomePage, StandardPage
from .site_settings import SiteContactSettings

__all__ = [
    "HomePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "SiteContactSettings",
    "StandardPage",
]
