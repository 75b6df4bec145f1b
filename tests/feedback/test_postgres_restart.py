"""PostgreSQL restarted during a burst of 200 reports: every acknowledged ticket is there afterwards, the
others got a clear 503 (Open311's error array, in Chinese), and no ticket is half-saved."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.support.production import production_env

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
REPORTS = 200

SETUP = """
import django; django.setup()
from services.feedback.models import Category, Open311Key
Category.objects.create(name="乱停车", code="parking")
print(Open311Key.issue("burst")[1])
"""
VERIFY = """
import json, django; django.setup()
from services.feedback.models import Ticket
rows = Ticket.objects.values_list("number", "events__action")
print(json.dumps(sorted([number, action] for number, action in rows)))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def restartable_postgres():
    """A throw-away PostgreSQL cluster of our own (so the test may restart it); yields (url, restart)."""
    from tests.support.postgres import PostgresUnavailable, _as_postgres_user, _bin_dir

    try:
        bindir = _bin_dir()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    datadir = tempfile.mkdtemp(prefix="portal-pg-restart-")
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    port = free_port()
    options = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
    ctl = [f"{bindir}/pg_ctl", "-D", datadir, "-l", f"{datadir}/server.log", "-o", options, "-w"]
    subprocess.run(
        _as_postgres_user([f"{bindir}/initdb", "-D", datadir, "-U", "portal", "--auth=trust", "-E", "UTF8"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(_as_postgres_user([*ctl, "start"]), check=True, stdout=subprocess.DEVNULL)
    subprocess.run([f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "portal", "burst"], check=True)

    def restart(while_down=None):
        """Stop the server (cutting in-flight transactions), run ``while_down``, start it again."""
        subprocess.run(_as_postgres_user([*ctl, "-m", "fast", "stop"]), check=True, stdout=subprocess.DEVNULL)
        try:
            if while_down is not None:
                while_down()
        finally:
            subprocess.run(_as_postgres_user([*ctl, "start"]), check=True, stdout=subprocess.DEVNULL)

    try:
        yield f"postgresql://portal@127.0.0.1:{port}/burst", restart
    finally:
        subprocess.run(_as_postgres_user([*ctl, "-m", "immediate", "stop"]), stdout=subprocess.DEVNULL)
        shutil.rmtree(datadir, ignore_errors=True)


def post(url, data):
    body = urllib.parse.urlencode(data).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_postgres_restart_mid_burst_loses_no_acknowledged_ticket(restartable_postgres, tmp_path):
    url, restart = restartable_postgres
    env = production_env(
        tmp_path / "state",
        url,
        ALLOWED_HOSTS="127.0.0.1",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        FEEDBACK_RATE_LIMITS="1000000,1000000,1000000,1000000",
    )
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    key = subprocess.run([python, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    api_key = key.stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--worker-class", "gthread", "--threads", "4", "--log-level", "error"],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        results = [None] * REPORTS
        sent = threading.Semaphore(0)
        while_down = []

        def send(n):
            return post(
                f"http://127.0.0.1:{port}/open311/v2/requests.json",
                {
                    "api_key": api_key,
                    "service_code": "parking",
                    "lat": "30.27",
                    "long": "120.15",
                    "description": f"第{n}号：占道停车",
                },
            )

        def report(n):
            sent.release()
            results[n] = send(n)

        threads = [threading.Thread(target=report, args=(n,)) for n in range(REPORTS)]
        for n, thread in enumerate(threads):
            thread.start()
            if n == REPORTS // 4:
                for _ in range(n):
                    sent.acquire()
                # Mid-burst: in-flight transactions are cut; one report sent while the server is down is
                # refused for certain, whatever the timing of the others.
                restart(while_down=lambda: while_down.append(send(REPORTS)))
            time.sleep(0.01)
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=30)

    results += while_down
    statuses = [status for status, _body in results]
    assert set(statuses) <= {201, 503}, statuses  # a 500 never: a clear "try again, nothing saved"
    assert 503 in statuses, "the restart hit no request: the burst did not exercise the fault"
    acknowledged = set()
    for status, body in results:
        data = json.loads(body)
        if status == 201:
            acknowledged.add(data[0]["service_request_id"])
        else:
            assert data[0]["code"] == 503 and "没有保存" in data[0]["description"]
    assert len(acknowledged) >= REPORTS // 2  # the burst went on after the restart

    rows = json.loads(
        subprocess.run([python, "-c", VERIFY], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    )
    saved = {number for number, _action in rows}
    assert acknowledged <= saved  # every acknowledged ticket is there
    assert all(action == "received" for _number, action in rows)  # each with its first timeline entry
    assert len(rows) == len(saved)  # exactly one entry each: nothing half-saved, nothing twice
