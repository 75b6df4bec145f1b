#!/usr/bin/env python3
"""Reliability benchmark of the feedback loop: concurrent submissions through the HTML form and Open311.

Builds a throw-away site (production settings, gunicorn like bench/http), then N clients submit
reports at the same time — half through the public form (GET for the CSRF token, then POST; every
tenth with a photo), half through Open311 POST with an API key — and checks afterwards, in the
database, that every acknowledged submission exists exactly once with a unique ticket number.

    .venv/bin/python bench/feedback_bench.py                 # SQLite (the embedded default)
    .venv/bin/python bench/feedback_bench.py --database postgres

Prints: submissions, lost, duplicate numbers, server errors, throughput and p50/p99 latency.
"""

import argparse
import http.client
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from wrk import free_port  # noqa: E402

SETUP = """
from services.feedback.models import Category, Open311Key
from services.places.models import Community, Street
street, _ = Street.objects.get_or_create(slug="bench", defaults={"name": "基准街道"})
Community.objects.get_or_create(slug="bench", defaults={"name": "基准社区", "street": street})
Category.objects.get_or_create(code="parking", defaults={"name": "乱停车"})
_key, raw = Open311Key.issue("bench")
print("KEY", raw)
"""

VERIFY = """
import json
from services.feedback.models import Ticket
rows = list(Ticket.objects.values_list("number", "tracking_token"))
print("RESULT", json.dumps({"count": len(rows), "numbers": [r[0] for r in rows], "tokens": [r[1] for r in rows]}))
"""


DATABASES = ["sqlite", "postgres", "both"]


def each_database(choice, dbname):
    """(name, DATABASE_URL) for each database a benchmark runs on: SQLite (an empty URL: the site's own file)
    and/or a throw-away PostgreSQL server, kept running while the caller's loop body uses it."""
    for name in ("sqlite", "postgres") if choice == "both" else (choice,):
        if name == "postgres":
            from tests.support.postgres import temporary_postgres

            with temporary_postgres(dbname=dbname) as url:
                yield name, url
        else:
            yield name, ""


