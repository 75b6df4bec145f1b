"""URLs of the site shell that are not Wagtail pages."""

from django.urls import path

from .feeds import LatestNewsFeed

urlpatterns = [
    path("news/feed/", LatestNewsFeed(), name="news_feed"),
]
