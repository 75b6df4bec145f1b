"""The text form of weekly hours, used by the CSV import/export and the demo.

周一至周五 09:00-12:00,13:30-17:30；周六 09:00-12:00      (unlisted days are closed)
每天 00:00-24:00   or simply   24小时                     20:00-次日02:00 runs past midnight
"""

import re

from django.utils.translation import gettext as _

from services.places.hours import DAY_MINUTES, WEEKDAY_NAMES, format_clock, parse_clock, range_minutes

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
