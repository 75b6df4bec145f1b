"""Settings come from the environment; production refuses to start without its secrets."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(module, env, expression):
    """Evaluate a settings expression in a fresh interpreter with the given environment."""
    code = (
        "import json, os, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({expression}, default=str))"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "DEBUG"}
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def test_production_refuses_to_start_without_secret_key_or_hosts(tmp_path):
    result = settings_in_subprocess(
        "portal.settings.production", {"VAR_DIR": str(tmp_path), "SECRET_KEY": "", "ALLOWED_HOSTS": "x"}, "1"
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    result = settings_in_subprocess(
        "portal.settings.production", {"VAR_DIR": str(tmp_path), "SECRET_KEY": "k" * 50}, "1"
    )
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr


def test_embedded_default_with_no_environment(tmp_path):
    result = settings_in_subprocess(
        "portal.settings.production",
        {"VAR_DIR": str(tmp_path), "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "portal.example.cn"},
        "[settings.DATABASES['default']['ENGINE'], str(settings.DATABASES['default']['NAME']), settings.CACHES['default']['BACKEND'], settings.PORTAL_SEARCH_ENGINE, settings.DEBUG, settings.LANGUAGE_CODE, settings.TIME_ZONE]",
    )
    assert result.returncode == 0, result.stderr
    engine, name, cache, search, debug, language, tz = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3" and name.startswith(str(tmp_path))
    assert cache.endswith("FileBasedCache")  # shared by every worker process
    assert search == "embedded"
    assert debug is False
    assert (language, tz) == ("zh-hans", "Asia/Shanghai")


def test_scale_out_by_environment_variables(tmp_path):
    env = {
        "VAR_DIR": str(tmp_path),
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "a.example.cn,b.example.cn",
        "DATABASE_URL": "postgresql://portal:secret@db.internal:5432/portal",
        "REDIS_URL": "redis://cache.internal:6379/1",
        "ELASTICSEARCH_URL": "http://es1.internal:9200",
        "EMAIL_URL": "smtp://mailer:pw@smtp.internal:2525",
        "MEDIA_ROOT": str(tmp_path / "uploads"),
    }
    result = settings_in_subprocess(
        "portal.settings.production",
        env,
        "[settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['HOST'], settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, settings.PORTAL_SEARCH_ENGINE, settings.EMAIL_HOST, settings.EMAIL_PORT, str(settings.MEDIA_ROOT), settings.ALLOWED_HOSTS]",
    )
    assert result.returncode == 0, result.stderr
    engine, host, cache, sessions, search, email_host, email_port, media, hosts = json.loads(result.stdout)
    assert engine == "django.db.backends.postgresql" and host == "db.internal"
    assert cache == "portal.ground.redis_fallback.FallbackRedisCache" and sessions.endswith(".cached_db")
    assert search == "elasticsearch"
    assert (email_host, email_port) == ("smtp.internal", 2525)
    assert media == str(tmp_path / "uploads")
    assert hosts == ["a.example.cn", "b.example.cn"]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


@pytest.mark.django_db
def test_ensure_admin_generates_a_private_password_once(settings, tmp_path, capsys, django_user_model):
    settings.VAR_DIR = tmp_path
    call_command("ensure_admin")
    first = capsys.readouterr().out
    password_file = tmp_path / "admin-password.txt"
    assert str(password_file) in first
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    password = password_file.read_text().split("密码: ")[1].strip()
    assert len(password) >= 16
    user = django_user_model.objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    call_command("ensure_admin")
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
    assert password_file.read_text().split("密码: ")[1].strip() == password
