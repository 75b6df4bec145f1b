"""Admin wiring of taking part: rules, the exchange catalogue and station staff as snippets; the exchange desk."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import EarningRule, ExchangeItem, StationStaff

admin_urls = (
    [
        path("redemptions/", admin_views.redemptions, name="redemptions"),
        path("redemptions/<int:pk>/<str:action>/", admin_views.handle_redemption, name="handle"),
        path("award/", admin_views.award, name="award"),
    ],
    "participation_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("points/", include(admin_urls))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_handle(request.user)


@hooks.register("register_admin_menu_item")
def register_exchange_menu_item():
    return StaffMenuItem(_("Points exchange"), reverse("participation_admin:redemptions"), icon_name="tag", order=270)


@hooks.register("register_admin_menu_item")
def register_award_menu_item():
    return StaffMenuItem(_("Award points"), reverse("participation_admin:award"), icon_name="plus", order=271)


class EarningRuleViewSet(SnippetViewSet):
    model = EarningRule
    icon = "pick"
    list_display = ["name", "kind", "points", "active"]


class ExchangeItemViewSet(SnippetViewSet):
    model = ExchangeItem
    icon = "tag"
    list_display = ["name", "station", "points", "stock", "active"]
    list_filter = ["active"]


class StationStaffViewSet(SnippetViewSet):
    model = StationStaff
    icon = "user"
    list_display = ["user", "station"]


class PointsGroup(SnippetViewSetGroup):
    items = (EarningRuleViewSet, ExchangeItemViewSet, StationStaffViewSet)
    menu_icon = "pick"
    menu_label = _("Volunteer points")
    menu_name = "points"


register_snippet(PointsGroup)
