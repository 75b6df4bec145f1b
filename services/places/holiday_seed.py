"""Seed the holiday calendar (PublicHoliday) from the ``chinesecalendar`` package: the State Council's
public holidays and make-up working days (调休) for every year the package knows.

Editors keep the last word: a day an editor created, changed or deleted in the admin (Wagtail's log of
the snippet views records it) is never created, changed or brought back by seeding. Seeding writes
through the ORM and leaves no log entry, so a seeded day stays the package's until an editor touches it.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import ModelLogEntry

from services.places import hours as hours_logic
from services.places.models.holidays import PublicHoliday

# The package names the holidays in English; the calendar speaks Chinese.
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
WORKDAY_SUFFIX = "调休上班"


def package_days():
    """[(date, name, kind)] for every holiday and make-up working day the package knows, by date."""
    from chinese_calendar import constants

    days = []
    for day, name in constants.holidays.items():
        # The package also lists weekend days that fall inside a holiday; they are holidays all the same.
        days.append((day, NAMES.get(str(name), str(name)), hours_logic.HOLIDAY))
    for day, name in constants.workdays.items():
        days.append((day, NAMES.get(str(name), str(name)) + WORKDAY_SUFFIX, hours_logic.WORKDAY))
    return sorted(days)


def package_years():
    """The years the package has a calendar for."""
    return sorted({day.year for day, _name, _kind in package_days()})


def _edited_by_editors():
    """(pks of rows an editor created or changed, dates of rows an editor deleted) from Wagtail's log."""
    content_type = ContentType.objects.get_for_model(PublicHoliday)
    entries = ModelLogEntry.objects.filter(content_type=content_type).values_list("action", "object_id", "label")
    touched, deleted = set(), set()
    for action, object_id, label in entries:
        if action == "wagtail.delete":
            try:
                deleted.add(datetime.date.fromisoformat((label or "")[:10]))
            except ValueError:
                continue
        else:
            touched.add(str(object_id))
    return touched, deleted


@transaction.atomic
def seed_holidays(days=None, since=None):
    """Bring the calendar in line with the package (or ``days``), from the year ``since`` on when given;
    returns counts of what happened."""
    days = package_days() if days is None else days
    if since is not None:
        days = [day for day in days if day[0].year >= since]
    touched, deleted = _edited_by_editors()
    existing = {row.date: row for row in PublicHoliday.objects.all()}
    counts = {"created": 0, "updated": 0, "kept": 0}
    new_rows = []
    for day, name, kind in days:
        row = existing.get(day)
        if row is None:
            if day in deleted:
                counts["kept"] += 1
            else:
                new_rows.append(PublicHoliday(date=day, name=name, kind=kind))
            continue
        if str(row.pk) in touched:
            counts["kept"] += 1
        elif (row.name, row.kind) != (name, kind):
            row.name, row.kind = name, kind
            row.save(update_fields=["name", "kind"])
            counts["updated"] += 1
    PublicHoliday.objects.bulk_create(new_rows)
    counts["created"] = len(new_rows)
    if new_rows:
        PublicHoliday.calendar_changed()
    return counts
