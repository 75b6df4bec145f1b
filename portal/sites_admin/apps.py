from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class SitesAdminConfig(AppConfig):
    name = "portal.sites_admin"
    label = "portal_sites_admin"
    verbose_name = _("Wagtail sites")


class UsersAppConfig(WagtailUsersAppConfig):
    """``wagtail.users`` itself (same name and label) with the user viewset of users.py (Wagtail's documented
    way to customise it): the users list's 有效 column reads 是/否."""

    user_viewset = "portal.sites_admin.users.UserViewSet"
