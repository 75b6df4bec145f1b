"""A station's activity schedule as an iCalendar (RFC 5545) feed residents can subscribe to."""

import datetime
import hashlib

from django.http import HttpResponse
from django.utils import timezone

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text):
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def activity_uid(station, activity):
    """A UID that survives re-saving the page (child rows get new ids when a revision is published)."""
    digest = hashlib.sha256(f"{activity.title}|{activity.start_time}".encode()).hexdigest()[:10]
    return f"station-{station.pk}-{activity.date:%Y%m%d}-{digest}"


def station_calendar(station, host, since=None):
    """The calendar text: every activity from 60 days ago on, in Asia/Shanghai local time."""
    since = since or (timezone.localdate() - datetime.timedelta(days=60))
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Yunxi district portal//Stations//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(station.title)} 活动安排",
        "X-WR-TIMEZONE:Asia/Shanghai",
        *VTIMEZONE,
    ]
    for activity in station.activities.filter(date__gte=since).order_by("date", "start_time"):
        start = datetime.datetime.combine(activity.date, activity.start_time)
        end = datetime.datetime.combine(activity.date, activity.end_time)
        description = activity.description
        if activity.audience:
            description = f"面向：{activity.audience}" + (f"\n{description}" if description else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{activity_uid(station, activity)}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID=Asia/Shanghai:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Asia/Shanghai:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{escape(activity.title)}",
            f"LOCATION:{escape(station.title + '，' + station.address)}",
            f"GEO:{station.latitude:.6f};{station.longitude:.6f}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{escape(description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def station_calendar_response(station, request):
    host = request.get_host().split(":")[0] or "portal"
    response = HttpResponse(station_calendar(station, host), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="station-{station.pk}.ics"'
    response["Cache-Control"] = "public, max-age=600"
    return response
