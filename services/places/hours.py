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
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
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


def day_ranges(schedule, day, holidays=None):
    """The ranges (start, end in minutes, end may pass 1440) that begin on ``day``."""
    holidays = holidays or {}
    exceptions = schedule.get("exceptions") or {}
    key = _date_key(day)
    if key in exceptions:
        raw = exceptions[key]
    else:
        weekly = schedule.get("weekly") or [[] for _i in range(7)]
        raw = weekly[day.weekday()] if len(weekly) == 7 else []
        if schedule.get("holidays", "regular") == "closed":
            kind = holidays.get(key)
            if kind == HOLIDAY:
                raw = []
            elif kind == WORKDAY and day.weekday() >= 5:
                raw = weekly[0] if len(weekly) == 7 else []
    ranges = []
    for opens, closes in raw:
        try:
            ranges.append(range_minutes(opens, closes))
        except ValueError:
            continue  # a broken range never breaks the page; the admin form validates new ones
    return sorted(ranges)


def intervals(schedule, start_day, days, holidays=None):
    """Merged opening intervals as naive local datetimes, from ranges beginning on the given days."""
    spans = []
    for offset in range(days):
        day = start_day + datetime.timedelta(days=offset)
        midnight = datetime.datetime.combine(day, datetime.time())
        for start, end in day_ranges(schedule, day, holidays):
            spans.append((midnight + datetime.timedelta(minutes=start), midnight + datetime.timedelta(minutes=end)))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class OpeningStatus:
    """Whether a station is open at a moment, and when that changes."""

    state: str
    now: datetime.datetime
    closes_at: datetime.datetime | None = None
    opens_at: datetime.datetime | None = None
    always_open: bool = False

    @property
    def is_open(self):
        return self.state in (OPEN, CLOSING_SOON)

    @property
    def state_label(self):
        return {OPEN: _("Open now"), CLOSING_SOON: _("Closing soon"), CLOSED: _("Closed")}[self.state]

    @property
    def detail(self):
        """The second half of the label: 今天 17:00 关闭 / 明天 09:00 开放 / 24小时开放."""
        if self.always_open:
            return _("Open 24 hours")
        if self.is_open and self.closes_at:
            return _("closes %(when)s") % {"when": describe_moment(self.closes_at, self.now)}
        if not self.is_open and self.opens_at:
            return _("opens %(when)s") % {"when": describe_moment(self.opens_at, self.now)}
        if not self.is_open:
            return _("no opening in the next two weeks")
        return ""

    @property
    def label(self):
        detail = self.detail
        return f"{self.state_label} · {detail}" if detail else str(self.state_label)


def describe_moment(moment, now):
    """今天 17:00 / 明天 09:00 / 周一 09:00 / 10月8日 09:00 relative to ``now``."""
    clock = moment.strftime("%H:%M")
    days = (moment.date() - now.date()).days
    if moment.time() == datetime.time() and days >= 1:
        # A range ending at midnight reads better as 24:00 of the day before.
        days -= 1
        clock = "24:00"
        moment = moment - datetime.timedelta(minutes=1)
    if days == 0:
        day = _("today")
    elif days == 1:
        day = _("tomorrow")
    elif days < 7:
        day = WEEKDAY_NAMES[moment.weekday()]
    else:
        day = _("%(month)d/%(day)d") % {"month": moment.month, "day": moment.day}
    return f"{day} {clock}"


def opening_status(schedule, moment=None, holidays=None, soon_minutes=CLOSING_SOON_MINUTES):
    """The :class:`OpeningStatus` of a schedule at ``moment`` (aware or local naive; default now)."""
    now = to_local(moment)
    today = now.date()
    # Ranges that began yesterday can still be running; a short window is enough to decide
    # "open now" and when it closes, the longer look-ahead only when we need the next opening.
    spans = intervals(schedule, today - datetime.timedelta(days=1), 3, holidays)
    for start, end in spans:
        if start <= now < end:
            if end >= datetime.datetime.combine(today + datetime.timedelta(days=2), datetime.time()):
                longer = intervals(schedule, today - datetime.timedelta(days=1), LOOKAHEAD_DAYS, holidays)
                end = next(e for s, e in longer if s <= now < e)
                horizon = datetime.datetime.combine(
                    today + datetime.timedelta(days=LOOKAHEAD_DAYS - 1), datetime.time()
                )
                if end >= horizon:
                    return OpeningStatus(OPEN, now, always_open=True)
            state = CLOSING_SOON if end - now <= datetime.timedelta(minutes=soon_minutes) else OPEN
            return OpeningStatus(state, now, closes_at=end)
    upcoming = [start for start, _end in spans if start > now]
    if not upcoming:
        upcoming = [start for start, _end in intervals(schedule, today, LOOKAHEAD_DAYS + 1, holidays) if start > now]
    return OpeningStatus(CLOSED, now, opens_at=upcoming[0] if upcoming else None)


def is_open_at(schedule, moment=None, holidays=None):
    """True when the schedule is open at ``moment`` (cheaper than a full status)."""
    now = to_local(moment)
    for start, end in intervals(schedule, now.date() - datetime.timedelta(days=1), 2, holidays):
        if start <= now < end:
            return True
    return False


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
