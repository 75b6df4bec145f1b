"""Registers the site viewset and its settings menu item (what ``wagtail.sites`` registers, see __init__).

Nothing here imports ``wagtail.sites.wagtail_hooks``: importing it would register Wagtail's viewset too.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.permissions import policy_registry

from .views import SiteViewSet


class SitesMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Site).user_has_any_permission(request.user, ["add", "change", "delete"])


@hooks.register("register_admin_viewset")
def register_viewset():
    return SiteViewSet("wagtailsites", url_prefix="sites")


@hooks.register("register_settings_menu_item")
def register_sites_menu_item():
    return SitesMenuItem(_("Sites"), reverse("wagtailsites:index"), name="sites", icon_name="site", order=602)