def site_env(var_dir, database_url, **extra):
    """The environment of a throw-away site: production settings, state under ``var_dir``, SQLite or ``database_url``."""
    env = dict(
        os.environ,
        VAR_DIR=var_dir,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        LOG_LEVEL="ERROR",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        **extra,
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def start_site(env, port, workers):
    """gunicorn serving the site of ``env`` on ``port`` (as bench/http runs it), once /healthz answers."""
    server = subprocess.Popen(
        [str(pathlib.Path(PYTHON).parent / "gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", "2", "--log-level", "warning",
         "--timeout", "120"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    for _ in range(150):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/healthz")
            break
        except OSError:
            time.sleep(0.2)
    return server


def stop_site(server):
    os.killpg(server.pid, 15)
    server.wait(timeout=30)


def manage(env, *args, capture=False):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return result.stdout if capture else None


def tiny_jpeg():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 240), (120, 160, 200)).save(out, format="JPEG")
    return out.getvalue()


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data, ctype) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Client(threading.Thread):
    """One concurrent client with its own keep-alive connection and cookies."""

    def __init__(self, port, jobs, lock, results, api_key, photo):
        super().__init__(daemon=True)
        self.port, self.jobs, self.lock, self.results = port, jobs, lock, results
        self.api_key, self.photo = api_key, photo
        self.conn = None
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                headers = dict(headers or {})
                if self.cookies:
                    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                for header, value in response.getheaders():
                    if header.lower() == "set-cookie":
                        name, _, rest = value.partition("=")
                        self.cookies[name] = rest.split(";")[0]
                return response, data
            except (http.client.HTTPException, OSError):
                self.conn = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def run(self):
        while True:
            with self.lock:
                if not self.jobs:
                    return
                index = self.jobs.pop()
            kind = "form" if index % 2 == 0 else "open311"
            phone = f"139{index:08d}"
            started = time.perf_counter()
            try:
                ack = self.submit_form(index, phone) if kind == "form" else self.submit_open311(index, phone)
                status, ident = ack
            except Exception as exc:  # a dropped connection counts as a failed submission
                status, ident = f"error:{exc.__class__.__name__}", None
            elapsed = time.perf_counter() - started
            with self.lock:
                self.results.append({"kind": kind, "status": status, "id": ident, "seconds": elapsed})

    def submit_form(self, index, phone):
        response, html = self.request("GET", "/feedback/")
        text = html.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
        idem = re.search(r'name="idempotency_key" value="([^"]*)"', text).group(1)
        fields = {
            "csrfmiddlewaretoken": csrf,
            "idempotency_key": idem,
            "category": re.search(r'<option value="(\d+)">乱停车', text).group(1),
            "community": re.search(r'<option value="(\d+)">[^<]*基准社区', text).group(1),
            "address": f"基准小区{index}幢",
            "description": f"基准测试第{index}号诉求：消防通道被占用。",
            "name": "基准用户",
            "phone": phone,
            "consent": "on",
        }
        if index % 10 == 0:
            body, ctype = multipart(fields, {"photos": ("p.jpg", self.photo, "image/jpeg")})
        else:
            body, ctype = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        response, data = self.request(
            "POST", "/feedback/", body, {"Content-Type": ctype, "Referer": f"http://127.0.0.1:{self.port}/feedback/"}
        )
        if response.status != 302:
            return response.status, None
        token = response.getheader("Location").split("/feedback/track/")[1].split("/")[0]
        return 302, token

    def submit_open311(self, index, phone):
        fields = {
            "api_key": self.api_key,
            "service_code": "parking",
            "lat": "30.27",
            "long": "120.15",
            "description": f"基准测试第{index}号诉求（Open311）。",
            "phone": phone,
        }
        response, data = self.request(
            "POST",
            "/open311/v2/requests.json",
            urllib.parse.urlencode(fields).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": f"bench-{index}"},
        )
        if response.status != 201:
            return response.status, None
        return 201, json.loads(data)[0]["service_request_id"]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench(database_url, args):
    var_dir = tempfile.mkdtemp(prefix="feedback-bench-")
    port = free_port()
    # One IP sends everything here: the rate limits would measure themselves.
    env = site_env(var_dir, database_url, FEEDBACK_RATE_LIMITS="1000000,1000000,1000000,1000000")
    print(f"preparing a site in {var_dir} ({'PostgreSQL' if database_url else 'SQLite'}) …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    api_key = re.search(r"KEY (\S+)", manage(env, "shell", "-c", SETUP, capture=True)).group(1)
    server = start_site(env, port, args.workers)
    try:
        # Warm up every worker (imports, templates, connections) so the figures measure steady state.
        for _ in range(args.workers * 4):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for path in ("/feedback/", "/open311/v2/services.json"):
                conn.request("GET", path)
                conn.getresponse().read()
            conn.close()
        jobs = list(range(args.submissions))[::-1]
        lock, results = threading.Lock(), []
        photo = tiny_jpeg()
        clients = [Client(port, jobs, lock, results, api_key, photo) for _ in range(args.clients)]
        started = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join(timeout=args.timeout)
        wall = time.perf_counter() - started
    finally:
        stop_site(server)
    stored = json.loads(re.search(r"RESULT (.*)", manage(env, "shell", "-c", VERIFY, capture=True)).group(1))
    numbers, tokens = set(stored["numbers"]), set(stored["tokens"])
    acked = [r for r in results if r["id"]]
    lost = sum(1 for r in acked if r["id"] not in numbers and r["id"] not in tokens)
    failed = [r for r in results if not r["id"]]
    server_errors = sum(1 for r in results if isinstance(r["status"], int) and r["status"] >= 500)
    summary = {
        "database": "postgresql" if database_url else "sqlite",
        "submissions": args.submissions,
        "clients": args.clients,
        "acknowledged": len(acked),
        "failed": len(failed),
        "lost": lost + (args.submissions - len(results)),
        "stored": stored["count"],
        "duplicate_numbers": len(stored["numbers"]) - len(numbers),
        "server_errors": server_errors,
        "wall_seconds": round(wall, 1),
        "throughput_per_s": round(len(results) / wall, 1),
    }
    for kind in ("form", "open311"):
        seconds = [r["seconds"] * 1000 for r in results if r["kind"] == kind]
        if seconds:
            summary[f"{kind}_p50_ms"] = round(percentile(seconds, 50), 1)
            summary[f"{kind}_p99_ms"] = round(percentile(seconds, 99), 1)
    if failed:
        summary["failure_statuses"] = sorted({str(r["status"]) for r in failed})
    shutil.rmtree(var_dir, ignore_errors=True)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or os.cpu_count() * 2)
    parser.add_argument("--timeout", type=int, default=1200, help="seconds before clients are abandoned")
    args = parser.parse_args()
    ok = True
    for _name, url in each_database(args.database, "feedback_bench"):
        summary = bench(url, args)
        print(json.dumps(summary, ensure_ascii=False, indent=2), flush=True)
        ok = ok and summary["lost"] == 0 and summary["duplicate_numbers"] == 0 and summary["server_errors"] == 0
        ok = ok and summary["stored"] == summary["acknowledged"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
