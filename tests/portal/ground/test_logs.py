"""Secrets never reach a log: Django's handlers and gunicorn's access log scrub keys and tracking tokens."""

import io
import logging
import logging.config
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from portal.ground.logs import scrub

ROOT = Path(__file__).resolve().parents[3]


def test_scrub():
    line = '"GET /open311/v2/requests.json?status=open&api_key=K3y-S3cret HTTP/1.1" 400'
    assert scrub(line) == '"GET /open311/v2/requests.json?status=open&api_key=[scrubbed] HTTP/1.1" 400'
    assert scrub("/feedback/track/Zx8_tok-en/?new=1") == "/feedback/track/[scrubbed]/?new=1"
    assert scrub("/open311/v2/tokens/abc123.json") == "/open311/v2/tokens/[scrubbed].json"
    assert (
        scrub("Referer: https://x.cn/a?next=%2Fb%3Fapi_key%3DK3y")
        == "Referer: https://x.cn/a?next=%2Fb%3Fapi_key%3D[scrubbed]"
    )
    assert scrub("/feedback/track/") == "/feedback/track/"


@pytest.mark.django_db
def test_django_logs_scrub_a_tracking_token(client, monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    logging.config.dictConfig(settings.LOGGING)  # handlers bind the patched stderr
    try:
        assert client.get("/feedback/track/PrivateToken123/").status_code == 404
    finally:
        monkeypatch.undo()
        logging.config.dictConfig(settings.LOGGING)
    assert "Not Found: /feedback/track/[scrubbed]/" in stream.getvalue()
    assert "PrivateToken123" not in stream.getvalue()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_access_log_scrubs_keys_tokens_and_referers(tmp_path):
    """A real gunicorn with the logger class scripts/serve.sh uses, on a tiny WSGI app."""
    (tmp_path / "tinyapp.py").write_text(
        "def app(environ, start_response):\n"
        "    start_response('404 Not Found', [('Content-Type', 'text/plain')])\n"
        "    return [b'no']\n"
    )
    port, log = _free_port(), tmp_path / "access.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tinyapp:app", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--access-logfile", str(log), "--logger-class", "portal.ground.logs.ScrubbingGunicornLogger",
         "--access-logformat", '%(h)s "%(r)s" %(s)s "%(f)s" %(U)s %(q)s'],
        cwd=tmp_path, env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for path, referer in (
            ("/open311/v2/requests.json?api_key=K3ySecret&status=open", ""),
            ("/feedback/track/PrivateToken123/", "http://x/open311/v2/tokens/Tok456.json"),
            ("/static/site.css", "http://127.0.0.1/feedback/track/PrivateToken789/"),
        ):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Referer": referer})
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=5)
        for _ in range(50):
            if log.exists() and log.read_text().count("\n") >= 3:
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = log.read_text()
    assert text.count("[scrubbed]") >= 5, text
    for secret in ("K3ySecret", "PrivateToken123", "Tok456", "PrivateToken789"):
        assert secret not in text
    assert "status=open" in text  # the rest of the line stays useful


def test_nginx_access_log_of_deploy_scrubs_queries_tokens_and_referers(tmp_path):
    """deploy/nginx/portal.conf as shipped, in front of an app server that is not there (502s are logged too)."""
    from tests.support import nginx

    try:
        nginx.nginx_binary()
    except nginx.NginxUnavailable as exc:
        pytest.fail(str(exc))
    port, upstream = _free_port(), _free_port()
    (tmp_path / "static").mkdir()
    with nginx.running_nginx(tmp_path / "nginx", listen=f"127.0.0.1:{port}", upstream=f"127.0.0.1:{upstream}",
                             static_root=tmp_path / "static", media_root=tmp_path / "media") as base:  # fmt: skip
        for path, referer in (
            ("/open311/v2/requests.json?api_key=K3ySecret&status=open", "http://x/search/?q=secret-query"),
            ("/feedback/track/PrivateToken123/?new=1", "http://x/open311/v2/tokens/Tok456.json"),
            ("/news/", "http://127.0.0.1/feedback/track/PrivateToken789/"),
        ):
            request = urllib.request.Request(base + path, headers={"Referer": referer})
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=10)
    text = (tmp_path / "nginx" / "access.log").read_text()
    assert "/feedback/track/[scrubbed]/?[scrubbed]" in text and "/open311/v2/requests.json?[scrubbed]" in text
    for secret in ("K3ySecret", "PrivateToken123", "Tok456", "PrivateToken789", "secret-query"):
        assert secret not in text, text


def test_sentry_events_are_scrubbed():
    from portal.ground.logs import scrub_event

    event = {
        "request": {
            "url": "https://portal.example.cn/feedback/track/PrivateToken123/",
            "query_string": "api_key=K3ySecret&status=open",
            "headers": {"Referer": "https://portal.example.cn/open311/v2/tokens/Tok456.json"},
        },
        "breadcrumbs": {"values": [{"message": "Not Found: /feedback/track/PrivateToken789/", "level": "warning"}]},
        "level": 40,
    }
    text = str(scrub_event(event))
    for secret in ("K3ySecret", "PrivateToken123", "Tok456", "PrivateToken789"):
        assert secret not in text
    assert scrub_event(event)["request"]["query_string"] == "api_key=[scrubbed]&status=open"
    assert scrub_event(event)["level"] == 40
