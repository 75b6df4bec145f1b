"""State in one place: everything an installation keeps lives under VAR_DIR, private, and a new
VAR_DIR, STATIC_ROOT or database is prepared by `prepare_site` instead of served half-made."""

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.production import production_env

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PAGES_PROBE = """
import json, django
django.setup()
from django.test import Client
from home.models import HomePage
client = Client()
print(json.dumps({"home_pages": HomePage.objects.count(),
                  **{url: client.get(url).status_code for url in ("/", "/services/", "/news/")}}))
"""


def prepare(env):
    result = subprocess.run(
        [PYTHON, "manage.py", "prepare_site"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def probe(env):
    result = subprocess.run([PYTHON, "-c", PAGES_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def mode(path):
    return stat.S_IMODE(Path(path).stat().st_mode)


def test_secret_key_is_generated_inside_var_dir_privately(tmp_path):
    var = tmp_path / "state"
    env = {**os.environ, "VAR_DIR": str(var)}
    first = subprocess.run([PYTHON, "scripts/secret_key.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    again = subprocess.run([PYTHON, "scripts/secret_key.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    key_file = var / "secret_key"
    assert first.stdout.strip() == key_file.read_text().strip() == again.stdout.strip()
    assert len(key_file.read_text().strip()) >= 50
    assert mode(key_file) == 0o600
    assert mode(var) == 0o700


def test_sqlite_database_and_var_dir_are_private_from_the_start(tmp_path):
    var = tmp_path / "state"
    code = "import django; django.setup(); from django.db import connection; connection.ensure_connection()"
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=production_env(var), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert mode(var) == 0o700
    assert mode(var / "portal.sqlite3") == 0o600


def test_a_world_readable_database_from_before_is_tightened(tmp_path):
    var = tmp_path / "state"
    var.mkdir(mode=0o755)
    database = var / "portal.sqlite3"
    database.touch(mode=0o644)
    database.chmod(0o644)
    code = "import django; django.setup()"
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=production_env(var), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (mode(var), mode(database)) == (0o700, 0o600)


@pytest.mark.parametrize(("before", "after"), [(0o755, 0o700), (0o711, 0o711), (0o751, 0o700), (0o700, 0o700)])
def test_var_dir_is_private_but_a_traverse_only_one_stays_reachable(tmp_path, before, after):
    """`make stack` as root makes VAR_DIR traverse-only so that PostgreSQL's own user reaches its data inside;
    each process of the portal starting up must not cut it off (the server aborted at its next checkpoint)."""
    from portal.settings.env import private_dir

    var = tmp_path / "state"
    var.mkdir()
    var.chmod(before)
    private_dir(var)
    assert mode(var) == after


def test_serve_writes_the_worker_and_scheduler_logs_into_var_dir(tmp_path):
    var = tmp_path / "state"
    env = production_env(var, PORT="8013", WEB_CONCURRENCY="1")
    server = subprocess.Popen(
        ["scripts/serve.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not ((var / "worker.log").exists() and (var / "scheduler.log").exists()):
            time.sleep(0.2)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert (var / "worker.log").is_file()
    assert (var / "scheduler.log").is_file()


def test_new_var_dir_static_root_and_database_are_prepared_not_served_half_made(tmp_path):
    """The path a district takes: no demo where not asked, demo where asked, static files wherever they point."""
    var = tmp_path / "state"
    # A production deployment (no LOAD_DEMO) on its own database: migrated, static files collected, no demo pages.
    production = production_env(var, DATABASE_URL=f"sqlite:///{tmp_path / 'district.sqlite3'}")
    prepare(production)
    assert mode(var) == 0o700 and mode(tmp_path / "district.sqlite3") == 0o600
    assert (var / "static" / "staticfiles.json").is_file()
    pages = probe(production)
    assert pages["home_pages"] == 0
    assert pages["/services/"] == 404

    # The same VAR_DIR pointed at another database that asks for the demo: it gets it.
    demo = production_env(var, LOAD_DEMO="1")
    prepare(demo)
    assert probe(demo) == {"home_pages": 1, "/": 200, "/services/": 200, "/news/": 200}

    # Asked again on a database with content: nothing loaded twice, nothing collected twice.
    output = prepare(demo)
    assert "数据库中已有内容" in output and "跳过 collectstatic" in output
    assert probe(demo)["home_pages"] == 1

    # A new STATIC_ROOT is filled on the next preparation instead of every page becoming a 500.
    moved = {**demo, "STATIC_ROOT": str(tmp_path / "elsewhere-static")}
    prepare(moved)
    assert (tmp_path / "elsewhere-static" / "staticfiles.json").is_file()
    assert probe(moved)["/"] == 200


@pytest.mark.django_db
def test_database_has_content_reads_the_database_not_a_marker(home_page, settings, tmp_path):
    from wagtail.models import Page

    from portal.management.commands.prepare_site import database_has_content

    assert database_has_content()
    Page.objects.filter(depth__gt=1).delete()
    assert not database_has_content()
    Page.get_first_root_node().add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="welcome"))
    assert not database_has_content()  # Wagtail's own welcome page is not content
