"""Sitemap entries for the places pages that are not Wagtail pages: community pages and 找网格员."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from services.places.models import Community


class CommunitySitemap(Sitemap):
    """Every community page plus the grid-worker finder (station pages are in Wagtail's sitemap)."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["grid-worker", *Community.objects.order_by("pk")]

    def location(self, item):
        return reverse("places:grid_worker") if item == "grid-worker" else item.get_absolute_url()
