"""The project app: wiring, the page shell, health and robots."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal.ground import content_version, page_cache, signals

        post_save.connect(content_version.on_model_change, dispatch_uid="portal-content-version-save")
        post_delete.connect(content_version.on_model_change, dispatch_uid="portal-content-version-delete")
        page_published.connect(content_version.on_page_event, dispatch_uid="portal-content-version-publish")
        page_unpublished.connect(content_version.on_page_event, dispatch_uid="portal-content-version-unpublish")
        post_page_move.connect(content_version.on_page_event, dispatch_uid="portal-content-version-move")
        signals.content_changed.connect(page_cache.purge_on_content_change, dispatch_uid="portal-page-cache-purge")
