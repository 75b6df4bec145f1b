"""Service stations (阵地): the index at /stations/ and one page per station with hours and activities."""

import datetime
import json

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from portal.ground.pages import CachedRestrictionsMixin
from services.places import hours as hours_logic
from services.places.widgets import MapPickerWidget

from .areas import Community
from .fields import ChoiceSetField
from .map_settings import MapSettings

# Fragments keyed by the current minute are useless after it: keep them a little longer, no more.
STATUS_TTL = 120


class StationKind(models.TextChoices):
    """The kinds of station residents and workers look for."""

    CENTRE = "centre", _("Party and masses service centre")
    STATION = "station", _("Party and masses service station")
    GRID_POST = "grid_post", _("Grid post")
    PARTY_MEMBER = "party_member", _("Party member post")
    RIDER = "rider", _("Little Bee rider post")
    DRIVER = "driver", _("Driver post")


class Facility(models.TextChoices):
    """Facilities a station offers, filterable on the map."""

    WATER = "water", _("Drinking water")
    CHARGING = "charging", _("Charging")
    MICROWAVE = "microwave", _("Microwave")
    TOILET = "toilet", _("Toilet")
    REST = "rest", _("Rest area")
    FIRST_AID = "first_aid", _("First-aid kit")
    ACCESSIBLE = "accessible", _("Step-free access")
    WIFI = "wifi", _("Wi-Fi")


class HolidayPolicy(models.TextChoices):
    """How the public-holiday calendar affects a station."""

    CLOSED = "closed", _("Closed on public holidays, open on make-up working days")
    REGULAR = "regular", _("Keeps its weekly hours on public holidays")


