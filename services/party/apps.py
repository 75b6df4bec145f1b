from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    """Party members working elsewhere report to the community where they live and serve there (双报到)."""

    name = "services.party"
    label = "party"
    verbose_name = _("Party members' check-in")
    default_auto_field = "django.db.models.BigAutoField"
