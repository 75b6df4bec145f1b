"""Backups that restore: the drill (content, tickets, photos → backup → wipe → restore → identical), on
SQLite and PostgreSQL, through the real commands; a damaged archive or a non-empty database is refused."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.production import production_env

ROOT = Path(__file__).resolve().parents[2]

CONTENT = """
import io, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from home.demo import ensure_home, upsert_child
from home.models import StandardPage
from services.feedback.models import Category
from services.feedback.submission import create_ticket
from services.places.models import Community, Street

home = ensure_home()
upsert_child(home, StandardPage, "about", title="关于我们", introduction="云溪区党群服务中心简介")
street = Street.objects.create(name="云溪街道", slug="yunxi")
community = Community.objects.create(name="柳荫社区", slug="liuyin", street=street)
category = Category.objects.create(name="乱停车", code="parking")
for n in range(3):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40 * n, 120, 200)).save(buffer, "JPEG")
    photo = SimpleUploadedFile(f"photo{n}.jpg", buffer.getvalue(), content_type="image/jpeg")
    create_ticket(photos=[(photo, (64, 48))], category=category, community=community,
                  address=f"柳荫路{n + 1}号", description=f"第{n + 1}处占道停车", name="王建国", phone="13812345678")
"""

PROBE = """
import hashlib, json, django
django.setup()
from pathlib import Path
from django.conf import settings
from portal.backup import model_counts
from services.feedback.models import Ticket, TicketPhoto
from wagtail.models import Page

media = Path(settings.MEDIA_ROOT)
print(json.dumps({
    "counts": model_counts(),
    "media": {str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in sorted(media.rglob("*")) if p.is_file()},
    "tickets": sorted(Ticket.objects.values_list("number", "description", "phone", "tracking_token")),
    "photos": sorted(TicketPhoto.objects.values_list("ticket__number", "image")),
    "pages": sorted(Page.objects.values_list("title", "url_path")),
}, ensure_ascii=False))
"""


def environment(var_dir, database_url=None):
    return production_env(var_dir, database_url, TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend")


def run(env, *args, check=True):
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def probe(env):
    return json.loads(run(env, "-c", PROBE).stdout.strip().splitlines()[-1])


def drill(env, wipe):
    run(env, "manage.py", "migrate", "-v0")
    run(env, "-c", CONTENT)
    before = probe(env)
    assert before["counts"]["feedback.Ticket"] == 3 and len(before["media"]) >= 3
    archive = Path(env["VAR_DIR"]).parent / "drill.tar.gz"
    output = run(env, "manage.py", "backup", "--output", str(archive)).stdout
    assert "备份完成" in output
    assert archive.stat().st_mode & 0o777 == 0o600

    wipe()
    shutil.rmtree(Path(env["VAR_DIR"]) / "media")

    result = run(env, "manage.py", "restore", str(archive))
    assert "恢复完成" in result.stdout
    after = probe(env)
    assert after == before

    # Restoring again over the restored data is refused: only an empty database is restored into.
    again = run(env, "manage.py", "restore", str(archive), check=False)
    assert again.returncode != 0 and "不是空的" in again.stderr
    assert probe(env) == before
    return archive


def test_backup_and_restore_drill_on_sqlite(tmp_path):
    env = environment(tmp_path / "state")

    def wipe():
        for path in tmp_path.joinpath("state").glob("portal.sqlite3*"):
            path.unlink()

    archive = drill(env, wipe)

    # A damaged archive is refused before anything is touched.
    wipe()
    damaged = tmp_path / "damaged.tar.gz"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    result = run(env, "manage.py", "restore", str(damaged), check=False)
    assert result.returncode != 0 and "已损坏" in result.stderr
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: len(data) - 200])
    result = run(env, "manage.py", "restore", str(truncated), check=False)
    assert result.returncode != 0 and "已损坏" in result.stderr
    tables = "import django; django.setup(); from django.db import connection; print(len(connection.introspection.table_names()))"
    assert run(env, "-c", tables).stdout.strip() == "0"  # nothing was restored from a damaged archive


@pytest.mark.postgres
def test_backup_and_restore_drill_on_postgresql(tmp_path):
    from tests.support.postgres import PostgresUnavailable, _bin_dir, temporary_postgres

    try:
        bindir = _bin_dir()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    with temporary_postgres(dbname="drill") as url:
        server = url.split("@", 1)[1].split("/", 1)[0]
        host, port = server.split(":")
        tool_args = ["-h", host, "-p", port, "-U", "portal"]
        # On a server shared with the test run (make test-postgres sets DATABASE_URL), a database of its own.
        url = url.rsplit("/", 1)[0] + "/drill"
        subprocess.run([f"{bindir}/dropdb", *tool_args, "--if-exists", "drill"], check=True)
        subprocess.run([f"{bindir}/createdb", *tool_args, "drill"], check=True)
        env = environment(tmp_path / "state", url)

        def wipe():
            subprocess.run([f"{bindir}/dropdb", *tool_args, "drill"], check=True)
            subprocess.run([f"{bindir}/createdb", *tool_args, "drill"], check=True)

        try:
            drill(env, wipe)
        finally:
            subprocess.run([f"{bindir}/dropdb", *tool_args, "--if-exists", "drill"], check=False)


@pytest.mark.django_db(transaction=True)
def test_the_schedule_writes_backups_and_keeps_the_newest(tmp_path, settings):
    from django.core.management import call_command

    from portal.management.commands.run_periodic import jobs

    settings.BACKUP_EVERY_HOURS = 0
    assert "backup" not in [name for name, _every, _run in jobs()]
    settings.BACKUP_EVERY_HOURS, settings.BACKUP_KEEP, settings.BACKUP_DIR = 6, 2, tmp_path
    for stamp in ("20260101-000000", "20260102-000000", "20260103-000000"):
        (tmp_path / f"portal-backup-{stamp}.tar.gz").write_bytes(b"old")
    call_command("run_periodic", once=True)
    archives = sorted(p.name for p in tmp_path.glob("portal-backup-*.tar.gz"))
    assert len(archives) == 2
    assert archives[0] == "portal-backup-20260103-000000.tar.gz"
    assert archives[1] > archives[0]  # today's archive, written by the schedule
