from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "services.catalog"
    label = "catalog"
    verbose_name = _("Services")
    default_auto_field = "django.db.models.BigAutoField"
