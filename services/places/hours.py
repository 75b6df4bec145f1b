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
        day = WEEKDAY_NAMES[moment.weekday()]
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


# ---------------------------------------------------------------------------------------------
# Text form of weekly hours, used by CSV import/export and the demo:
#   周一至周五 09:00-12:00,13:30-17:30；周六 09:00-12:00      (unlisted days are closed)
#   每天 00:00-24:00   or simply   24小时                     20:00-次日02:00 runs past midnight
# ---------------------------------------------------------------------------------------------

_DAY_TOKENS = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "5": 4,
    "6": 5,
    "7": 6,
}
_EN_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_ALL_DAYS = {"每天", "每日", "全天", "daily", "周一至周日", "all"}
_CLOSED_WORDS = {"休息", "闭馆", "关闭", "closed", "不开放"}


class HoursSyntaxError(ValueError):
    """A weekly-hours text that cannot be read; the message says which part and why."""


def _parse_day(token):
    token = token.strip().lower()
    if token in _EN_DAYS:
        return _EN_DAYS[token]
    token = re.sub(r"^(周|星期|礼拜)", "", token)
    if token in _DAY_TOKENS:
        return _DAY_TOKENS[token]
    raise HoursSyntaxError(_("unknown weekday “%(token)s”") % {"token": token})


def _parse_days(text):
    text = text.strip()
    if text.lower() in _ALL_DAYS:
        return list(range(7))
    if text in {"工作日", "weekdays"}:
        return list(range(5))
    if text in {"周末", "双休日", "weekend"}:
        return [5, 6]
    days = []
    for part in re.split(r"[、,，/]", text):
        bounds = re.split(r"\s*(?:至|到|~|～|-|—|–)\s*", part.strip())
        if len(bounds) == 1:
            days.append(_parse_day(bounds[0]))
        elif len(bounds) == 2:
            first, last = _parse_day(bounds[0]), _parse_day(bounds[1])
            span = (last - first) % 7
            days.extend((first + i) % 7 for i in range(span + 1))
        else:
            raise HoursSyntaxError(_("cannot read the days “%(text)s”") % {"text": part})
    return days


def _parse_ranges(text):
    text = text.strip()
    if text.lower() in _CLOSED_WORDS:
        return []
    if text in {"24小时", "24h", "全天"}:
        return [["00:00", "00:00"]]
    ranges = []
    for part in re.split(r"[,，、]", text):
        match = re.fullmatch(
            r"\s*(\d{1,2}[:：]\d{2})\s*(?:-|—|–|~|～|至|到)\s*(?:次日|翌日)?\s*(\d{1,2}[:：]\d{2})\s*", part
        )
        if not match:
            raise HoursSyntaxError(_("cannot read the time range “%(text)s”") % {"text": part.strip()})
        opens, closes = (m.replace("：", ":") for m in match.groups())
        try:
            range_minutes(opens, closes)
        except ValueError:
            raise HoursSyntaxError(_("“%(text)s” is not a valid time") % {"text": part.strip()})
        opens, closes = format_clock(parse_clock(opens)), format_clock(parse_clock(closes) % DAY_MINUTES)
        ranges.append([opens, closes])
    return ranges


def parse_weekly_text(text):
    """Weekly hours (seven lists, Monday first) from the text form; HoursSyntaxError if unreadable."""
    text = (text or "").strip()
    if not text:
        raise HoursSyntaxError(_("the opening hours are empty"))
    weekly = [[] for _i in range(7)]
    if text in {"24小时", "24h", "全天24小时"}:
        return [[["00:00", "00:00"]] for _i in range(7)]
    for segment in re.split(r"[;；\n]+", text):
        segment = segment.strip()
        if not segment:
            continue
        match = re.match(r"^(\S+?)\s*[:：]?\s+(.+)$", segment) or re.match(
            r"^(\D+?)\s*[:：]?\s*(\d.*|休息|闭馆|24小时)$", segment
        )
        if not match:
            raise HoursSyntaxError(_("cannot read “%(text)s”: write days then times") % {"text": segment})
        days, ranges = _parse_days(match.group(1)), _parse_ranges(match.group(2))
        for day in days:
            weekly[day] = weekly[day] + ranges if ranges else []
    return weekly


def format_ranges(ranges):
    """09:00-12:00,13:30-17:30 · 24小时 · 20:00-次日02:00 for one day."""
    if not ranges:
        return "休息"
    if ranges == [["00:00", "00:00"]]:
        return "24小时"
    parts = []
    for opens, closes in ranges:
        start, end = range_minutes(opens, closes)
        parts.append(f"{opens}-次日{closes}" if end > DAY_MINUTES else f"{opens}-{format_clock(end)}")
    return ",".join(parts)


def format_weekly_text(weekly):
    """The text form of weekly hours, grouping consecutive days with the same ranges."""
    if all(day == [["00:00", "00:00"]] for day in weekly):
        return "24小时"
    segments = []
    day = 0
    while day < 7:
        last = day
        while last + 1 < 7 and weekly[last + 1] == weekly[day]:
            last += 1
        if weekly[day]:
            if last == day:
                days = WEEKDAY_NAMES[day]
            elif day == 0 and last == 6:
                days = "每天"
            else:
                days = f"{WEEKDAY_NAMES[day]}至{WEEKDAY_NAMES[last]}"
            segments.append(f"{days} {format_ranges(weekly[day])}")
        day = last + 1
    return "；".join(segments) if segments else "休息"
