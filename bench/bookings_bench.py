#!/usr/bin/env python3
"""Parallel room bookings and activity sign-ups against limited capacity, through the real HTTP stack.

Builds a throw-away site (production settings, gunicorn, like bench/points_bench.py) with 200 signed-in
residents, one room with tomorrow's 12 one-hour slots, and two activities of 20 places and 10 waiting-list
places each; then sends 500 requests from 16 clients at once (half bookings of a random slot among the 12,
half sign-ups) and checks in the database afterwards:
over capacity (a slot held twice, more confirmed or waiting than the activity allows, a resident twice on one
activity), lost (a booking or sign-up the resident was told about but not stored), and server errors.

    .venv/bin/python bench/bookings_bench.py                 # SQLite (the embedded default)
    .venv/bin/python bench/bookings_bench.py --database postgres
"""

import argparse
import http.client
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feedback_bench import DATABASES, each_database, free_port, manage, percentile, site_env, start_site, stop_site  # noqa: E402

RESIDENTS, CAPACITY, WAITING = 200, 20, 10
SETUP = f"""
import datetime, json
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from tests.places.factories import make_station
from services.places.models import StationActivity, StationIndexPage
from home.models import HomePage
from wagtail.models import Page
from services.bookings.models import Activity, Room
from services.bookings.slots import day_slots
from services.participation.models import Resident
root = Page.get_first_root_node()
home = HomePage(title="首页", slug="bench-home")
root.add_child(instance=home)
index = StationIndexPage(title="服务站点", slug="stations")
home.add_child(instance=index)
station = make_station(index, title="基准中心", hours="每天 08:00-20:00", kind="centre")
room = Room.objects.create(station=station, name="基准活动室", capacity=30, slot_minutes=60)
tomorrow = timezone.localdate() + datetime.timedelta(days=1)
slots = [s.key for s in day_slots(room, tomorrow)]
activities = []
for n in range(2):
    entry = StationActivity.objects.create(station=station, date=tomorrow + datetime.timedelta(days=1),
        start_time=datetime.time(9 + n * 5), end_time=datetime.time(11 + n * 5), title=f"基准活动{{n}}")
    activities.append(Activity.objects.create(schedule_entry=entry, capacity={CAPACITY}, waiting_list={WAITING}))
keys = []
for n in range({RESIDENTS}):
    resident = Resident.objects.create(phone=f"139{{n:08d}}")
    session = SessionStore()
    session["resident_id"] = resident.pk
    session.create()
    keys.append([session.session_key, resident.pk])
print("SETUP", json.dumps({{"station": station.pk, "room": room.pk, "slots": slots,
    "activities": [a.pk for a in activities], "sessions": keys}}))
"""
VERIFY = """
import json
from django.db.models import Count
from services.bookings.models import ACTIVE_SIGN_UP, HOLDS_SLOT, Activity, RoomBooking, SignUp
held = RoomBooking.objects.filter(status__in=HOLDS_SLOT)
print("RESULT", json.dumps({
    "bookings": [[b.resident_id, f"{b.date.isoformat()}T{b.start_time:%H:%M}"] for b in held],
    "sign_ups": [[s.resident_id, s.activity_id, s.status] for s in SignUp.objects.filter(status__in=ACTIVE_SIGN_UP)],
    "activities": {a.pk: [a.capacity, a.waiting_list] for a in Activity.objects.all()},
}))
"""


