"""Errors reach someone: 500s e-mailed to ADMINS, Sentry when configured, JSON log lines, a worker heartbeat."""

import http.server
import json
import os
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import path

ROOT = Path(__file__).resolve().parents[2]


def broken_view(request):
    raise RuntimeError("the stub view always fails")


urlpatterns = [path("broken/", broken_view)]
handler500 = "portal.views.server_error"


def run_python(code, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "LOG_FORMAT", "SENTRY_DSN"}}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.test", **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_admins_and_server_email_come_from_the_environment():
    code = "import json, django; django.setup(); from django.conf import settings; print(json.dumps([settings.ADMINS, settings.SERVER_EMAIL], ensure_ascii=False))"
    result = run_python(
        code, ADMINS="运维值班 <ops@example.cn>, dev@example.cn", SERVER_EMAIL="portal-errors@example.cn"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        [["运维值班", "ops@example.cn"], ["", "dev@example.cn"]],
        "portal-errors@example.cn",
    ]


@pytest.mark.django_db
def test_a_server_error_is_mailed_to_the_admins(settings):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = [("运维值班", "ops@example.cn")]
    settings.SERVER_EMAIL = "portal-errors@example.cn"
    response = Client(raise_request_exception=False).get("/broken/?page=2")
    assert response.status_code == 500
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ops@example.cn"] and message.from_email == "portal-errors@example.cn"
    assert "/broken/" in message.subject
    assert "the stub view always fails" in message.body


def test_log_format_json_writes_one_json_object_per_line():
    code = "import logging, django; django.setup(); logging.getLogger('portal.test').warning('工单 %s 已派发', 'YX-1')"
    result = run_python(code, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["message"] == "工单 YX-1 已派发"
    assert record["level"] == "WARNING" and record["logger"] == "portal.test"
    assert "time" in record


class _Collector(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_sentry_dsn_sends_server_errors_to_that_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_address[1]}/42"
        code = (
            "import django, sentry_sdk; django.setup()\n"
            "from django.test import Client, override_settings\n"
            "with override_settings(ROOT_URLCONF='tests.portal.test_error_reporting'):\n"
            "    print(Client(raise_request_exception=False).get('/broken/').status_code)\n"
            "sentry_sdk.flush(timeout=10)\n"
        )
        result = run_python(code, SENTRY_DSN=dsn)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "500"
    finally:
        server.shutdown()
    paths = [p for p, _ in _Collector.received]
    assert any(p.startswith("/api/42/") for p in paths), paths
    assert any(b"the stub view always fails" in body for _, body in _Collector.received)


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_whether_the_worker_ran_its_heartbeat_lately(client, settings, complete_holiday_calendar):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    body = client.get("/healthz").json()
    assert body["checks"]["worker"]["ok"] is False
    assert body["status"] == "degraded"  # pages are still served: a 200, not a 503
    # The scheduler enqueues the heartbeat; the real database worker runs it.
    call_command("run_periodic", once=True)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    response = client.get("/healthz")
    assert response.status_code == 200
    worker = response.json()["checks"]["worker"]
    assert worker["ok"] is True and worker["age_s"] < 60
    assert response.json()["status"] == "ok"
