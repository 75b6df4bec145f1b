"""Admin wiring of taking part: rules, the exchange catalogue and station staff as snippets; the exchange desk."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.ground.admin_columns import YesNoColumn

from . import admin_views, ledger_views, points
from .models import EarningRule, ExchangeItem, StationStaff
from .personal_data import EXPORTED, VIEWED

admin_urls = (
    [
        path("redemptions/", admin_views.redemptions, name="redemptions"),
        path("redemptions/<int:pk>/<str:action>/", admin_views.handle_redemption, name="handle"),
        path("award/", admin_views.award, name="award"),
        path("ledger/", ledger_views.ledger, name="ledger"),
        path("ledger/export.csv", ledger_views.export_csv, name="ledger_export"),
        path("ledger/<int:pk>/correct/", ledger_views.correct, name="correct"),
        path("balances/", ledger_views.balances, name="balances"),
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


@hooks.register("register_admin_menu_item")
def register_ledger_menu_item():
    return StaffMenuItem(_("Points ledger"), reverse("participation_admin:ledger"), icon_name="list-ul", order=272)


class PointsAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return points.stations_for(request.user) is None


@hooks.register("register_admin_menu_item")
def register_balances_menu_item():
    return PointsAdminMenuItem(
        _("Points balances"), reverse("participation_admin:balances"), icon_name="user", order=273
    )


@hooks.register("register_log_actions")
def register_personal_data_actions(actions):
    """Who was shown or exported residents' numbers on the points pages (the admin's site history report)."""

    class PersonalDataFormatter(LogFormatter):
        def format_message(self, log_entry):
            return self.in_full if (log_entry.data or {}).get("in_full") else self.masked

    @actions.register_action(VIEWED)
    class Viewed(PersonalDataFormatter):
        label = _("Viewed a resident's number (points)")
        in_full = _("Shown the resident's mobile number in full on a points page")
        masked = _("Shown the resident's mobile number masked on a points page")

    @actions.register_action(EXPORTED)
    class Exported(PersonalDataFormatter):
        label = _("Exported a resident's number (points)")
        in_full = _("Exported the resident's ledger entries to CSV with the number in full")
        masked = _("Exported the resident's ledger entries to CSV with the number masked")


class EarningRuleViewSet(SnippetViewSet):
    model = EarningRule
    icon = "pick"
    list_display = ["name", "kind", "points", YesNoColumn("active", label=_("active"))]


class ExchangeItemViewSet(SnippetViewSet):
    model = ExchangeItem
    icon = "tag"
    list_display = ["name", "station", "points", "stock", YesNoColumn("active", label=_("offered"))]
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
