"""The reference deployment in deploy/: systemd units and the nginx site are valid as shipped (checked, not run)."""

import pathlib
import shutil
import subprocess

import pytest

from tests.support import nginx

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed here")
@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.name)
def test_systemd_units_verify_without_a_warning(unit, tmp_path):
    """systemd-analyze verify, with /srv/portal pointed at this checkout so the commands exist."""
    text = unit.read_text().replace("/srv/portal", str(ROOT))
    text = text.replace("/etc/portal/portal.env", str(ROOT / "deploy" / "portal.env.example"))
    copy = tmp_path / unit.name
    copy.write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_the_three_services_exist():
    assert [u.name for u in UNITS] == ["portal-scheduler.service", "portal-web.service", "portal-worker.service"]


def test_the_nginx_site_passes_nginx_t(tmp_path):
    conf = nginx.write_config(
        tmp_path, listen="127.0.0.1:1", upstream="127.0.0.1:2", static_root=tmp_path, media_root=tmp_path
    )
    nginx.check_config(conf)


def test_every_placeholder_is_filled():
    with pytest.raises(ValueError):
        nginx.render_site({"CACHE_DIR": "/tmp"})


def test_the_environment_example_names_the_settings_the_stack_uses():
    example = (ROOT / "deploy" / "portal.env.example").read_text()
    for name in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "TRUSTED_PROXIES",
        "FRONTEND_CACHE_PURGE_URL",
    ):
        assert f"\n{name}=" in example
