"""Opening hours: weekly ranges, ranges past midnight, dated exceptions, public holidays, live status.

Everything is computed in the district's local time (Asia/Shanghai, no daylight saving). A station's
hours are kept as a small JSON *schedule* so that the map API can compute the status of hundreds of
stations without extra queries::

    {
        "weekly": [[["09:00", "17:00"]], ..., []],   # Monday first; several ranges a day
        "exceptions": {"2026-10-01": []},              # a dated day: [] closed, or its own ranges
        "notes": {"2026-10-01": "国庆节"},
        "holidays": "closed" | "regular",            # follow the public-holiday calendar or not
    }

A range whose end is not after its start runs past midnight (``20:00–02:00``); ``00:00–00:00`` is a
whole day. Precedence for one date: the station's own exception, then the holiday calendar (for
stations that follow it; on a make-up working day such a station keeps its Monday hours), then the
weekly hours. Consecutive ranges are merged, so a 24-hour station is never "closing soon" at midnight.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
CLOSING_SOON_MINUTES = 30
LOOKAHEAD_DAYS = 14
DAY_MINUTES = 24 * 60

OPEN = "open"
CLOSING_SOON = "closing_soon"
CLOSED = "closed"

HOLIDAY = "holiday"
WORKDAY = "workday"

# The CSV text form writes these (a data format, the same in every language); pages use weekday_name().
WEEKDAY_NAMES = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def local_now():
    """The current time in Asia/Shanghai as a naive local datetime."""
    return timezone.now().astimezone(LOCAL_TZ).replace(tzinfo=None)


def to_local(moment):
    """A naive local datetime from an aware datetime (naive ones are taken as local already)."""
    if moment is None:
        return local_now()
    if timezone.is_aware(moment):
        return moment.astimezone(LOCAL_TZ).replace(tzinfo=None)
    return moment


def parse_clock(text):
    """Minutes after midnight from 'HH:MM' (24:00 allowed); ValueError on anything else."""
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text or "")
    if not match:
        raise ValueError(text)
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(text)
    return hours * 60 + minutes


def format_clock(minutes):
    """'HH:MM' from minutes after midnight (1440 → 24:00)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def range_minutes(opens, closes):
    """(start, end) minutes of one range; an end not after the start runs past midnight."""
    start, end = parse_clock(opens), parse_clock(closes)
    if start == DAY_MINUTES:
        raise ValueError(opens)
    if end <= start:
        end += DAY_MINUTES
    return start, end


def _date_key(day):
    return day.isoformat()


@functools.lru_cache(maxsize=8192)
def _cached_range(opens, closes):
    """range_minutes, memoised: the same few strings recur across thousands of stations."""
    try:
        return range_minutes(opens, closes)
    except (ValueError, TypeError):
        return None  # a broken range never breaks the page; the admin form validates new ones


def _raw_ranges(schedule, key, weekday, holiday_kind):
    """The stored ranges that apply to one date, after exceptions and the holiday calendar."""
    exceptions = schedule.get("exceptions")
    if exceptions and key in exceptions:
        return exceptions[key]
    weekly = schedule.get("weekly")
    if not weekly or len(weekly) != 7:
        return ()
    if holiday_kind and schedule.get("holidays") == "closed":
        if holiday_kind == HOLIDAY:
            return ()
        if holiday_kind == WORKDAY and weekday >= 5:
            return weekly[0]
    return weekly[weekday]


def _ranges(raw):
    ranges = [r for r in (_cached_range(opens, closes) for opens, closes in raw) if r is not None]
    ranges.sort()
    return ranges


def day_ranges(schedule, day, holidays=None):
    """The ranges (start, end in minutes, end may pass 1440) that begin on ``day``."""
    key = _date_key(day)
    return _ranges(_raw_ranges(schedule, key, day.weekday(), (holidays or {}).get(key)))


