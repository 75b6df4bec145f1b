from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "services.places"
    label = "places"
    verbose_name = _("Places and stations")
    default_auto_field = "django.db.models.BigAutoField"
