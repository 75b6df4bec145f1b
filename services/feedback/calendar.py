"""Working days for deadlines: Monday–Friday, minus public holidays, plus make-up workdays (调休).

The district has one holiday calendar, kept in the places app (``PublicHoliday``, edited in the
admin); deadlines follow it so that a holiday added there moves every due date computed after it.
"""

import datetime

from django.utils import timezone

from services.places.models.holidays import holiday_calendar

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
    return day


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
