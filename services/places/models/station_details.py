"""The parts of a station page editors fill in inline: hours, exceptions, services, photos, activities."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Orderable

from .stations import StationPage


class OpeningPeriod(Orderable):
    """A weekly opening range; several per day are allowed."""

    class Days(models.TextChoices):
        MON = "0", _("Monday")
        TUE = "1", _("Tuesday")
        WED = "2", _("Wednesday")
        THU = "3", _("Thursday")
        FRI = "4", _("Friday")
        SAT = "5", _("Saturday")
        SUN = "6", _("Sunday")
        WORKDAYS = "mon-fri", _("Monday to Friday")
        WEEKEND = "sat-sun", _("Saturday and Sunday")
        DAILY = "daily", _("Every day")

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="opening_periods")
    days = models.CharField(_("days"), max_length=10, choices=Days.choices, default=Days.WORKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"),
        help_text=_("A closing time before the opening time runs past midnight; 00:00 to 00:00 means 24 hours."),
    )

    panels = [FieldRowPanel([FieldPanel("days"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening period")

    def weekdays(self):
        """The weekday numbers (Monday 0) this period applies to."""
        return {"mon-fri": range(5), "sat-sun": range(5, 7), "daily": range(7)}.get(self.days) or [int(self.days)]


class OpeningException(Orderable):
    """A dated change: a holiday closure or special hours for one day or a range of days."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="opening_exceptions")
    date = models.DateField(_("date"))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty for one day"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("reason"), max_length=60, blank=True, help_text=_("e.g. 国庆节, 设备检修"))

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening exception")

    def clean(self):
        if self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})
        if self.end_date and (self.end_date - self.date).days > 366:
            raise ValidationError({"end_date": _("An exception may last at most one year.")})
        if not self.closed and not (self.opens and self.closes):
            raise ValidationError({"opens": _("Give the special opening and closing times, or tick “closed”.")})

    def dates(self):
        """Every date this exception covers."""
        last = self.end_date or self.date
        return [self.date + datetime.timedelta(days=n) for n in range((last - self.date).days + 1)]


class StationService(Orderable):
    """A service offered at the station, optionally linking to a service guide."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("service"), max_length=80)
    description = models.CharField(_("description"), max_length=200, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("service guide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("description"), PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("service offered")


class StationPhoto(Orderable):
    """A photo of the station with alternative text."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=200)
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")


class StationActivity(Orderable):
    """One entry of the monthly activity schedule (活动安排)."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="activities")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    title = models.CharField(_("activity"), max_length=100)
    audience = models.CharField(_("for whom"), max_length=60, blank=True, help_text=_("e.g. 老年居民, 外卖骑手"))
    description = models.CharField(_("description"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
        FieldPanel("audience"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["date", "start_time"]

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The activity must end after it starts.")})
