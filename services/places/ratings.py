"""Grid ratings for pages and for the figures (league tables): which rating each grid holds for a period."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q

from .models import GridRating, quarter_of

_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class GridRatingRow:
    """One grid's rating for one quarter, in plain values (no model instances) for tables and CSV."""

    community_id: int
    community: str
    street: str
    grid_id: int
    grid: str
    grid_code: str
    year: int
    quarter: int
    period: str
    stars: int
    level: str
    note: str
    url: str


def quarters_of(period):
    """The (year, quarter) pairs a period covers.

    ``period`` is ``"2026-Q3"`` / ``"2026Q3"`` (one quarter), ``"2026"`` (the year's four quarters),
    ``"2026-09"`` (the month's quarter), a ``(year, quarter)`` pair, a date, or an object with ``start``
    and ``end`` dates (every quarter that begins within it). Anything else raises ValueError.
    """
    if isinstance(period, tuple) and len(period) == 2:
        year, quarter = int(period[0]), int(period[1])
        if not 1 <= quarter <= 4:
            raise ValueError(f"no such quarter: {period!r}")
        return [(year, quarter)]
    if isinstance(period, datetime.date):
        return [quarter_of(period)]
    if hasattr(period, "start") and hasattr(period, "end"):
        start, end = period.start, period.end
        found = []
        year, quarter = quarter_of(start)
        while datetime.date(year, quarter * 3 - 2, 1) <= end:
            if datetime.date(year, quarter * 3 - 2, 1) >= start:
                found.append((year, quarter))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return found or [quarter_of(start)]
    text = str(period).strip()
    if match := _QUARTER.match(text):
        return [(int(match[1]), int(match[2]))]
    if match := _YEAR.match(text):
        return [(int(match[1]), q) for q in range(1, 5)]
    if (match := _MONTH.match(text)) and 1 <= int(match[2]) <= 12:
        return [(int(match[1]), (int(match[2]) - 1) // 3 + 1)]
    raise ValueError(f"not a period: {period!r}")


def grid_ratings(period, community=None):
    """Every grid rating of ``period`` (see :func:`quarters_of`) as :class:`GridRatingRow`, best first.

    Rows are ordered by quarter, then stars (highest first), then community and grid order. ``community``
    (a Community or its id) narrows the rows to one community. Grids without a rating have no row.
    """
    quarters = quarters_of(period)
    ratings = GridRating.objects.select_related("grid__community__street", "level")
    condition = Q()
    for year, quarter in quarters:
        condition |= Q(year=year, quarter=quarter)
    ratings = ratings.filter(condition)
    if community is not None:
        ratings = ratings.filter(grid__community=getattr(community, "pk", community))
    ratings = ratings.order_by(
        "year", "quarter", "-level__stars", "grid__community__sort_order", "grid__sort_order", "grid__code"
    )
    return [
        GridRatingRow(
            community_id=r.grid.community_id,
            community=r.grid.community.name,
            street=r.grid.community.street.name,
            grid_id=r.grid_id,
            grid=r.grid.name,
            grid_code=r.grid.code,
            year=r.year,
            quarter=r.quarter,
            period=r.period_label,
            stars=r.level.stars,
            level=r.level.name,
            note=r.note,
            url=r.grid.get_absolute_url(),
        )
        for r in ratings
    ]


def latest_ratings(grids):
    """{grid id: its most recent GridRating} for the given grids (grids never rated are absent)."""
    latest = {}
    ids = [grid.pk for grid in grids]
    for rating in GridRating.objects.filter(grid_id__in=ids).select_related("level").order_by("-year", "-quarter"):
        latest.setdefault(rating.grid_id, rating)
    return latest
