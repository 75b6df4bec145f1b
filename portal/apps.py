"""The project app: wiring, the page shell, health and robots."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from taggit.models import Tag
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal.ground import content_version, page_cache, signals

        # Wagtail's own models that change what the public sees (the apps declare theirs in their ready()).
        content_version.watch(
            Page,
            Site,
            Locale,
            PageViewRestriction,
            Collection,
            CollectionViewRestriction,
            get_image_model(),
            get_document_model(),
            Tag,
            Redirect,
        )
        page_published.connect(content_version.on_page_event, dispatch_uid="portal-content-version-publish")
        page_unpublished.connect(content_version.on_page_event, dispatch_uid="portal-content-version-unpublish")
        post_page_move.connect(content_version.on_page_event, dispatch_uid="portal-content-version-move")
        signals.content_changed.connect(page_cache.purge_on_content_change, dispatch_uid="portal-page-cache-purge")
