from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Residents taking part: phone sign-in, volunteer points and the exchange at stations."""

    name = "services.participation"
    label = "participation"
    verbose_name = _("Taking part")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.ground import content_version

        from . import earning
        from .models import EarningRule, ExchangeItem

        # The rules and the catalogue are public (/points/, search); residents' ledgers are not.
        content_version.watch(EarningRule, ExchangeItem)
        # A wish fulfilled or a report closed as handled earns its resident points by the rules.
        earning.connect()