def _merge(spans):
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _minute_spans(schedule, start_day, days, holidays):
    """Merged opening intervals in minutes after midnight of ``start_day`` (integers are cheap)."""
    spans = []
    for offset in range(days):
        base = offset * DAY_MINUTES
        for start, end in day_ranges(schedule, start_day + datetime.timedelta(days=offset), holidays):
            spans.append((base + start, base + end))
    return _merge(spans)


class StatusClock:
    """'Now' and the three dates around it, computed once and shared by every status of a request."""

    def __init__(self, moment=None, holidays=None):
        self.now = to_local(moment)
        self.holidays = holidays or {}
        self.yesterday = self.now.date() - datetime.timedelta(days=1)
        self.origin = datetime.datetime.combine(self.yesterday, datetime.time())
        self.now_min = (self.now - self.origin).total_seconds() / 60
        days = [self.yesterday + datetime.timedelta(days=n) for n in range(3)]
        self.days = [(n * DAY_MINUTES, d.isoformat(), d.weekday()) for n, d in enumerate(days)]
        self.days = [(base, key, weekday, self.holidays.get(key)) for base, key, weekday in self.days]
        self.labels = _labels()

    def spans(self, schedule):
        """Merged spans of yesterday, today and tomorrow in minutes after yesterday's midnight."""
        spans = []
        for base, key, weekday, holiday_kind in self.days:
            for opens, closes in _raw_ranges(schedule, key, weekday, holiday_kind):
                found = _cached_range(opens, closes)
                if found is not None:
                    spans.append((base + found[0], base + found[1]))
        return _merge(spans)


def intervals(schedule, start_day, days, holidays=None):
    """Merged opening intervals as naive local datetimes, from ranges beginning on the given days."""
    midnight = datetime.datetime.combine(start_day, datetime.time())
    return [
        (midnight + datetime.timedelta(minutes=s), midnight + datetime.timedelta(minutes=e))
        for s, e in _minute_spans(schedule, start_day, days, holidays or {})
    ]


_LABELS = {}


def _labels():
    """Translated words of the status, computed once per language (the API builds hundreds of labels)."""
    language = translation.get_language()
    labels = _LABELS.get(language)
    if labels is None:
        labels = {
            OPEN: _("Open now"),
            CLOSING_SOON: _("Closing soon"),
            CLOSED: _("Closed"),
            "always": _("Open 24 hours"),
            "closes": _("closes %(when)s"),
            "opens": _("opens %(when)s"),
            "none": _("no opening in the next two weeks"),
            "today": _("today"),
            "tomorrow": _("tomorrow"),
            "date": _("%(month)d/%(day)d"),
            "weekdays": [
                _("Monday"),
                _("Tuesday"),
                _("Wednesday"),
                _("Thursday"),
                _("Friday"),
                _("Saturday"),
                _("Sunday"),
            ],
            "rest": _("Closed all day"),
            "all_day": _("24 hours"),
            "overnight": _("%(opens)s–%(closes)s next day"),
            "range": _("%(opens)s–%(closes)s"),
            "separator": _(", "),
        }
        _LABELS[language] = labels
    return labels


@dataclass(frozen=True)
class OpeningStatus:
    """Whether a station is open at a moment, and when that changes."""

    state: str
    now: datetime.datetime
    closes_at: datetime.datetime | None = None
    opens_at: datetime.datetime | None = None
    always_open: bool = False
    labels: dict | None = field(default=None, compare=False, repr=False)

    @property
    def is_open(self):
        return self.state in (OPEN, CLOSING_SOON)

    @property
    def state_label(self):
        return (self.labels or _labels())[self.state]

    @property
    def detail(self):
        """The second half of the label: 今天 17:00 关闭 / 明天 09:00 开放 / 24小时开放."""
        labels = self.labels or _labels()
        if self.always_open:
            return labels["always"]
        if self.is_open and self.closes_at:
            return labels["closes"] % {"when": describe_moment(self.closes_at, self.now, labels)}
        if not self.is_open and self.opens_at:
            return labels["opens"] % {"when": describe_moment(self.opens_at, self.now, labels)}
        if not self.is_open:
            return labels["none"]
        return ""

    @property
    def label(self):
        detail = self.detail
        return f"{self.state_label} · {detail}" if detail else str(self.state_label)