class Client(threading.Thread):
    def __init__(self, port, jobs, lock, results, setup):
        super().__init__(daemon=True)
        self.port, self.jobs, self.lock, self.results, self.setup = port, jobs, lock, results, setup

    def run(self):
        while True:
            with self.lock:
                if not self.jobs:
                    return
                kind, index, target = self.jobs.pop()
            session, resident = self.setup["sessions"][index % len(self.setup["sessions"])]
            started = time.perf_counter()
            try:
                if kind == "book":
                    status, outcome = self.book(session, target)
                else:
                    status, outcome = self.sign_up(session, target)
            except Exception as exc:  # noqa: BLE001 - a dropped connection counts as a failure
                status, outcome = f"error:{exc.__class__.__name__}", "error"
            with self.lock:
                self.results.append(
                    {"kind": kind, "resident": resident, "target": target, "status": status, "outcome": outcome,
                     "ms": (time.perf_counter() - started) * 1000}
                )  # fmt: skip

    def post(self, conn, session, form_path, path, fields):
        conn.request("GET", form_path, headers={"Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        html = response.read().decode()
        if response.status >= 500:
            return response.status, html, ""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if token is None:  # no form to send: e.g. the activity and its waiting list are full
            return response.status, html, ""
        token = token.group(1)
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields})
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Cookie": f"sessionid={session}; csrftoken={csrf_cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{form_path}",
            },
        )
        response = conn.getresponse()
        page = response.read().decode()
        return response.status, page, response.getheader("Location") or ""

    def book(self, session, slot):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        book = f"/stations/{self.setup['station']}/book/"
        fields = {"room": self.setup["room"], "slot": slot, "purpose": "基准测试议事会", "attendees": "10"}
        status, _page, location = self.post(conn, session, f"{book}?room={self.setup['room']}", book, fields)
        conn.close()
        return status, "booked" if status == 302 and location.endswith("/me/bookings/") else "refused"

    def sign_up(self, session, activity):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        page_path = f"/stations/{self.setup['station']}/activities/{activity}/"
        status, _page, _location = self.post(conn, session, page_path, f"{page_path}sign-up/", {})
        if status >= 500:
            conn.close()
            return status, "error"
        # What the resident is told: the activity page then shows their place or their place in the queue.
        conn.request("GET", page_path, headers={"Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        shown = response.read().decode()
        conn.close()
        state = re.search(r"data-sign-up-state>(.*?)</div>", shown, re.S)
        told = state and ("cancel_sign_up" in state.group(1) or "/me/sign-ups/" in state.group(1))
        return status, "signed_up" if told else "refused"


def bench(database_url, args):
    var_dir = tempfile.mkdtemp(prefix="bookings-bench-")
    port = free_port()
    env = site_env(var_dir, database_url, SMS_URL=f"file://{var_dir}/sms")
    print(f"preparing a site in {var_dir} ({'PostgreSQL' if database_url else 'SQLite'}) …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    setup = json.loads(re.search(r"SETUP (.*)", manage(env, "shell", "-c", SETUP, capture=True)).group(1))
    server = start_site(env, port, args.workers)
    try:
        rnd = random.Random(20)
        jobs = [
            ("book", n, rnd.choice(setup["slots"])) if n % 2 == 0 else ("sign_up", n, rnd.choice(setup["activities"]))
            for n in range(args.requests)
        ][::-1]
        lock, results = threading.Lock(), []
        clients = [Client(port, jobs, lock, results, setup) for _ in range(args.clients)]
        started = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join(timeout=600)
        wall = time.perf_counter() - started
    finally:
        stop_site(server)
    stored = json.loads(re.search(r"RESULT (.*)", manage(env, "shell", "-c", VERIFY, capture=True)).group(1))
    return summarise(database_url, args, setup, results, stored, wall)


def summarise(database_url, args, setup, results, stored, wall):
    slot_holders = Counter(slot for _resident, slot in stored["bookings"])
    stored_bookings = {(resident, slot) for resident, slot in stored["bookings"]}
    per_activity = Counter((activity, status) for _r, activity, status in stored["sign_ups"])
    pairs = Counter((resident, activity) for resident, activity, _s in stored["sign_ups"])
    over = sum(n - 1 for n in slot_holders.values() if n > 1) + sum(n - 1 for n in pairs.values() if n > 1)
    for activity, (capacity, waiting) in stored["activities"].items():
        over += max(0, per_activity[(int(activity), "confirmed")] - capacity)
        over += max(0, per_activity[(int(activity), "waiting")] - waiting)
    told_bookings = {(r["resident"], r["target"]) for r in results if r["outcome"] == "booked"}
    told_sign_ups = {(r["resident"], r["target"]) for r in results if r["outcome"] == "signed_up"}
    lost = len(told_bookings - stored_bookings) + len(told_sign_ups - set(pairs))
    statuses = Counter(str(r["status"]) for r in results)
    return {
        "database": "postgresql" if database_url else "sqlite",
        "requests": args.requests,
        "booking_requests": sum(1 for r in results if r["kind"] == "book"),
        "sign_up_requests": sum(1 for r in results if r["kind"] == "sign_up"),
        "slots": len(setup["slots"]),
        "slots_booked": len(slot_holders),
        "places": len(setup["activities"]) * CAPACITY,
        "confirmed": sum(n for (a, s), n in per_activity.items() if s == "confirmed"),
        "waiting": sum(n for (a, s), n in per_activity.items() if s == "waiting"),
        "over_capacity": over,
        "lost": lost,
        "server_errors": sum(1 for r in results if isinstance(r["status"], int) and r["status"] >= 500),
        "client_failures": sum(1 for r in results if not isinstance(r["status"], int)),
        "statuses": dict(sorted(statuses.items())),
        "wall_seconds": round(wall, 1),
        "p50_ms": round(percentile([r["ms"] for r in results], 50), 1),
        "p99_ms": round(percentile([r["ms"] for r in results], 99), 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or os.cpu_count() * 2)
    args = parser.parse_args()
    ok = True
    for _name, url in each_database(args.database, "bookings_bench"):
        summary = bench(url, args)
        print(json.dumps(summary, ensure_ascii=False, indent=2), flush=True)
        ok = ok and all(summary[key] == 0 for key in ("over_capacity", "lost", "server_errors", "client_failures"))
        # Every slot and every place was asked for many times: all must end up taken.
        ok = ok and summary["slots_booked"] == summary["slots"] and summary["confirmed"] == summary["places"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
