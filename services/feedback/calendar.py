"""Working days for deadlines: Monday–Friday, minus public holidays, plus make-up workdays (调休).

The district has one holiday calendar, kept in the places app (``PublicHoliday``, seeded from the
chinesecalendar package and edited in the admin); deadlines follow it so that a holiday added there
moves every due date computed after it.

A year with no day in the calendar has not been entered yet (the State Council publishes the next
year's arrangement late in the year). Deadlines in such a year are still computed, counting Monday to
Friday, but never silently: the computation logs a warning, the ticket page says the date is an
estimate, and the admin dashboard, the holiday list and /healthz name the missing year.
"""

import datetime
import logging

from django.utils import timezone

from services.places.models.holidays import calendar_years, holiday_calendar

logger = logging.getLogger(__name__)

HOLIDAY = "holiday"
WORKDAY = "workday"


def is_working_day(day, calendar=None):
    """True when staff work on ``day``."""
    calendar = holiday_calendar() if calendar is None else calendar
    kind = calendar.get(day.isoformat())
    if kind == HOLIDAY:
        return False
    if kind == WORKDAY:
        return True
    return day.weekday() < 5


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (the start day itself does not count)."""
    calendar = holiday_calendar()
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, calendar):
            remaining -= 1
    if days > 0:
        _warn_if_estimated(start, day, calendar)
    return day


def estimated_years(start, end, calendar=None):
    """The years from ``start`` to ``end`` that have no day in the calendar (counted Monday–Friday)."""
    known = calendar_years() if calendar is None else {int(key[:4]) for key in calendar}
    return [year for year in range(start.year, end.year + 1) if year not in known]


def is_estimated(day):
    """True when ``day`` lies in a year without a holiday calendar, so a deadline on it is an estimate."""
    return bool(day) and bool(estimated_years(day, day))


def _warn_if_estimated(start, end, calendar):
    missing = estimated_years(start, end, calendar)
    if missing:
        logger.warning(
            "deadline %s counted Monday-Friday: no holiday calendar for %s",
            end.isoformat(),
            ", ".join(map(str, missing)),
        )


def working_days_between(start, end):
    """How many working days lie after ``start`` up to and including ``end`` (negative if end < start)."""
    if end < start:
        return -working_days_between(end, start)
    calendar = holiday_calendar()
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, calendar):
            count += 1
    return count


def deadline_state(due_date, today=None):
    """'overdue' after the due date, 'due_soon' on it or the working day before, else ''."""
    today = today or timezone.localdate()
    if today > due_date:
        return "overdue"
    if working_days_between(today, due_date) <= 1:
        return "due_soon"
    return ""
