"""League tables (晾晒评议): per department and per community, how tickets of a period were handled.

Every figure is counted by the database from the tickets (``Ticket``) of one period — a month, a
quarter or a year, by the time the ticket was submitted, in the site's time zone:

- received: tickets submitted in the period (hidden spam and duplicates left out);
- 报到率 (acknowledgement rate): dispatched tickets the department acknowledged (签收) by the deadline
  set at dispatch, ÷ dispatched tickets;
- on-time rate: tickets closed by their due date (working days from dispatch, plus approved
  extensions), ÷ those closed plus those still open after their due date;
- satisfaction: residents' verdicts of 满意 or 基本满意 ÷ all their verdicts. A 不满意 sends the ticket
  back (and counts in ``reopen_count``), a 满意 or 基本满意 closes it, so the verdicts are the closing
  ratings plus the reopenings — a ticket rated 不满意 once and 满意 after is one of each;
- reopen rate: tickets reopened at least once after an 不满意 rating ÷ tickets received;
- median time to close: the middle of (closed − submitted) among closed tickets, in days;
- score: the mean of the four rates above that exist (reopen rate counted as 100 − rate).

Groups with fewer than ``MIN_TICKETS`` tickets are listed but not ranked. Tables are cached in the
shared cache per period; saving a ticket renews the key of its year (``ticket_changed``), so a change
is seen at once, and the key also carries the day (open tickets become overdue with time).
"""

import dataclasses
import datetime
import re
import uuid

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Case, Count, F, Q, Sum, When
from django.utils import timezone
from django.utils.translation import pgettext

from portal.ground import content_version

from .models import OPEN_STATUSES, Department, Rating, Status, Ticket

MIN_TICKETS = 5
CACHE_SECONDS = 24 * 3600
FIRST_YEAR = 2000
KINDS = ("departments", "communities")

PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|[Qq](?P<quarter>\d)))?$")


class PeriodError(ValueError):
    """A period parameter that names no period the tables can show; the message is for residents."""


@dataclasses.dataclass(frozen=True)
class Period:
    """A month, a quarter or a year; ``start`` and ``end`` are dates, ``end`` excluded."""

    kind: str  # "month", "quarter" or "year"
    year: int
    number: int = 0  # the month (1–12) or the quarter (1–4); 0 for a year

    @property
    def start(self):
        if self.kind == "month":
            return datetime.date(self.year, self.number, 1)
        if self.kind == "quarter":
            return datetime.date(self.year, 3 * self.number - 2, 1)
        return datetime.date(self.year, 1, 1)

    @property
    def end(self):
        return self.next().start

    @property
    def code(self):
        """The GET parameter naming the period: 2026, 2026-Q3 or 2026-09."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label(self):
        if self.kind == "month":
            return pgettext("league", "%(year)d-%(month)d") % {"year": self.year, "month": self.number}
        if self.kind == "quarter":
            return pgettext("league", "Q%(quarter)d %(year)d") % {"year": self.year, "quarter": self.number}
        return pgettext("league", "year %(year)d") % {"year": self.year}

    def _shift(self, step):
        if self.kind == "year":
            return Period("year", self.year + step)
        size = 12 if self.kind == "month" else 4
        index = self.year * size + self.number - 1 + step
        return Period(self.kind, index // size, index % size + 1)

    def previous(self):
        return self._shift(-1)

    def next(self):
        return self._shift(1)

    def year_period(self):
        return Period("year", self.year)

    def quarters(self):
        return [Period("quarter", self.year, q) for q in range(1, 5)]

    def months(self):
        return [Period("month", self.year, m) for m in range(1, 13)]

    def started(self, today):
        return self.start <= today

    def bounds(self):
        """The period as aware datetimes in the site's time zone: [start, end)."""
        zone = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(self.start, datetime.time(), zone),
            datetime.datetime.combine(self.end, datetime.time(), zone),
        )


def default_period(today=None):
    """The year so far: the table a visitor most likely wants first."""
    today = today or timezone.localdate()
    return Period("year", today.year)