class StationPage(AdminSearchable, CachedRestrictionsMixin, Page):
    """One station: where it is, when it is open, what it offers, and its activity schedule."""

    code = models.CharField(
        _("station code"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("External code used by the CSV import, e.g. YX-LY-001. Leave empty if unsure."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StationKind.choices, default=StationKind.STATION)
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stations",
    )
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    address = models.CharField(_("address"), max_length=200)
    latitude = models.FloatField(
        _("latitude (WGS-84)"), validators=[MinValueValidator(-90), MaxValueValidator(90)], db_index=True
    )
    longitude = models.FloatField(_("longitude (WGS-84)"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    operator = models.CharField(_("run by"), max_length=100, blank=True, help_text=_("e.g. 柳荫社区党委"))
    facilities = ChoiceSetField(_("facilities"), max_length=200, choices=Facility.choices, blank=True)
    holiday_policy = models.CharField(
        _("public holidays"), max_length=10, choices=HolidayPolicy.choices, default=HolidayPolicy.CLOSED
    )
    hours_note = models.CharField(
        _("note on opening hours"), max_length=200, blank=True, help_text=_("e.g. 午间不休，节假日另行通知")
    )
    # Derived from the opening periods and exceptions on every save so that the map API can
    # compute the status of hundreds of stations without extra queries.
    schedule = models.JSONField(_("schedule"), default=dict, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("code"), FieldPanel("community"), FieldPanel("operator")],
            heading=_("Station"),
        ),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("latitude", widget=MapPickerWidget()),
                FieldPanel("longitude"),
                FieldPanel("phone"),
            ],
            heading=_("Location and contact"),
        ),
        FieldPanel("facilities"),
        MultiFieldPanel(
            [
                InlinePanel("opening_periods", label=_("Weekly opening hours")),
                FieldPanel("holiday_policy"),
                FieldPanel("hours_note"),
            ],
            heading=_("Opening hours"),
        ),
        InlinePanel("opening_exceptions", label=_("Dated exceptions (holidays, closures)")),
        InlinePanel("services", label=_("Services offered")),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("activities", label=_("Activity schedule")),
    ]
    # Its text: StationDocument (services/places/documents.py).
    search_fields = admin_search.page_fields(index.FilterField("kind"))
    api_fields = [
        APIField("kind"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("phone"),
        APIField("facilities"),
        APIField("schedule"),
    ]
    exclude_fields_in_copy = ["code"]
    parent_page_types = ["places.StationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        indexes = [models.Index(fields=["latitude", "longitude"], name="places_station_lat_lng")]

    def __str__(self):
        return self.title

    # -- opening hours -------------------------------------------------------------------------
    def build_schedule(self):
        """The JSON schedule from the (possibly unsaved) opening periods and exceptions."""
        weekly = [[] for _i in range(7)]
        for period in self.opening_periods.all():
            for day in period.weekdays():
                weekly[day].append([period.opens.strftime("%H:%M"), period.closes.strftime("%H:%M")])
        for day in weekly:
            day.sort()
        exceptions, notes = {}, {}
        for exception in self.opening_exceptions.all():
            for day in exception.dates():
                key = day.isoformat()
                ranges = exceptions.setdefault(key, [])
                if not exception.closed and exception.opens and exception.closes:
                    ranges.append([exception.opens.strftime("%H:%M"), exception.closes.strftime("%H:%M")])
                if exception.note:
                    notes[key] = exception.note
        return {"weekly": weekly, "exceptions": exceptions, "notes": notes, "holidays": self.holiday_policy}

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "schedule" in update_fields:
            self.schedule = self.build_schedule()
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        self.schedule = self.build_schedule()
        return super().full_clean(*args, **kwargs)

    def opening_status(self, moment=None, calendar=None):
        """Live status (开放中 / 即将关闭 / 已关闭) in Asia/Shanghai.

        ``calendar`` (from ``holiday_calendar()``) may be passed in when many stations are asked at once.
        """
        from .holidays import holiday_calendar

        return hours_logic.opening_status(self.schedule, moment, holiday_calendar() if calendar is None else calendar)

    def weekly_hours(self, moment=None):
        """Seven rows (weekday name, ranges text, is today) for the hours table."""
        now = hours_logic.to_local(moment)
        weekly = (self.schedule or {}).get("weekly") or [[] for _i in range(7)]
        return [
            {
                "name": hours_logic.weekday_name(day),
                "text": hours_logic.describe_ranges(weekly[day]),
                "is_today": day == now.weekday(),
            }
            for day in range(7)
        ]

    def upcoming_exceptions(self, moment=None, days=60):
        """Dated exceptions and public holidays affecting the next ``days`` days."""
        from .holidays import holiday_calendar, holiday_names

        today = hours_logic.to_local(moment).date()
        schedule = self.schedule or {}
        calendar = holiday_calendar()
        names = holiday_names()
        rows = []
        for offset in range(days):
            day = today + datetime.timedelta(days=offset)
            key = day.isoformat()
            own = key in (schedule.get("exceptions") or {})
            holiday = schedule.get("holidays") == "closed" and key in calendar
            if not (own or holiday):
                continue
            ranges = hours_logic.day_ranges(schedule, day, calendar)
            rows.append(
                {
                    "date": day,
                    "weekday": hours_logic.weekday_name(day.weekday()),
                    "note": (schedule.get("notes") or {}).get(key) or names.get(key, ""),
                    "text": hours_logic.describe_ranges(
                        [[hours_logic.format_clock(s), hours_logic.format_clock(e % 1440)] for s, e in ranges]
                    ),
                }
            )
        return rows

    # -- related content -------------------------------------------------------------------------
    @cached_property
    def facility_labels(self):
        labels = dict(Facility.choices)
        return [{"code": code, "label": labels[code]} for code in self.facilities if code in labels]

    def related_pages(self):
        """Live pages of other apps (service guides, cases) that link to this station by a foreign key."""
        found = []
        for relation in self._meta.related_objects:
            model = relation.related_model
            if not issubclass(model, Page) or model is StationPage:
                continue
            accessor = relation.get_accessor_name()
            try:
                manager = getattr(self, accessor)
            except (AttributeError, ValueError):
                continue
            found.extend(manager.live().public().order_by("title")[:20])
        return found

    def activities_in_month(self, moment=None):
        """Activities from the start of this month to 30 days ahead, in date order."""
        today = hours_logic.to_local(moment).date()
        start = today.replace(day=1)
        end = today + datetime.timedelta(days=31)
        return self.activities.filter(date__gte=start, date__lte=end).order_by("date", "start_time")

    def report_error_url(self):
        """The feedback form, pre-filled with this station."""
        return f"/feedback/?station={self.pk}"

    def ical_url(self):
        """The station's activity schedule as an iCalendar feed."""
        return reverse("places:station_ical", kwargs={"page_id": self.pk})

    def qr_url(self):
        """A QR code of this page's address, for posters at the station's door."""
        return reverse("places:station_qr", kwargs={"page_id": self.pk})

    def get_context(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            # A preview shows the editor's unsaved hours, not the last saved schedule.
            self.schedule = self.build_schedule()
        from portal.ground.caching import fragment_ttl
        from services.places.caching import local_day

        context = super().get_context(request, *args, **kwargs)
        # The status changes with the clock: computed on every request, shown outside the fragments.
        context["status"] = self.opening_status()
        # The rest is cached per content version and day (today's row, the coming exceptions and the
        # month's activities change with the date); lazy, so it is only read when a fragment is missing.
        context["fragment_ttl"] = fragment_ttl(request)
        context["local_day"] = local_day()
        context["weekly_hours"] = SimpleLazyObject(self.weekly_hours)
        context["exceptions"] = SimpleLazyObject(self.upcoming_exceptions)
        context["activities"] = SimpleLazyObject(lambda: list(self.activities_in_month()))
        context["photos"] = SimpleLazyObject(lambda: list(self.photos.select_related("image")))
        context["station_services"] = SimpleLazyObject(lambda: list(self.services.select_related("page")))
        context["related_pages"] = SimpleLazyObject(self.related_pages)
        context["grids"] = SimpleLazyObject(lambda: list(self.community.grids.all()) if self.community_id else [])
        context["map_options"] = SimpleLazyObject(lambda: json.dumps(MapSettings.for_request(request).as_js()))
        return context
