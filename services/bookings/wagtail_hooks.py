"""Admin wiring: rooms and activities with sign-up as snippets (per station), the booking desk and check-in."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from services.places.models import StationActivity, StationPage

from . import admin_views, staff
from .models import Activity, Room

admin_urls = (
    [
        path("", admin_views.bookings, name="bookings"),
        path("<int:pk>/<str:action>/", admin_views.handle_booking, name="handle"),
        path("activities/", admin_views.activities, name="activities"),
        path("activities/<int:pk>/", admin_views.check_in_desk, name="check_in_desk"),
        path("sign-ups/<int:pk>/check-in/", admin_views.check_in, name="check_in"),
    ],
    "bookings_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("bookings/", include(admin_urls))]


@hooks.register("register_log_actions")
def register_personal_data_actions(actions):
    @actions.register_action(staff.VIEWED)
    class Viewed(LogFormatter):
        label = _("Viewed residents' numbers (bookings, sign-ups)")

        def format_message(self, log_entry):
            if (log_entry.data or {}).get("in_full"):
                return _("Opened with the resident's number in full")
            return _("Opened with the resident's number masked")


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return staff.can_handle(request.user)


@hooks.register("register_admin_menu_item")
def register_bookings_menu_item():
    return StaffMenuItem(_("Room bookings"), reverse("bookings_admin:bookings"), icon_name="calendar", order=272)


@hooks.register("register_admin_menu_item")
def register_check_in_menu_item():
    return StaffMenuItem(
        _("Sign-ups and check-in"), reverse("bookings_admin:activities"), icon_name="list-ul", order=273
    )


class StationScopedForm(WagtailAdminModelForm):
    """Staff of a station choose only their own stations (and those stations' schedule entries)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        stations = staff.stations_for(user) if user is not None and user.is_authenticated else None
        if "station" in self.fields:
            queryset = StationPage.objects.order_by("title")
            self.fields["station"].queryset = queryset if stations is None else queryset.filter(pk__in=stations)
        if "schedule_entry" in self.fields:
            entries = StationActivity.objects.filter(date__gte=timezone.localdate()).select_related("station")
            if self.instance.schedule_entry_id:
                entries = entries | StationActivity.objects.filter(pk=self.instance.schedule_entry_id)
            if stations is not None:
                entries = entries.filter(station_id__in=stations)
            field = self.fields["schedule_entry"]
            field.required = True
            field.queryset = entries.order_by("date", "start_time")
            field.label_from_instance = lambda e: (
                f"{e.date:%Y-%m-%d} {e.start_time:%H:%M} {e.title}（{e.station.title}）"
            )


class StationScopedViewSet(SnippetViewSet):
    """Listing and editing limited to the stations the user handles."""

    station_field = "station_id"

    def get_queryset(self, request):
        return staff.for_stations(request.user, self.model.objects.select_related("station"), self.station_field)


class RoomViewSet(StationScopedViewSet):
    model = Room
    icon = "home"
    list_display = ["name", "station", "kind", "capacity", "active"]
    list_filter = ["kind", "active"]
    edit_handler = ObjectList(Room.panels, base_form_class=StationScopedForm)


class ActivityViewSet(StationScopedViewSet):
    model = Activity
    icon = "date"
    list_display = ["title", "station", "date", "capacity", "waiting_list", "sign_up_open"]
    list_filter = ["sign_up_open"]
    edit_handler = ObjectList(Activity.panels, base_form_class=StationScopedForm)


class BookingsGroup(SnippetViewSetGroup):
    items = (RoomViewSet, ActivityViewSet)
    menu_icon = "calendar"
    menu_label = _("Rooms and sign-ups")
    menu_name = "bookings"


register_snippet(BookingsGroup)
