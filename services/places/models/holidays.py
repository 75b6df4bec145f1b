"""The public-holiday calendar: national holidays and make-up working days (调休)."""

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.ground import caching
from services.places import hours as hours_logic

CACHE_KEY = "places:holiday-calendar"
LOCAL_SECONDS = 5  # how long a process keeps the calendar before asking the shared cache again


class PublicHoliday(models.Model):
    """A day off by the State Council's calendar, or a weekend that is a working day instead."""

    class Kind(models.TextChoices):
        HOLIDAY = hours_logic.HOLIDAY, _("Public holiday (day off)")
        WORKDAY = hours_logic.WORKDAY, _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=40, help_text=_("e.g. 国庆节, 春节调休上班"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)

    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"

    @staticmethod
    def calendar_changed():
        """Forget the cached calendar (bulk writes send no signals)."""
        _forget_calendar()


def _load():
    rows = list(PublicHoliday.objects.values_list("date", "kind", "name"))
    return {d.isoformat(): k for d, k, _n in rows}, {d.isoformat(): n for d, _k, n in rows}


def _calendar():
    """(kinds, names) by ISO date: from this process's memory for a few seconds, else the shared cache.

    A guide page asks for every station's opening status, so the calendar is read many times per request;
    the shared cache (files or Redis) is asked at most once per LOCAL_SECONDS in each process. A change
    made in this process is seen at once (``_forget_calendar``); other processes see it within that time.
    """
    local = caching.local_cache()
    cached = local.get(CACHE_KEY)
    if cached is None:
        cached = cache.get(CACHE_KEY)
        if cached is None:
            cached = _load()
            cache.set(CACHE_KEY, cached, 3600)
        local.set(CACHE_KEY, cached, LOCAL_SECONDS)
    return cached


def holiday_calendar():
    """{'2026-10-01': 'holiday', '2026-10-10': 'workday', …}, cached until a holiday changes."""
    return _calendar()[0]


def holiday_names():
    """{'2026-10-01': '国庆节', …}."""
    return _calendar()[1]


def calendar_years():
    """The years that have any day in the calendar."""
    return {int(day[:4]) for day in holiday_calendar()}


def missing_calendar_years(today=None):
    """Of the current and the next year, those without any day in the calendar (deadlines in them would
    count Monday to Friday only, missing the holidays and make-up days: editors must enter them)."""
    today = today or timezone.localdate()
    years = calendar_years()
    return [year for year in (today.year, today.year + 1) if year not in years]


@receiver([post_save, post_delete], sender=PublicHoliday)
def _forget_calendar(**kwargs):
    cache.delete(CACHE_KEY)
    caching.local_cache().delete(CACHE_KEY)
