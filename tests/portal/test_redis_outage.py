"""Redis stopped: pages are still served and rate limits keep counting (in process memory) until it is back."""

import shutil
import socket
import subprocess
import time

import pytest

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_server(tmp_path):
    """Debian's redis-server on a free port, throw-away data; yields (url, process)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0", process
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, redis_server):
    url, process = redis_server
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.ground.redis_fallback.FallbackRedisCache",
            "LOCATION": url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
    }
    return process


def test_pages_and_limits_survive_redis_stopping(client, home_page, redis_cache):
    from django.core.cache import cache

    cache.set("probe", 1)
    assert cache.get("probe") == 1  # really on Redis
    assert client.get("/").status_code == 200

    redis_cache.terminate()
    redis_cache.wait(timeout=10)

    started = time.monotonic()
    assert client.get("/").status_code == 200
    assert client.get("/feedback/").status_code == 200
    assert time.monotonic() - started < 10
    # Failed ticket look-ups are still limited: the eleventh within the hour is refused.
    statuses = [
        client.post("/feedback/track/", {"number": "YX20260101-0001", "phone_last4": "1234"}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [404] * 10
    assert statuses[10] == 429
