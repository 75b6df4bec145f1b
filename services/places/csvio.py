"""Station CSV files: reading (UTF-8, UTF-8 with BOM, GBK/GB18030), validating rows, writing.

Columns (English or Chinese headers; order does not matter)::

    code      编码       required, the station's external code; rows are upserted by it
    name      名称       required
    kind      类型       centre/station/grid_post/party_member/rider/driver or the Chinese name
    community 社区       the community's slug or name (may be empty)
    address   地址       required
    latitude  纬度       required, decimal degrees
    longitude 经度       required, decimal degrees
    datum     坐标系     WGS84 (default) or GCJ02; GCJ-02 points are converted and stored in WGS-84
    phone     电话
    facilities 设施      codes or Chinese names separated by | 、 , or ；
    hours     开放时间   e.g. 周一至周五 09:00-12:00,13:30-17:30；周六 09:00-12:00 · 24小时 · 每天 07:00-次日01:00
    holidays  节假日     closed (法定节假日闭馆, default) or regular (节假日照常)
    operator  运营单位
    introduction 简介
"""

import csv
import io
import math

from django.utils.translation import gettext as _

from portal.ground import geo
from services.places.hours_text import HoursSyntaxError, format_weekly_text, parse_weekly_text
from services.places.models import Community, Facility, HolidayPolicy, StationKind

COLUMNS = [
    "code",
    "name",
    "kind",
    "community",
    "address",
    "latitude",
    "longitude",
    "datum",
    "phone",
    "facilities",
    "hours",
    "holidays",
    "operator",
    "introduction",
]
CHINESE_HEADERS = {
    "编码": "code",
    "站点编码": "code",
    "名称": "name",
    "站点名称": "name",
    "类型": "kind",
    "站点类型": "kind",
    "社区": "community",
    "所属社区": "community",
    "地址": "address",
    "纬度": "latitude",
    "经度": "longitude",
    "坐标系": "datum",
    "电话": "phone",
    "联系电话": "phone",
    "设施": "facilities",
    "开放时间": "hours",
    "节假日": "holidays",
    "运营单位": "operator",
    "简介": "introduction",
}
REQUIRED = ["code", "name", "kind", "address", "latitude", "longitude", "hours"]
KIND_ALIASES = {
    **{str(label): value for value, label in StationKind.choices},
    "党群服务中心": "centre",
    "党群服务站": "station",
    "网格驿站": "grid_post",
    "党员驿站": "party_member",
    "小蜜蜂驿站": "rider",
    "骑手驿站": "rider",
    "司机驿站": "driver",
    "司机之家": "driver",
}
FACILITY_ALIASES = {
    "饮水": "water",
    "热水": "water",
    "充电": "charging",
    "微波炉": "microwave",
    "卫生间": "toilet",
    "厕所": "toilet",
    "休息区": "rest",
    "休息": "rest",
    "药箱": "first_aid",
    "医药箱": "first_aid",
    "无障碍通道": "accessible",
    "无障碍": "accessible",
    "wifi": "wifi",
    "wi-fi": "wifi",
}
HOLIDAY_ALIASES = {
    "": HolidayPolicy.CLOSED,
    "closed": HolidayPolicy.CLOSED,
    "法定节假日闭馆": HolidayPolicy.CLOSED,
    "节假日闭馆": HolidayPolicy.CLOSED,
    "闭馆": HolidayPolicy.CLOSED,
    "regular": HolidayPolicy.REGULAR,
    "节假日照常": HolidayPolicy.REGULAR,
    "照常": HolidayPolicy.REGULAR,
    "照常开放": HolidayPolicy.REGULAR,
}


class RowError(ValueError):
    """A row that cannot be imported; the message says why, in Chinese."""


class FileError(ValueError):
    """A file that cannot be read at all (encoding, missing columns)."""


