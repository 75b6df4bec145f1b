#!/usr/bin/env python3
"""League tables (晾晒评议) at scale: a year's department and community tables over 1,000,000 tickets.

Builds a throw-away site (production settings, as bench/feedback_bench.py's ``site_env``), inserts
generated tickets in bulk (three years, 30 departments, 60 communities, every outcome the tables
count), then times the computation of one year's tables (with the previous year for the change
column) and the same tables served from the cache.

    .venv/bin/python bench/league_tables.py                        # SQLite, 1,000,000 tickets
    .venv/bin/python bench/league_tables.py --database postgres    # a throw-away PostgreSQL server
    .venv/bin/python bench/league_tables.py --tickets 100000

Prints JSON: tickets, insert seconds, compute seconds per table (goal < 2 s for a year; with the
process's CPU seconds, which on SQLite is the cost without the machine's other loads) and cached
milliseconds. Not part of CI.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.feedback_bench import DATABASES, PYTHON, each_database, manage, site_env  # noqa: E402

YEARS = (2024, 2025, 2026)
DEPARTMENTS = 30
COMMUNITIES = 60


def generate(count, seed=17):
    """Insert ``count`` tickets spread over YEARS with the outcomes the tables count (run inside Django)."""
    import datetime
    import random
    import zoneinfo

    from django.contrib.auth.models import Group

    from services.feedback.models import Category, Department, Status
    from services.places.models import Community, Street

    rng = random.Random(seed)
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    street, _ = Street.objects.get_or_create(slug="bench", defaults={"name": "基准街道"})
    communities = [
        Community.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"基准社区{i:02d}", "street": street})[0]
        for i in range(COMMUNITIES)
    ]
    departments = [
        Department.objects.get_or_create(
            code=f"bench-{i}",
            defaults={"name": f"基准部门{i:02d}", "group": Group.objects.get_or_create(name=f"基准部门{i:02d}")[0]},
        )[0]
        for i in range(DEPARTMENTS)
    ]
    category, _ = Category.objects.get_or_create(code="bench", defaults={"name": "基准类别"})
    start = datetime.datetime(YEARS[0], 1, 1, tzinfo=zone)
    span = (datetime.datetime(YEARS[-1], 12, 1, tzinfo=zone) - start).total_seconds()
    # Department quality differs, so that the ranking means something.
    quality = [rng.uniform(0.6, 0.98) for _ in departments]
    batch = []
    day = datetime.timedelta(days=1)
    for n in range(count):
        submitted = start + datetime.timedelta(seconds=rng.random() * span)
        d = rng.randrange(DEPARTMENTS)
        good = quality[d]
        fields = {}
        if rng.random() < 0.9:
            dispatched = submitted + datetime.timedelta(hours=rng.uniform(1, 30))
            fields["dispatched_at"] = dispatched
            fields["acknowledge_by"] = (dispatched + day).date()
            if rng.random() < 0.95:
                fields["acknowledged_at"] = dispatched + datetime.timedelta(hours=rng.uniform(0.5, 20 / good))
        due = (submitted + datetime.timedelta(days=7)).date()
        roll = rng.random()
        if roll < 0.85:
            closed = submitted + datetime.timedelta(days=rng.uniform(0.3, 9 / good))
            rating = rng.choices(["satisfied", "basic", "unsatisfied", ""], [good, 0.2, 1 - good, 0.3])[0]
            fields.update(status=Status.CLOSED, closed_at=closed, rating=rating if rating != "unsatisfied" else "")
            fields["reopen_count"] = 1 if rating == "unsatisfied" else 0
        elif roll < 0.92:
            fields.update(status=Status.REPLIED, replied_at=submitted + 3 * day)
        else:
            fields.update(status=Status.PROCESSING)
        fields.update(
            number=f"B{n:09d}",
            tracking_token=f"bench-t-{n}",
            api_token=f"bench-a-{n}",
            community_id=communities[rng.randrange(COMMUNITIES)].pk,
            department_id=departments[d].pk,
            submitted_at=submitted,
            due_date=due,
            hidden=rng.random() < 0.01,
        )
        batch.append(fields)
        if len(batch) == 20000:
            _insert(batch, category)
            batch = []
    if batch:
        _insert(batch, category)


def _insert(rows, category):
    """Insert rows (dicts of field values) with one executemany: the columns of a template ticket with its
    defaults, each row overriding some (converted once as Django would). Much faster than bulk_create."""
    from django.db import connection, transaction

    from services.feedback.models import Ticket

    template = Ticket(category=category, description="基准诉求", name="居民")
    columns = [f for f in Ticket._meta.concrete_fields if not f.primary_key]
    base = {f.attname: f.get_db_prep_save(getattr(template, f.attname), connection) for f in columns}
    base["updated_at"] = connection.ops.adapt_datetimefield_value(template.submitted_at)
    by_name = {f.name: f for f in columns} | {f.attname: f for f in columns}
    names = [f.attname for f in columns]
    values = []
    for row in rows:
        record = dict(base)
        for key, value in row.items():
            field = by_name[key]
            record[field.attname] = field.get_db_prep_save(value, connection)
        values.append([record[name] for name in names])
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(Ticket._meta.db_table)} ({', '.join(quote(f.column) for f in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, values)


def inner(args):
    import time

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection

    from services.feedback import league
    from services.feedback.models import Ticket

    started = time.perf_counter()
    generate(args.tickets)
    inserted = time.perf_counter() - started
    with connection.cursor() as cursor:  # fresh statistics for the query planner, as a maintained server has
        cursor.execute("ANALYZE")
    cache.clear()
    period = league.Period("year", 2025)
    today = __import__("datetime").date(2026, 12, 6)
    result = {
        "database": connection.vendor,
        "tickets": Ticket.objects.count(),
        "tickets_in_year": league.period_tickets(period).count(),
        "insert_seconds": round(inserted, 1),
    }
    result["load_average_before"] = os.getloadavg()[0]
    for kind in league.KINDS:
        started = time.perf_counter()
        rows = league.compute(kind, period, today)
        result[f"{kind}_year_only_seconds"] = round(time.perf_counter() - started, 3)
        started, cpu = time.perf_counter(), time.process_time()
        data = league.cached_table(kind, period, today)
        result[f"{kind}_table_seconds"] = round(time.perf_counter() - started, 3)
        # SQLite runs in this process: its CPU time is the cost without the other loads of the machine.
        result[f"{kind}_table_cpu_seconds"] = round(time.process_time() - cpu, 3)
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            again = league.cached_table(kind, period, today)
            timings.append(time.perf_counter() - started)
        assert again["counted_at"] == data["counted_at"] and len(rows) == len(data["rows"])
        result[f"{kind}_cached_ms_median"] = round(sorted(timings)[len(timings) // 2] * 1000, 2)
        result[f"{kind}_ranked"] = data["totals"]["ranked"]
    result["goal_met"] = all(result[f"{kind}_table_seconds"] < 2 for kind in league.KINDS)
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


def bench(database_url, args):
    var_dir = tempfile.mkdtemp(prefix="league-bench-")
    try:
        env = site_env(var_dir, database_url)
        print(f"preparing a site in {var_dir} ({'PostgreSQL' if database_url else 'SQLite'}) …", flush=True)
        manage(env, "migrate", "--noinput")
        done = subprocess.run(
            [PYTHON, __file__, "--inner", "--tickets", str(args.tickets)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode or "RESULT " not in done.stdout:
            sys.exit(f"the timed run failed:\n{done.stdout}\n{done.stderr}")
        return json.loads(done.stdout.split("RESULT ", 1)[1])
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args)
        return
    ok = True
    for _name, url in each_database(args.database, "league_bench"):
        summary = bench(url, args)
        print(json.dumps(summary, ensure_ascii=False, indent=2), flush=True)
        ok = ok and summary["goal_met"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
