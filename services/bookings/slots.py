"""The slots of a room on a day: the station's opening ranges that day (weekly hours, dated exceptions and
the public-holiday calendar) cut into pieces of the room's slot length, less those already taken or past."""

import datetime
from dataclasses import dataclass

from services.places import hours as hours_logic
from services.places.models.holidays import holiday_calendar

from .models import HOLDS_SLOT, RoomBooking

DAY = 24 * 60


@dataclass(frozen=True)
class Slot:
    date: datetime.date
    start: datetime.time
    end: datetime.time
    free: bool = True

    @property
    def key(self):
        """The value a booking form posts: 2026-06-12T14:00."""
        return f"{self.date.isoformat()}T{self.start:%H:%M}"

    @property
    def label(self):
        return f"{self.start:%H:%M}—{self.end:%H:%M}"


def _clock(minutes):
    return datetime.time(minutes // 60, minutes % 60)


def day_slots(room, day, now=None):
    """Every slot of ``room`` on ``day`` (taken ones with ``free`` False); none before now or past midnight."""
    now = hours_logic.to_local(now)
    length = room.slot_minutes
    spans = []
    for start, end in hours_logic.day_ranges(room.station.schedule or {}, day, holiday_calendar()):
        end = min(end, DAY)  # a slot never runs into the next day
        minute = start
        while minute + length <= end:
            spans.append((minute, minute + length))
            minute += length
    taken = set(
        RoomBooking.objects.filter(room=room, date=day, status__in=HOLDS_SLOT).values_list("start_time", flat=True)
    )
    slots = []
    for start, end in spans:
        begins = datetime.datetime.combine(day, _clock(start))
        if begins <= now:
            continue
        end_time = _clock(end) if end < DAY else datetime.time(23, 59)
        slots.append(Slot(day, _clock(start), end_time, free=_clock(start) not in taken))
    return slots


def bookable_days(room, now=None):
    """The dates residents may book, from today for ``room.days_ahead`` days."""
    today = hours_logic.to_local(now).date()
    return [today + datetime.timedelta(days=n) for n in range(room.days_ahead)]


def find_slot(room, key, now=None):
    """The slot a form posted (``2026-06-12T14:00``), free or not; None when it is no slot of this room."""
    try:
        day = datetime.date.fromisoformat(key[:10])
        start = datetime.time.fromisoformat(key[11:16])
    except (TypeError, ValueError):
        return None
    if day not in bookable_days(room, now):
        return None
    return next((slot for slot in day_slots(room, day, now) if slot.start == start), None)
