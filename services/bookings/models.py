"""Bookable station rooms and their bookings; activities of a station's schedule opened for sign-up."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from services.places import hours as hours_logic


class RoomKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity room")
    MEETING = "meeting", _("Meeting room")
    READING = "reading", _("Reading room")
    CLASSROOM = "classroom", _("Classroom")
    OTHER = "other", _("Other room")


class Room(models.Model):
    """A room of a station residents may book (活动室, 会议室 …), in slots cut from the station's opening hours."""

    station = models.ForeignKey(
        "places.StationPage", verbose_name=_("station"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("room name"), max_length=60, help_text=_("e.g. 二楼多功能活动室"))
    kind = models.CharField(_("kind"), max_length=12, choices=RoomKind.choices, default=RoomKind.ACTIVITY)
    capacity = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=120,
        validators=[MinValueValidator(30), MaxValueValidator(480)],
        help_text=_("Opening hours are cut into slots of this length, starting at opening time."),
    )
    days_ahead = models.PositiveSmallIntegerField(
        _("bookable days ahead"), default=14, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    description = models.CharField(_("equipment and rules"), max_length=300, blank=True)
    active = models.BooleanField(_("open for booking"), default=True)

    panels = [
        FieldPanel("station"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("capacity"),
        FieldPanel("slot_minutes"),
        FieldPanel("days_ahead"),
        FieldPanel("description"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["station__title", "name"]

    def __str__(self):
        return f"{self.name}（{self.station.title}）"


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# A slot is taken by a booking in one of these states; the database refuses a second one.
HOLDS_SLOT = [BookingStatus.PENDING, BookingStatus.APPROVED]


class RoomBooking(models.Model):
    """A resident's request for one slot of a room; station staff approve or decline it with a reason."""

    room = models.ForeignKey(Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings")
    resident = models.ForeignKey(
        "participation.Resident", verbose_name=_("resident"), on_delete=models.PROTECT, related_name="room_bookings"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    purpose = models.CharField(_("purpose"), max_length=100)
    attendees = models.PositiveSmallIntegerField(_("number of people"), validators=[MinValueValidator(1)])
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.PENDING, db_index=True
    )
    reason = models.CharField(_("reason given"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "date", "start_time"],
                condition=Q(status__in=HOLDS_SLOT),
                name="bookings_one_active_booking_per_slot",
            )
        ]

    def __str__(self):
        return f"{self.room.name} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    @property
    def holds_slot(self):
        return self.status in HOLDS_SLOT


class Activity(models.Model):
    """An activity of a station's monthly schedule that residents sign up for, with seats and a waiting list.

    The date, times and title follow the schedule entry (kept in step when the station page is published);
    they are also stored here so that sign-ups keep their meaning if the entry is later removed.
    """

    schedule_entry = models.OneToOneField(
        "places.StationActivity",
        verbose_name=_("schedule entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_up",
    )
    station = models.ForeignKey(
        "places.StationPage", verbose_name=_("station"), on_delete=models.PROTECT, related_name="sign_up_activities"
    )
    title = models.CharField(_("activity"), max_length=100)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    audience = models.CharField(_("for whom"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])
    waiting_list = models.PositiveSmallIntegerField(
        _("waiting list places"), default=10, help_text=_("0 means no waiting list.")
    )
    sign_up_open = models.BooleanField(_("sign-up open"), default=True)
    rule = models.ForeignKey(
        "participation.EarningRule",
        verbose_name=_("points for attending"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Points awarded when staff check a resident in at the door."),
    )
    # Bumped at the start of every sign-up change: the write takes the row (PostgreSQL) or database
    # (SQLite) lock, so two residents asking for the last place are served one after the other.
    seats_version = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("schedule_entry"),
        FieldPanel("capacity"),
        FieldPanel("waiting_list"),
        FieldPanel("sign_up_open"),
        FieldPanel("rule"),
    ]

    class Meta:
        verbose_name = _("activity with sign-up")
        verbose_name_plural = _("activities with sign-up")
        ordering = ["date", "start_time"]

    def __str__(self):
        return f"{self.date:%m月%d日} {self.title}（{self.station.title}）"

    def save(self, *args, **kwargs):
        if self.schedule_entry_id and (self.station_id is None or not self.title):
            self.copy_from_schedule()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("bookings:activity", kwargs={"page_id": self.station_id, "activity_id": self.pk})

    def clean(self):
        if self.schedule_entry_id is None and not self.title:
            raise ValidationError({"schedule_entry": _("Choose the activity from a station's schedule.")})
        self.copy_from_schedule()

    def copy_from_schedule(self):
        """Take the station, date, times and title from the schedule entry (when there is one)."""
        entry = self.schedule_entry
        if entry is None:
            return
        self.station_id = entry.station_id
        for name in ("title", "date", "start_time", "end_time", "audience", "description"):
            setattr(self, name, getattr(entry, name))

    def starts_at(self):
        """The aware start time (Asia/Shanghai)."""
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=hours_logic.LOCAL_TZ)


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_SIGN_UP = [SignUpStatus.CONFIRMED, SignUpStatus.WAITING]


class SignUp(models.Model):
    """A resident's place (or place in the queue) at an activity; checked in at the door for points."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="sign_ups"
    )
    resident = models.ForeignKey(
        "participation.Resident", verbose_name=_("resident"), on_delete=models.PROTECT, related_name="sign_ups"
    )
    status = models.CharField(_("status"), max_length=12, choices=SignUpStatus.choices, db_index=True)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    points_entry = models.OneToOneField(
        "participation.PointEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="sign_up"
    )

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "resident"],
                condition=Q(status__in=ACTIVE_SIGN_UP),
                name="bookings_one_active_sign_up_per_resident",
            )
        ]

    def __str__(self):
        return f"{self.activity.title} · {self.resident.phone_masked}"