def decode(data):
    """(text, encoding name) for UTF-8 with or without BOM, else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise FileError(_("The file is neither UTF-8 nor GBK/GB18030 text; save it as CSV UTF-8 and try again."))


def read_rows(data):
    """(encoding, [(line number, {column: value})]) from the file's bytes."""
    text, encoding = decode(data)
    # Decide the delimiter from the header only: values (opening hours) may contain ; and commas.
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = "\t" if "\t" in first_line else ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FileError(_("The file is empty."))
    columns = [CHINESE_HEADERS.get(h.strip(), h.strip().lower()) for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise FileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = {column: (values[i].strip() if i < len(values) else "") for i, column in enumerate(columns)}
        rows.append((reader.line_num, row))
    return encoding, rows


def _split(text):
    for sep in ("、", ",", "，", "；", ";", "/"):
        text = text.replace(sep, "|")
    return [part.strip() for part in text.split("|") if part.strip()]


def _coordinate(row, name, low, high):
    value = row.get(name, "")
    try:
        number = float(value)
    except ValueError:
        raise RowError(_("%(column)s “%(value)s” is not a number") % {"column": name, "value": value[:20]})
    if not math.isfinite(number) or not low <= number <= high:
        raise RowError(_("%(column)s %(value)s is out of range") % {"column": name, "value": value[:20]})
    return number


def parse_row(row, communities):
    """(code, StationPage fields, weekly hours) from one CSV row; RowError with the reason."""
    for column in REQUIRED:
        if not row.get(column):
            raise RowError(_("the column %(column)s is empty") % {"column": column})
    code = row["code"]
    if len(code) > 40:
        raise RowError(_("the code is longer than 40 characters"))
    kind = KIND_ALIASES.get(row["kind"], row["kind"].lower())
    if kind not in StationKind.values:
        raise RowError(_("unknown kind “%(value)s”") % {"value": row["kind"][:20]})
    lat = _coordinate(row, "latitude", -90, 90)
    lng = _coordinate(row, "longitude", -180, 180)
    datum = row.get("datum", "").upper().replace("-", "").replace(" ", "") or "WGS84"
    if datum in {"GCJ02", "火星坐标", "高德", "腾讯"}:
        lat, lng = geo.gcj02_to_wgs84(lat, lng)
    elif datum not in {"WGS84", "GPS"}:
        raise RowError(_("unknown coordinate system “%(value)s”: use WGS84 or GCJ02") % {"value": row["datum"][:20]})
    community = None
    if row.get("community"):
        community = communities.get(row["community"])
        if community is None:
            raise RowError(_("unknown community “%(value)s”") % {"value": row["community"][:30]})
    facilities = []
    for item in _split(row.get("facilities", "")):
        code_ = FACILITY_ALIASES.get(item.lower(), FACILITY_ALIASES.get(item, item.lower()))
        if code_ not in Facility.values:
            raise RowError(_("unknown facility “%(value)s”") % {"value": item[:20]})
        facilities.append(code_)
    try:
        weekly = parse_weekly_text(row["hours"])
    except HoursSyntaxError as exc:
        raise RowError(_("opening hours: %(reason)s") % {"reason": exc})
    policy = HOLIDAY_ALIASES.get(row.get("holidays", "").lower())
    if policy is None:
        raise RowError(_("unknown holiday rule “%(value)s”: use closed or regular") % {"value": row["holidays"][:20]})
    fields = {
        "title": row["name"][:255],
        "kind": kind,
        "community": community,
        "address": row["address"][:200],
        "latitude": round(lat, 7),
        "longitude": round(lng, 7),
        "phone": row.get("phone", "")[:40],
        "facilities": list(dict.fromkeys(facilities)),
        "holiday_policy": policy,
        "operator": row.get("operator", "")[:100],
        "introduction": row.get("introduction", "")[:600],
    }
    return code, fields, weekly


def community_lookup():
    """Communities by slug and by name, for the community column."""
    lookup = {}
    for community in Community.objects.all():
        lookup[community.name] = community
        lookup[community.slug] = community
    return lookup


def write_csv(stations, stream):
    """Write stations in the import format (coordinates in WGS-84) to a text stream."""
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for station in stations:
        writer.writerow(
            [
                station.code or f"PAGE-{station.pk}",
                station.title,
                station.kind,
                station.community.slug if station.community_id else "",
                station.address,
                f"{station.latitude:.7f}".rstrip("0").rstrip("."),
                f"{station.longitude:.7f}".rstrip("0").rstrip("."),
                "WGS84",
                station.phone,
                "|".join(station.facilities),
                format_weekly_text((station.schedule or {}).get("weekly") or [[] for _i in range(7)]),
                station.holiday_policy,
                station.operator,
                station.introduction,
            ]
        )
