"""Backups that restore: one archive holding the database, the media files and a manifest to check them by.

The archive (tar + gzip, created 0600) holds ``manifest.json`` first, then ``database.sqlite3`` (SQLite's
online backup API: a consistent copy while the site keeps serving) or ``database.pgdump`` (``pg_dump``
custom format), then ``media/…``. The manifest lists the engine, the applied migrations, the row count
of every model and the SHA-256 and size of every other member. ``restore`` checks all of that before it
touches anything, and restores only into an empty database of the same engine.
"""

import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

from portal.settings.env import private_dir

FORMAT = 1
MANIFEST = "manifest.json"
ARCHIVE_GLOB = "portal-backup-*.tar.gz"


class BackupError(Exception):
    """A backup could not be written or an archive cannot be restored; the message says why (Chinese)."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def model_counts(using="default"):
    """Rows per concrete model (``app_label.ModelName``), the figure a restore must give back."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        counts[meta.label] = model._base_manager.using(using).count()
    return dict(sorted(counts.items()))


def applied_migrations(using="default"):
    from django.db.migrations.recorder import MigrationRecorder

    rows = MigrationRecorder(connections[using]).migration_qs.values_list("app", "name")
    return sorted(f"{app}.{name}" for app, name in rows)


def postgres_tool(name):
    """``pg_dump``/``pg_restore`` of the newest PostgreSQL installed (a client at least as new as the server)."""
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise BackupError(f"找不到 {name}：请安装 PostgreSQL 客户端（postgresql-client）。")
    return found


def postgres_args(db):
    """Connection arguments and environment for the PostgreSQL tools, from Django's settings."""
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def dump_database(target_dir, using="default"):
    """Write a consistent copy of the database into ``target_dir``; returns the member's name."""
    connection = connections[using]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = Path(target_dir) / "database.sqlite3"
        source = sqlite3.connect(f"file:{db['NAME']}?mode=ro", uri=True, timeout=60)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy, pages=4096)
        finally:
            copy.close()
            source.close()
        return target.name
    if connection.vendor == "postgresql":
        target = Path(target_dir) / "database.pgdump"
        args, env = postgres_args(db)
        result = subprocess.run(
            [postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--file", str(target), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
        return target.name
    raise BackupError(f"不支持备份 {connection.vendor} 数据库。")


def media_files():
    """(path in the archive, path on disk) of every file under MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return [(f"media/{path.relative_to(root).as_posix()}", path) for path in sorted(root.rglob("*")) if path.is_file()]


def default_archive_path(now=None):
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return private_dir(settings.BACKUP_DIR) / f"portal-backup-{stamp}.tar.gz"


def write_backup(output=None, using="default"):
    """Write one archive; returns (path, manifest)."""
    output = Path(output) if output else default_archive_path()
    output.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as staging:
        database = dump_database(staging, using)
        database_path = Path(staging) / database
        media = media_files()
        files = {database: {"sha256": sha256(database_path), "size": database_path.stat().st_size}}
        for name, path in media:
            files[name] = {"sha256": sha256(path), "size": path.stat().st_size}
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "database": database,
            "migrations": applied_migrations(using),
            "counts": model_counts(using),
            "files": files,
        }
        manifest_path = Path(staging) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = output.with_name(output.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=1) as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(database_path, arcname=database)
            for name, path in media:
                archive.add(path, arcname=name)
        os.replace(partial, output)  # a crash mid-write never leaves a complete-looking archive
    return output, manifest


def prune(directory, keep):
    """Delete all but the newest ``keep`` archives in ``directory``; returns the deleted paths."""
    archives = sorted(Path(directory).glob(ARCHIVE_GLOB), key=lambda p: p.name, reverse=True)
    removed = archives[keep:] if keep > 0 else []
    for path in removed:
        path.unlink()
    return removed


def unpack_and_verify(archive, workdir):
    """Extract ``archive`` into ``workdir`` and check it against its manifest; returns the manifest."""
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            tar.extractall(workdir, filter="data")
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise BackupError(f"备份文件已损坏，无法读取（{exc.__class__.__name__}）。") from exc
    manifest_path = Path(workdir) / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text())
        files = manifest["files"]
    except (OSError, ValueError, KeyError) as exc:
        raise BackupError("备份文件缺少有效的清单（manifest.json），无法确认其完整性。") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')!r}。")
    for name, expected in files.items():
        path = Path(workdir) / name
        if not path.is_file():
            raise BackupError(f"备份文件已损坏：缺少 {name}。")
        if path.stat().st_size != expected["size"] or sha256(path) != expected["sha256"]:
            raise BackupError(f"备份文件已损坏：{name} 的校验和不符。")
    present = {p.relative_to(workdir).as_posix() for p in Path(workdir).rglob("*") if p.is_file()}
    extra = present - set(files) - {MANIFEST}
    if extra:
        raise BackupError(f"备份文件中有清单之外的文件：{sorted(extra)[0]}。")
    return manifest


def database_is_empty(using="default"):
    """True when the database has no tables at all (a new SQLite file or a fresh `createdb`)."""
    return not connections[using].introspection.table_names()


def restore_database(workdir, manifest, using="default"):
    connection = connections[using]
    db = connection.settings_dict
    source = Path(workdir) / manifest["database"]
    if connection.vendor == "sqlite":
        target = Path(db["NAME"])
        connection.close()
        for suffix in ("-wal", "-shm", "-journal"):  # stale files of the empty database would corrupt the copy
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        staged = target.with_name(target.name + ".restoring")
        shutil.copyfile(source, staged)
        staged.chmod(0o600)
        os.replace(staged, target)
        return
    args, env = postgres_args(db)
    connection.close()
    result = subprocess.run(
        [postgres_tool("pg_restore"), "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", *args]
        + [str(source)],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{result.stderr.strip()}")


def restore_media(workdir):
    source = Path(workdir) / "media"
    if not source.is_dir():
        return 0
    root = Path(settings.MEDIA_ROOT)
    count = 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            count += 1
    return count


def restore_backup(archive, using="default"):
    """Check ``archive`` completely, then restore it into this (empty) database and MEDIA_ROOT; returns the manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"找不到备份文件：{archive}")
    connection = connections[using]
    workroot = private_dir(Path(settings.VAR_DIR) / "restore")
    with tempfile.TemporaryDirectory(dir=workroot) as workdir:
        manifest = unpack_and_verify(archive, workdir)
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"这份备份来自 {manifest['engine']} 数据库，不能恢复到 {connection.vendor} 数据库。")
        if not database_is_empty(using):
            raise BackupError("目标数据库不是空的：只能恢复到新建的空数据库，以免覆盖现有数据。")
        restore_database(workdir, manifest, using)
        restore_media(workdir)
    counts = model_counts(using)
    differing = sorted(label for label, count in manifest["counts"].items() if counts.get(label) != count)
    if differing:
        raise BackupError(f"恢复后的记录数与备份清单不符：{', '.join(differing[:5])}")
    return manifest
