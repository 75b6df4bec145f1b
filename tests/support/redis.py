"""Start a throw-away Redis server (Debian's redis-server) on a Unix socket for tests and benchmarks.

    with temporary_redis() as url:   # unix:///tmp/portal-redis-XXXX/redis.sock?db=0
        ...

If REDIS_URL is already set, that server is used instead.
"""

import contextlib
import os
import pathlib
import shutil
import subprocess
import tempfile
import time


class RedisUnavailable(RuntimeError):
    """redis-server is not installed (apt-get install redis-server)."""


@contextlib.contextmanager
def temporary_redis():
    existing = os.environ.get("REDIS_URL", "")
    if existing:
        yield existing
        return
    binary = shutil.which("redis-server")
    if binary is None:
        raise RedisUnavailable("redis-server is not installed (apt-get install redis-server)")
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="portal-redis-"))
    sock = workdir / "redis.sock"
    process = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700", "--dir", str(workdir)]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 20
        while not sock.exists():
            if process.poll() is not None or time.time() > deadline:
                raise RedisUnavailable("redis-server did not start")
            time.sleep(0.05)
        yield f"unix://{sock}?db=0"
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)