def weekday_name(day):
    """The weekday's name for pages (Monday is 0)."""
    return _labels()["weekdays"][day]


def describe_ranges(ranges):
    """One day's ranges for people: 08:30–12:00、13:30–17:30 · 休息 · 24小时 · 20:00–次日02:00."""
    labels = _labels()
    if not ranges:
        return labels["rest"]
    parts = []
    for opens, closes in ranges:
        found = _cached_range(opens, closes)
        if found is None:
            continue
        if found == (0, DAY_MINUTES):
            return labels["all_day"]
        key = "overnight" if found[1] > DAY_MINUTES else "range"
        parts.append(labels[key] % {"opens": format_clock(found[0]), "closes": format_clock(found[1] % DAY_MINUTES)})
    return labels["separator"].join(parts) if parts else labels["rest"]


def describe_moment(moment, now, labels=None):
    """今天 17:00 / 明天 09:00 / 周一 09:00 / 10月8日 09:00 relative to ``now``."""
    labels = labels or _labels()
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    days = (moment.date() - now.date()).days
    if moment.hour == 0 and moment.minute == 0 and days >= 1:
        # A range ending at midnight reads better as 24:00 of the day before.
        days -= 1
        clock = "24:00"
        moment = moment - datetime.timedelta(minutes=1)
    if days == 0:
        day = labels["today"]
    elif days == 1:
        day = labels["tomorrow"]
    elif days < 7:
        day = labels["weekdays"][moment.weekday()]
    else:
        day = labels["date"] % {"month": moment.month, "day": moment.day}
    return f"{day} {clock}"


def opening_status(schedule, moment=None, holidays=None, soon_minutes=CLOSING_SOON_MINUTES, clock=None):
    """The :class:`OpeningStatus` of a schedule at ``moment`` (aware or local naive; default now).

    Pass a :class:`StatusClock` as ``clock`` when computing many statuses for the same moment.
    """
    clock = clock or StatusClock(moment, holidays)
    now, now_min, origin = clock.now, clock.now_min, clock.origin
    # Ranges that began yesterday can still be running; three days decide "open now" and when it
    # closes, the longer look-ahead runs only for stations open past tomorrow or closed for days.
    spans = clock.spans(schedule)
    for start, end in spans:
        if start <= now_min < end:
            if end >= 3 * DAY_MINUTES:
                longer = _minute_spans(schedule, clock.yesterday, LOOKAHEAD_DAYS, clock.holidays)
                end = next(e for s, e in longer if s <= now_min < e)
                if end >= (LOOKAHEAD_DAYS - 1) * DAY_MINUTES:
                    return OpeningStatus(OPEN, now, always_open=True, labels=clock.labels)
            state = CLOSING_SOON if end - now_min <= soon_minutes else OPEN
            return OpeningStatus(state, now, closes_at=origin + datetime.timedelta(minutes=end), labels=clock.labels)
    upcoming = [start for start, _end in spans if start > now_min]
    if not upcoming:
        longer = _minute_spans(schedule, clock.yesterday, LOOKAHEAD_DAYS + 2, clock.holidays)
        upcoming = [start for start, _end in longer if start > now_min]
    opens_at = origin + datetime.timedelta(minutes=upcoming[0]) if upcoming else None
    return OpeningStatus(CLOSED, now, opens_at=opens_at, labels=clock.labels)


def is_open_at(schedule, moment=None, holidays=None):
    """True when the schedule is open at ``moment``."""
    now = to_local(moment)
    yesterday = now.date() - datetime.timedelta(days=1)
    now_min = (now - datetime.datetime.combine(yesterday, datetime.time())).total_seconds() / 60
    return any(start <= now_min < end for start, end in _minute_spans(schedule, yesterday, 2, holidays or {}))
