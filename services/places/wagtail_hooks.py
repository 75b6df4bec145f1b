"""Admin set-up of places: streets, communities (with their joint committees), grids (with grid workers),
party groups, grid ratings and their levels, holidays, roads."""

from django.contrib import messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from portal.ground.admin_columns import YesNoColumn
from services.places.models import (
    BuildingPartyGroup,
    Community,
    Grid,
    GridRating,
    GridRatingLevel,
    PublicHoliday,
    Road,
    Street,
)
from services.places.models.holidays import missing_calendar_years


def calendar_warning(missing):
    """The sentence the admin shows when the current or next year has no holiday calendar."""
    return gettext(
        "No public holidays or make-up working days (调休) are entered for %(years)s: deadlines in that year "
        "count Monday to Friday only. Enter the State Council's arrangement under 节假日安排."
    ) % {"years": "、".join(str(year) for year in missing)}


def boundary_column():
    """A yes/no column (是/否) telling whether the area's outline has been drawn."""
    return YesNoColumn("has_boundary", label=_("Outline drawn"), accessor=lambda obj: obj.boundary is not None)


class StreetViewSet(SnippetViewSet):
    model = Street
    icon = "site"
    list_display = ["name", "address", "phone"]
    sort_order_field = "sort_order"


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "home"
    list_display = ["name", "street", "households", "population", "party_members", boundary_column()]
    list_filter = ["street"]
    list_export = ["name", "street", "households", "population", "party_members", "address", "phone"]


class GridViewSet(SnippetViewSet):
    model = Grid
    icon = "table"
    list_display = ["code", "name", "community", "households", "party_branch", boundary_column()]
    list_filter = ["community"]
    list_export = ["code", "name", "community", "households", "party_branch"]


class BuildingPartyGroupViewSet(SnippetViewSet):
    model = BuildingPartyGroup
    icon = "group"
    list_display = ["name", "grid", "buildings", "member_count"]
    list_filter = ["grid__community"]
    search_fields = ["name", "buildings"]


class GridRatingLevelViewSet(SnippetViewSet):
    """The rating scheme: editors write each star level's criteria."""

    model = GridRatingLevel
    icon = "pick"
    list_display = ["name", "stars", "criteria"]
    ordering = ["-stars"]


class GridRatingViewSet(SnippetViewSet):
    """One rating per grid and quarter; filtered by year, quarter, level and community."""

    model = GridRating
    icon = "tasks"
    list_display = ["grid", Column("period_label", label=_("Quarter")), "level"]
    list_filter = ["year", "quarter", "level", "grid__community"]
    list_export = ["grid", "year", "quarter", "level", "note"]
    search_fields = ["grid__name", "grid__community__name"]

    def get_queryset(self, request):
        return GridRating.objects.select_related("grid__community", "level")


class PublicHolidayIndexView(IndexView):
    """The holiday list, with a warning when the current or next year has no calendar."""

    def get(self, request, *args, **kwargs):
        if not self.results_only and (missing := missing_calendar_years()):
            messages.warning(request, calendar_warning(missing))
        return super().get(request, *args, **kwargs)


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    index_view_class = PublicHolidayIndexView
    icon = "date"
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    ordering = ["-date"]


class RoadViewSet(SnippetViewSet):
    model = Road
    icon = "arrow-right-full"
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    sort_order_field = "sort_order"


class PlacesSnippets(SnippetViewSetGroup):
    items = (
        StreetViewSet,
        CommunityViewSet,
        GridViewSet,
        BuildingPartyGroupViewSet,
        GridRatingLevelViewSet,
        GridRatingViewSet,
        PublicHolidayViewSet,
        RoadViewSet,
    )
    menu_icon = "site"
    menu_label = _("Communities and grids")
    menu_name = "places"
    menu_order = 200


register_snippet(PlacesSnippets)


class HolidayCalendarPanel(Component):
    """Dashboard warning: the current or next year has no holiday calendar (deadlines count Monday–Friday)."""

    name = "holiday_calendar_warning"
    order = 5
    template_name = "places/admin/holiday_calendar_panel.html"

    def __init__(self, missing):
        self.missing = missing

    def get_context_data(self, parent_context=None):
        return {"message": calendar_warning(self.missing)}


@hooks.register("construct_homepage_panels")
def add_holiday_calendar_panel(request, panels):
    missing = missing_calendar_years()
    if missing:
        panels.append(HolidayCalendarPanel(missing))
