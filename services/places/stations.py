"""Creating and updating station pages from plain data (used by the CSV import and the demo)."""

import datetime

from portal.ground import pinyin
from portal.ground.pages import unique_child_slug
from services.places.hours import parse_clock
from services.places.models import OpeningPeriod, StationIndexPage, StationPage

GROUPS = [("daily", range(7)), ("mon-fri", range(5)), ("sat-sun", range(5, 7))]


def _time(text):
    minutes = parse_clock(text) % (24 * 60)
    return datetime.time(minutes // 60, minutes % 60)


def periods_from_weekly(weekly):
    """OpeningPeriod rows for seven days of ranges, grouping Monday–Friday, weekends and every day."""
    periods, done = [], set()
    for code, days in GROUPS:
        days = [d for d in days if d not in done]
        if len(days) < 2 or any(weekly[d] != weekly[days[0]] for d in days) or not weekly[days[0]]:
            continue
        if (
            code == "mon-fri"
            and len(days) != 5
            or code == "sat-sun"
            and len(days) != 2
            or code == "daily"
            and len(days) != 7
        ):
            continue
        for opens, closes in weekly[days[0]]:
            periods.append(OpeningPeriod(days=code, opens=_time(opens), closes=_time(closes)))
        done.update(days)
    for day in range(7):
        if day in done:
            continue
        for opens, closes in weekly[day]:
            periods.append(OpeningPeriod(days=str(day), opens=_time(opens), closes=_time(closes)))
    for order, period in enumerate(periods):
        period.sort_order = order
    return periods


def unique_slug(parent, title, exclude_pk=None):
    """A readable pinyin slug (柳荫社区党群服务中心 → liu-yin-she-qu-…) unique among the parent's children."""
    return unique_child_slug(parent, pinyin.slug(title) or "station", exclude_pk)


def station_index():
    """The station index page (there is at most one)."""
    return StationIndexPage.objects.first()


def upsert_station(code, fields, weekly, children=None, publish=True, index=None):
    """Create or update the station with ``code``; returns (page, created).

    ``fields`` are StationPage field values; ``weekly`` seven lists of ranges; ``children`` may
    replace other child relations (``activities``, ``services``, ``opening_exceptions``, ``photos``).
    """
    index = index or station_index()
    if index is None:
        raise LookupError("no StationIndexPage")
    page = StationPage.objects.filter(code=code).first()
    if page is None and code.startswith("PAGE-") and code[5:].isdigit():
        # export_stations writes PAGE-<id> for stations entered without a code: re-importing updates them.
        page = StationPage.objects.filter(pk=int(code[5:]), code__isnull=True).first()
    created = page is None
    if created:
        page = StationPage(code=code, slug=unique_slug(index, fields["title"]))
    else:
        # The CSV describes the live station: apply it to the live version and publish that.
        # An editor's unpublished draft stays in the page's revision history.
        page.code = code
    for name, value in fields.items():
        setattr(page, name, value)
    page.opening_periods = periods_from_weekly(weekly)
    for relation, rows in (children or {}).items():
        setattr(page, relation, rows)
    if created:
        index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return StationPage.objects.get(pk=page.pk), created
