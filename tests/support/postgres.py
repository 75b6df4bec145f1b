"""Start a throw-away PostgreSQL server from Debian's packages for tests and benchmarks.

Usage::

    from tests.support.postgres import temporary_postgres
    with temporary_postgres() as url:   # postgresql://portal@127.0.0.1:PORT/portal
        ...

If DATABASE_URL already points at PostgreSQL, that server is used instead.
Raises PostgresUnavailable (with the reason) when no server binaries are installed.
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries on this machine (install Debian's postgresql package)."""


def _bin_dir():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        raise PostgresUnavailable("PostgreSQL is not installed (apt-get install postgresql)")
    return os.path.dirname(candidates[0])


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(cmd):
    """initdb refuses to run as root: drop to the postgres system user when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def temporary_postgres(dbname="portal"):
    """Yield a DATABASE_URL for a fresh PostgreSQL cluster; stop and delete it afterwards."""
    existing = os.environ.get("DATABASE_URL", "")
    if existing.startswith(("postgres://", "postgresql://")):
        yield existing
        return
    bindir = _bin_dir()
    datadir = tempfile.mkdtemp(prefix="portal-pg-")
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(datadir, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    log = os.path.join(datadir, "server.log")
    try:
        subprocess.run(
            _as_postgres_user(
                [f"{bindir}/initdb", "-D", datadir, "-U", "portal", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        options = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        subprocess.run(
            _as_postgres_user([f"{bindir}/pg_ctl", "-D", datadir, "-l", log, "-o", options, "-w", "start"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            ready = subprocess.run(
                [f"{bindir}/pg_isready", "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL
            )
            if ready.returncode == 0:
                break
            time.sleep(0.2)
        subprocess.run([f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "portal", dbname], check=True)
        yield f"postgresql://portal@127.0.0.1:{port}/{dbname}"
    finally:
        subprocess.run(
            _as_postgres_user([f"{bindir}/pg_ctl", "-D", datadir, "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(datadir, ignore_errors=True)
