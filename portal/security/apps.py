"""App config of the portal's security layer."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "portal.security"
    label = "security"
    verbose_name = _("Sign-in and response security")
    default_auto_field = "django.db.models.BigAutoField"
