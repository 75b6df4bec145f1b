#!/usr/bin/env python3
"""Parallel redemptions against limited stock and limited balances, through the real HTTP stack.

Builds a throw-away site (production settings, gunicorn, like bench/feedback_bench.py) with 200 signed-in
residents holding 25 points each and three items of 10 points with 300 in stock between them, then sends
500 redemptions from 16 clients at once and checks in the database afterwards:
oversold (stock below zero or more redemptions than stock), lost (an acknowledged redemption not stored),
negative balances, ledger/redemption mismatches, and server errors.

    .venv/bin/python bench/points_bench.py                 # SQLite (the embedded default)
    .venv/bin/python bench/points_bench.py --database postgres
"""

import argparse
import http.client
import json
import os
import re
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feedback_bench import DATABASES, each_database, free_port, manage, percentile, site_env, start_site, stop_site  # noqa: E402

RESIDENTS, BALANCE, COST, STOCKS = 200, 25, 10, (100, 100, 100)
SETUP = f"""
import json
from django.contrib.sessions.backends.db import SessionStore
from tests.places.factories import make_station
from services.places.models import StationIndexPage
from home.models import HomePage
from wagtail.models import Page
from services.participation import points
from services.participation.models import ExchangeItem, Resident
root = Page.get_first_root_node()
home = HomePage(title="首页", slug="bench-home")
root.add_child(instance=home)
index = StationIndexPage(title="服务站点", slug="stations")
home.add_child(instance=index)
station = make_station(index, title="基准驿站")
items = [ExchangeItem.objects.create(name=f"基准物品{{n}}", points={COST}, station=station, stock=s)
         for n, s in enumerate({STOCKS!r})]
keys = []
for n in range({RESIDENTS}):
    resident = Resident.objects.create(phone=f"139{{n:08d}}")
    points.award(resident, {BALANCE}, "基准测试初始积分")
    session = SessionStore()
    session["resident_id"] = resident.pk
    session.create()
    keys.append(session.session_key)
print("SETUP", json.dumps({{"items": [i.pk for i in items], "sessions": keys}}))
"""
VERIFY = """
import json
from django.db.models import Sum
from services.participation.models import ExchangeItem, PointEntry, Redemption, Resident
balances = list(Resident.objects.annotate(b=Sum("entries__points")).values_list("b", flat=True))
print("RESULT", json.dumps({
    "stock": {i.pk: i.stock for i in ExchangeItem.objects.all()},
    "redemptions": list(Redemption.objects.values_list("code", flat=True)),
    "per_item": {str(k): v for k, v in [(i.pk, i.redemptions.count()) for i in ExchangeItem.objects.all()]},
    "spend_entries": PointEntry.objects.filter(redemption__isnull=False).count(),
    "negative_balances": sum(1 for b in balances if (b or 0) < 0),
    "points_left": sum(b or 0 for b in balances),
}))
"""


class Client(threading.Thread):
    def __init__(self, port, jobs, lock, results, sessions, items):
        super().__init__(daemon=True)
        self.port, self.jobs, self.lock, self.results, self.sessions, self.items = (
            port,
            jobs,
            lock,
            results,
            sessions,
            items,
        )

    def run(self):
        while True:
            with self.lock:
                if not self.jobs:
                    return
                index = self.jobs.pop()
            session = self.sessions[index % len(self.sessions)]
            item = self.items[index % len(self.items)]
            started = time.perf_counter()
            try:
                status, outcome = self.redeem(session, item)
            except Exception as exc:  # noqa: BLE001 - a dropped connection counts as a failure
                status, outcome = f"error:{exc.__class__.__name__}", "error"
            with self.lock:
                self.results.append(
                    {"status": status, "outcome": outcome, "ms": (time.perf_counter() - started) * 1000}
                )

    def redeem(self, session, item):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        # 我的 always carries a form (sign-out), whatever is left in stock, so its CSRF token is read there.
        conn.request("GET", "/me/", headers={"Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        html = response.read().decode()
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token})
        conn.request(
            "POST",
            f"/points/items/{item}/redeem/",
            body=body,
            headers={
                "Cookie": f"sessionid={session}; csrftoken={csrf_cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/points/",
            },
        )
        response = conn.getresponse()
        response.read()
        conn.close()
        location = response.getheader("Location") or ""
        return response.status, "redeemed" if location.endswith("/me/") else "refused"


def bench(database_url, args):
    var_dir = tempfile.mkdtemp(prefix="points-bench-")
    port = free_port()
    env = site_env(var_dir, database_url)
    print(f"preparing a site in {var_dir} ({'PostgreSQL' if database_url else 'SQLite'}) …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    setup = json.loads(re.search(r"SETUP (.*)", manage(env, "shell", "-c", SETUP, capture=True)).group(1))
    server = start_site(env, port, args.workers)
    try:
        jobs = list(range(args.redemptions))[::-1]
        lock, results = threading.Lock(), []
        clients = [Client(port, jobs, lock, results, setup["sessions"], setup["items"]) for _ in range(args.clients)]
        started = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join(timeout=600)
        wall = time.perf_counter() - started
    finally:
        stop_site(server)
    stored = json.loads(re.search(r"RESULT (.*)", manage(env, "shell", "-c", VERIFY, capture=True)).group(1))
    acknowledged = sum(1 for r in results if r["outcome"] == "redeemed")
    stock_left = sum(stored["stock"].values())
    summary = {
        "database": "postgresql" if database_url else "sqlite",
        "redemptions_sent": args.redemptions,
        "acknowledged": acknowledged,
        "refused": sum(1 for r in results if r["outcome"] == "refused"),
        "stored": len(stored["redemptions"]),
        "oversold": max(0, len(stored["redemptions"]) - sum(STOCKS))
        + sum(1 for s in stored["stock"].values() if s < 0),
        "lost": max(0, acknowledged - len(stored["redemptions"])),
        "stock_mismatch": sum(STOCKS) - stock_left - len(stored["redemptions"]),
        "negative_balances": stored["negative_balances"],
        "points_mismatch": RESIDENTS * BALANCE - COST * len(stored["redemptions"]) - stored["points_left"],
        "server_errors": sum(1 for r in results if isinstance(r["status"], int) and r["status"] >= 500),
        "client_failures": sum(1 for r in results if not isinstance(r["status"], int)),
        "statuses": {str(k): v for k, v in sorted(Counter(str(r["status"]) for r in results).items())},
        "wall_seconds": round(wall, 1),
        "p50_ms": round(percentile([r["ms"] for r in results], 50), 1),
        "p99_ms": round(percentile([r["ms"] for r in results], 99), 1),
    }
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument("--redemptions", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or os.cpu_count() * 2)
    args = parser.parse_args()
    ok = True
    for _name, url in each_database(args.database, "points_bench"):
        summary = bench(url, args)
        print(json.dumps(summary, ensure_ascii=False, indent=2), flush=True)
        checks = ("oversold", "lost", "stock_mismatch", "negative_balances", "points_mismatch", "server_errors")
        checks += ("client_failures",)
        ok = ok and all(summary[key] == 0 for key in checks)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