def parse_period(value, today=None):
    """The period named by ``value`` (2026, 2026-Q3, 2026-09); PeriodError with a resident's message."""
    today = today or timezone.localdate()
    if value is None or value == "":
        return default_period(today)
    match = PERIOD_RE.match(value.strip()) if isinstance(value, str) and len(value) <= 10 else None
    if match is None:
        raise PeriodError(
            pgettext("league", "Choose a period as a year (2026), a quarter (2026-Q3) or a month (2026-09).")
        )
    year = int(match["year"])
    if match["month"] is not None:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(pgettext("league", "A month is numbered 01 to 12."))
        period = Period("month", year, month)
    elif match["quarter"] is not None:
        quarter = int(match["quarter"])
        if not 1 <= quarter <= 4:
            raise PeriodError(pgettext("league", "A quarter is numbered Q1 to Q4."))
        period = Period("quarter", year, quarter)
    else:
        period = Period("year", year)
    if year < FIRST_YEAR:
        raise PeriodError(pgettext("league", "The tables start in %(year)d.") % {"year": FIRST_YEAR})
    if not period.started(today):
        raise PeriodError(pgettext("league", "This period has not begun yet; choose one up to today."))
    return period


# Database expressions ------------------------------------------------------------------------------


class LocalDate(models.Func):
    """The date of a datetime column in the site's time zone, computed by the database itself.

    PostgreSQL converts with the zone's rules; SQLite (which stores UTC text) shifts by the zone's
    offset — exact for Asia/Shanghai, which has kept one offset since 1991.
    """

    output_field = models.DateField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        zone = timezone.get_current_timezone_name()
        return f"(({sql}) AT TIME ZONE %s)::date", [*params, zone]

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        offset = timezone.localtime().utcoffset()
        minutes = int(offset.total_seconds() // 60)
        return f"date({sql}, '{minutes:+d} minutes')", params


class OnOrBeforeLocalDay(models.Func):
    """True when the datetime ``moment`` falls on or before the date ``day`` in the site's time zone.

    PostgreSQL compares the moment's local date (as LocalDate). SQLite, which stores UTC text
    ("YYYY-MM-DD HH:MM:SS[.ffffff]"), compares text instead of computing a date per row (that date
    was half the cost of counting a year, and SQLite's date() rounds to the millisecond): the moment
    must come before the UTC instant at which the day after ``day`` begins locally — ``day``
    16:00:00 for UTC+8, the next day 05:00:00 for UTC−5. ``moment < day`` (a UTC date before
    ``day``) settles most rows before that string is built.
    """

    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra):
        local, local_params = compiler.compile(LocalDate(self.source_expressions[0]))
        day, day_params = compiler.compile(self.source_expressions[1])
        return f"({local} <= {day})", [*local_params, *day_params]

    def as_sqlite(self, compiler, connection, **extra):
        moment, moment_params = compiler.compile(self.source_expressions[0])
        day, day_params = compiler.compile(self.source_expressions[1])
        offset = int(timezone.localtime().utcoffset().total_seconds() // 60)
        if offset > 0:  # the next local day begins on ``day`` itself, in UTC
            hours, minutes = divmod(24 * 60 - offset, 60)
            boundary = f"({day} || ' {hours:02d}:{minutes:02d}:00')"
        elif offset == 0:
            boundary = f"date({day}, '+1 day')"
        else:  # on the day after ``day``, in UTC
            hours, minutes = divmod(-offset, 60)
            boundary = f"(date({day}, '+1 day') || ' {hours:02d}:{minutes:02d}:00')"
        sql = f"({moment} < {day} OR {moment} < {boundary})"
        return sql, [*moment_params, *day_params, *moment_params, *day_params]


class SecondsBetween(models.Func):
    """``end − start`` in seconds, as a float, on SQLite and PostgreSQL."""

    output_field = models.FloatField()

    def as_sql(self, compiler, connection, **extra):
        end, end_params = compiler.compile(self.source_expressions[0])
        start, start_params = compiler.compile(self.source_expressions[1])
        return f"EXTRACT(EPOCH FROM ({end}) - ({start}))::float", [*end_params, *start_params]

    def as_sqlite(self, compiler, connection, **extra):
        end, end_params = compiler.compile(self.source_expressions[0])
        start, start_params = compiler.compile(self.source_expressions[1])
        return f"((julianday({end}) - julianday({start})) * 86400.0)", [*end_params, *start_params]


def has_acknowledgement():
    """True once tickets record their acknowledgement (签收) deadline and time."""
    names = {field.name for field in Ticket._meta.get_fields()}
    return {"acknowledge_by", "acknowledged_at", "dispatched_at"} <= names


# Counting --------------------------------------------------------------------------------------------

GROUP_FIELDS = {"departments": "department_id", "communities": "community_id"}
ROW = models.Value(1)  # counted for every row: COUNT(1)


def period_tickets(period):
    start, end = period.bounds()
    return Ticket.objects.filter(hidden=False, submitted_at__gte=start, submitted_at__lt=end)


def _group_tickets(kind, period):
    """The period's tickets that belong to a group of ``kind``, shaped to be read from the kind's index.

    ``department_id IN (SELECT id FROM feedback_department)`` keeps the same tickets as ``IS NOT
    NULL`` (a ticket's department always exists), but names the group column by equality: the
    database then reads the covering index (group, submitted_at, … every column counted) one group's
    range at a time, already in group order — no ticket row is read and no sort is needed. Given
    ``IS NOT NULL`` instead, SQLite without fresh statistics chooses the submitted_at index and
    looks every ticket row up, five to ten times slower at a million tickets.
    """
    field = GROUP_FIELDS[kind]
    if kind == "departments":
        ids = Department.objects.values("pk")
    else:
        from services.places.models import Community

        ids = Community.objects.values("pk")
    return period_tickets(period).filter(**{f"{field}__in": ids})


def _counts(tickets, field, today):
    closed = Q(status=Status.CLOSED, closed_at__isnull=False)
    # COUNT(1) rather than COUNT(id): SQLite need not read the id of every row (a fifth of the cost).
    aggregates = {
        "received": Count(ROW),
        "due": Count(
            ROW,
            filter=Q(due_date__isnull=False) & (closed | Q(status__in=OPEN_STATUSES, due_date__lt=today)),
        ),
        "on_time": Count(ROW, filter=closed & Q(due_date__isnull=False, closed_in_time=True)),
        "closed": Count(ROW, filter=closed),
        "satisfied": Count(ROW, filter=Q(rating__in=[Rating.SATISFIED, Rating.BASIC])),
        "sent_back": Sum("reopen_count"),
        "reopened": Count(ROW, filter=Q(reopen_count__gt=0)),
    }
    aliases = {"closed_in_time": OnOrBeforeLocalDay("closed_at", "due_date")}
    if has_acknowledgement():
        aliases["acknowledged_in_time"] = OnOrBeforeLocalDay("acknowledged_at", "acknowledge_by")
        aggregates["dispatched"] = Count(ROW, filter=Q(dispatched_at__isnull=False))
        aggregates["acknowledged"] = Count(
            ROW,
            filter=Q(
                dispatched_at__isnull=False,
                acknowledged_at__isnull=False,
                acknowledge_by__isnull=False,
                acknowledged_in_time=True,
            ),
        )
    rows = tickets.alias(**aliases).order_by().values(field).annotate(**aggregates)
    return {row.pop(field): row for row in rows}


def _medians(tickets, field):
    """{group: median seconds from submission to closing} over closed tickets.

    One narrow read of (group, seconds) per ticket (seconds for closed tickets only), sorted here:
    at a million tickets this is several times cheaper than numbering the rows with a window
    function in the database, which sorts them. The median of n sorted values is the mean of the
    values at 1-based positions (n+1)//2 and (n+2)//2: the middle one, or the middle two.
    """
    closed = Q(status=Status.CLOSED, closed_at__isnull=False)
    # Whether a ticket is closed is asked in the select list, not in the WHERE clause: with the
    # period and group conditions alone the query reads the group's covering index as _counts does,
    # whereas given "status = 'closed'", SQLite without statistics prefers the (status, due_date)
    # index and reads every ticket row.
    seconds = Case(When(closed, then=SecondsBetween(F("closed_at"), F("submitted_at"))), default=None)
    rows = tickets.order_by().annotate(seconds=seconds).values_list(field, "seconds")
    sql, params = rows.query.sql_with_params()
    durations = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(10_000):
            for group, seconds in chunk:
                if seconds is None:  # not closed
                    continue
                values = durations.get(group)
                if values is None:
                    durations[group] = values = []
                values.append(seconds)
    medians = {}
    for group, values in durations.items():
        values.sort()
        n = len(values)
        middle = values[(n + 1) // 2 - 1 : (n + 2) // 2]
        medians[group] = sum(middle) / len(middle)
    return medians


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _groups(kind):
    """(id, name) of every group the table lists, tickets or not, in their usual order."""
    if kind == "departments":
        return list(Department.objects.filter(active=True).order_by("name").values_list("pk", "name"))
    from services.places.models import Community

    return list(Community.objects.order_by("street__sort_order", "sort_order", "name").values_list("pk", "name"))


def _names(kind, ids):
    if kind == "departments":
        return dict(Department.objects.filter(pk__in=ids).values_list("pk", "name"))
    from services.places.models import Community

    return dict(Community.objects.filter(pk__in=ids).values_list("pk", "name"))


def compute(kind, period, today=None, with_median=True):
    """The table of ``kind`` for ``period``: a list of row dicts, ranked rows first (best first)."""
    today = today or timezone.localdate()
    field = GROUP_FIELDS[kind]
    tickets = _group_tickets(kind, period)
    counts = _counts(tickets, field, today)
    medians = _medians(tickets, field) if with_median else {}
    groups = _groups(kind)
    listed = {pk for pk, _name in groups}
    missing = [pk for pk in counts if pk not in listed]  # an inactive department that still had tickets
    groups += sorted(_names(kind, missing).items(), key=lambda item: item[1])
    acknowledgement = has_acknowledgement()
    rows = []
    for pk, name in groups:
        c = counts.get(pk, {})
        received = c.get("received", 0)
        row = {
            "id": pk,
            "name": name,
            "received": received,
            "dispatched": c.get("dispatched", 0),
            "acknowledged": c.get("acknowledged", 0),
            "ack_rate": _rate(c.get("acknowledged", 0), c.get("dispatched", 0)) if acknowledgement else None,
            "due": c.get("due", 0),
            "on_time": c.get("on_time", 0),
            "on_time_rate": _rate(c.get("on_time", 0), c.get("due", 0)),
            "rated": c.get("satisfied", 0) + (c.get("sent_back") or 0),
            "satisfied": c.get("satisfied", 0),
            "satisfaction": _rate(c.get("satisfied", 0), c.get("satisfied", 0) + (c.get("sent_back") or 0)),
            "reopened": c.get("reopened", 0),
            "reopen_rate": _rate(c.get("reopened", 0), received),
            "closed": c.get("closed", 0),
            "median_days": round(medians[pk] / 86400, 1) if pk in medians else None,
        }
        parts = [row["ack_rate"], row["on_time_rate"], row["satisfaction"]]
        parts.append(None if row["reopen_rate"] is None else 100 - row["reopen_rate"])
        parts = [part for part in parts if part is not None]
        row["score"] = round(sum(parts) / len(parts), 1) if parts else None
        row["ranked"] = received >= MIN_TICKETS and row["score"] is not None
        rows.append(row)
    _rank(rows)
    return rows


def _rank(rows):
    """Rank the rankable rows by score (ties share a place: 1, 2, 2, 4); the others follow, unranked."""
    ranked = sorted((r for r in rows if r["ranked"]), key=lambda r: (-r["score"], -r["received"], r["name"]))
    place = 0
    for index, row in enumerate(ranked, start=1):
        if index == 1 or row["score"] != ranked[index - 2]["score"]:
            place = index
        row["rank"] = place
    others = [r for r in rows if not r["ranked"]]
    for row in others:
        row["rank"] = None
    others.sort(key=lambda r: -r["received"])  # stable: the usual order among equals
    rows[:] = ranked + others


def _change(row, before):
    """How a row moved since the previous period, in words (never colour alone)."""
    row["previous_rank"] = before.get("rank") if before else None
    row["previous_score"] = before.get("score") if before else None
    if row["rank"] is None:
        row["change"], row["change_text"] = "", pgettext("league", "not ranked")
        return
    if row["previous_rank"] is None:
        row["change"], row["change_text"] = "new", pgettext("league", "not ranked before")
        return
    moved = row["previous_rank"] - row["rank"]
    if moved > 0:
        row["change"], row["change_text"] = "up", pgettext("league", "↑ up %(n)d") % {"n": moved}
    elif moved < 0:
        row["change"], row["change_text"] = "down", pgettext("league", "↓ down %(n)d") % {"n": -moved}
    else:
        row["change"], row["change_text"] = "same", pgettext("league", "→ unchanged")


def table(kind, period, today=None):
    """The table with the previous period's ranks and scores, uncached: ``{"rows", "totals", ...}``."""
    today = today or timezone.localdate()
    rows = compute(kind, period, today)
    before = {row["id"]: row for row in compute(kind, period.previous(), today, with_median=False)}
    for row in rows:
        _change(row, before.get(row["id"]))
    totals = {
        "received": sum(r["received"] for r in rows),
        "ranked": sum(1 for r in rows if r["rank"] is not None),
        "unranked": sum(1 for r in rows if r["rank"] is None),
    }
    return {
        "kind": kind,
        "period": period.code,
        "rows": rows,
        "totals": totals,
        "acknowledgement": has_acknowledgement(),
        "counted_at": timezone.now(),
    }


# Caching -----------------------------------------------------------------------------------------------


def _year_token_key(year):
    return f"league:year:{year}"


def _year_tokens(years):
    """The current token of each year; a year without one gets a fresh token (so a lost token is a miss)."""
    keys = {_year_token_key(year): year for year in years}
    found = cache.get_many(list(keys))
    tokens = {}
    for key, year in keys.items():
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(key, token, None):
                token = cache.get(key) or token
        tokens[year] = token
    return tokens


def renew_year(year):
    """Make every cached table that counts tickets of ``year`` stale."""
    cache.set(_year_token_key(year), uuid.uuid4().hex, None)


def ticket_changed(sender, instance, raw=False, **kwargs):
    """post_save / post_delete receiver of Ticket: renew its year now and once the change is committed."""
    if raw or instance.submitted_at is None:
        return
    year = timezone.localtime(instance.submitted_at).year if timezone.is_aware(instance.submitted_at) else None
    if year is None:
        year = instance.submitted_at.year
    renew_year(year)
    transaction.on_commit(lambda: renew_year(year), using=kwargs.get("using"))


ALL_YEARS = "all"  # the token renewed when a department changes (its name, or whether it is listed)


def department_changed(sender, instance, raw=False, **kwargs):
    """post_save / post_delete receiver of Department: every table lists departments, renew them all."""
    if not raw:
        renew_year(ALL_YEARS)
        transaction.on_commit(lambda: renew_year(ALL_YEARS), using=kwargs.get("using"))


def cache_key(kind, period, today):
    previous = period.previous()
    tokens = _year_tokens({period.year, previous.year, ALL_YEARS})
    version = content_version.current()  # communities (the places app declares them public content)
    vendor = connection.vendor
    return (
        f"league:{kind}:{period.code}:{today.isoformat()}:{tokens[period.year]}:{tokens[previous.year]}"
        f":{tokens[ALL_YEARS]}"
        f":{version}:{vendor}:{int(has_acknowledgement())}"
    )


def cached_table(kind, period, today=None):
    """The table from the shared cache, computed when missing or when a ticket of its years changed."""
    if kind not in KINDS:
        raise ValueError(kind)
    today = today or timezone.localdate()
    key = cache_key(kind, period, today)
    data = cache.get(key)
    if data is None:
        data = table(kind, period, today)
        cache.set(key, data, CACHE_SECONDS)
    return data
