from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesAdminConfig(AppConfig):
    name = "portal.sites_admin"
    label = "portal_sites_admin"
    verbose_name = _("Wagtail sites")
