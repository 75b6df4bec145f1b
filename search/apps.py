from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each content app declares what it indexes in its documents.py (see search/registry.py).
        autodiscover_modules("documents")
        from portal.ground import admin_search
        from search import promotions, sync, wagtail_backend

        sync.connect()
        promotions.connect()
        # Wagtail's admin search indexes the same text, analysed (portal/ground/admin_search.py).
        admin_search.provide(wagtail_backend.indexed_text)
