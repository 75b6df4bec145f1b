"""`make stack`: the production shape on this machine — nginx in front of gunicorn, PostgreSQL, Redis,
the task worker and the scheduler — with the demo site, on http://127.0.0.1:$PORT. Ctrl-C stops all.

Every piece of state is throw-away and lives under VAR_DIR (default var/stack): the PostgreSQL
cluster, Redis's socket, media, static files, the nginx cache, logs. The services listen on Unix
sockets or loopback ports chosen at start, so nothing clashes with `make run` or another stack.
nginx's site configuration is deploy/nginx/portal.conf, the file a district copies.

    .venv/bin/python scripts/stack.py [--port 8000] [--ready-file PATH]
"""

import argparse
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import nginx  # noqa: E402
from tests.support.postgres import _as_postgres_user, _bin_dir  # noqa: E402

BIN = ROOT / ".venv" / "bin"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message):
    print(f"[stack] {message}", flush=True)


class Stack:
    """The processes of the stack, started in order and stopped in reverse."""

    def __init__(self, var_dir, port, workers):
        self.var = pathlib.Path(var_dir).resolve()
        self.port = port
        self.workers = workers
        self.run_dir = self.var / "run"
        self.logs = self.var / "log"
        self.processes = []  # (name, Popen)
        self.pg_data = self.var / "postgres"
        self.pg_bin = None

    # --- PostgreSQL -------------------------------------------------------------------------
    def start_postgres(self):
        self.pg_bin = _bin_dir()
        if os.geteuid() == 0:
            import pwd

            pw = pwd.getpwnam("postgres")
            # As root the server runs as the postgres user: it may pass through VAR_DIR (not list it)
            # and writes its socket into run/.
            os.chmod(self.var, 0o711)  # noqa: S103 - traverse only, nothing readable
            os.chown(self.run_dir, pw.pw_uid, pw.pw_gid)
        if not (self.pg_data / "PG_VERSION").exists():
            self.pg_data.mkdir(exist_ok=True)
            if os.geteuid() == 0:
                os.chown(self.pg_data, pw.pw_uid, pw.pw_gid)
            log("PostgreSQL: initdb")
            subprocess.run(
                _as_postgres_user(
                    [f"{self.pg_bin}/initdb", "-D", str(self.pg_data), "-U", "portal", "--auth=trust", "-E", "UTF8"]
                    + ["--locale=C.UTF-8"]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        options = f"-c listen_addresses='' -k {self.run_dir} -c max_connections=100"
        subprocess.run(
            _as_postgres_user(
                [f"{self.pg_bin}/pg_ctl", "-D", str(self.pg_data), "-l", str(self.pg_data / "server.log")]
                + ["-o", options, "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        exists = subprocess.run(
            [f"{self.pg_bin}/psql", "-h", str(self.run_dir), "-U", "portal", "-d", "postgres", "-tAc"]
            + ["SELECT 1 FROM pg_database WHERE datname='portal'"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if exists != "1":
            subprocess.run([f"{self.pg_bin}/createdb", "-h", str(self.run_dir), "-U", "portal", "portal"], check=True)
        log("PostgreSQL: ready (Unix socket)")
        return self.database_url()

    def database_url(self):
        return f"postgresql://portal@{urllib.parse.quote(str(self.run_dir), safe='')}/portal"

    def redis_url(self):
        return f"unix://{self.run_dir / 'redis.sock'}?db=0"

    def stop_postgres(self):
        if self.pg_bin:
            if os.geteuid() == 0:  # prepare_site keeps VAR_DIR at 0700; the postgres user must pass through
                os.chmod(self.var, 0o711)  # noqa: S103 - traverse only, nothing readable
            subprocess.run(
                _as_postgres_user([f"{self.pg_bin}/pg_ctl", "-D", str(self.pg_data), "-m", "fast", "stop"]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    # --- Redis ------------------------------------------------------------------------------
    def start_redis(self):
        sock = self.run_dir / "redis.sock"
        (self.var / "redis").mkdir(exist_ok=True)
        self.spawn(
            "redis",
            ["redis-server", "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700"]
            + ["--dir", str(self.var / "redis"), "--save", "", "--appendonly", "no", "--daemonize", "no"],
        )
        deadline = time.time() + 20
        while not sock.exists():
            if time.time() > deadline:
                raise RuntimeError("Redis did not start (see var log/redis.log)")
            time.sleep(0.1)
        log("Redis: ready (Unix socket)")
        return self.redis_url()

    # --- processes --------------------------------------------------------------------------
    def spawn(self, name, cmd, env=None):
        out = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the child's lifetime
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.processes.append((name, process))
        return process

    def stop(self):
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for name, process in reversed(self.processes):
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop in 15 s: killing it")
                process.kill()
        self.stop_postgres()

    def environment(self, database_url, redis_url):
        secret = self.var / "secret_key"
        if not secret.exists():
            secret.write_text(secrets.token_urlsafe(50))
            secret.chmod(0o600)
        base_url = f"http://127.0.0.1:{self.port}"
        return dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            VAR_DIR=str(self.var),
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            SECRET_KEY=secret.read_text().strip(),
            ALLOWED_HOSTS=os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost"),
            BASE_URL=base_url,
            SECURE_COOKIES="0",
            SECURE_HSTS_SECONDS="0",
            TRUSTED_PROXIES="127.0.0.1",
            FRONTEND_CACHE_PURGE_URL=base_url,
            X_ACCEL_REDIRECT="1",
            LOAD_DEMO=os.environ.get("LOAD_DEMO", "1"),
        )

    def run(self, ready_file=None):
        for path in (self.var, self.run_dir, self.logs):
            path.mkdir(parents=True, exist_ok=True)
        self.var.chmod(0o700)
        database_url = self.start_postgres()
        redis_url = self.start_redis()
        app_port = free_port()
        env = self.environment(database_url, redis_url)
        log("preparing the site (migrations, static files, demo content, search index)")
        subprocess.run([str(BIN / "python"), "scripts/compile_messages.py"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        # nginx is not started yet: the preparation purges nothing (its cache is emptied below instead).
        preparing = {key: value for key, value in env.items() if key != "FRONTEND_CACHE_PURGE_URL"}
        subprocess.run([str(BIN / "python"), "manage.py", "prepare_site"], cwd=ROOT, env=preparing, check=True)
        gunicorn = self.spawn(
            "gunicorn",
            [str(BIN / "gunicorn"), "portal.wsgi:application", "--config", "python:portal.gunicorn_conf"]
            + ["--bind", f"127.0.0.1:{app_port}"]
            + ["--workers", str(self.workers), "--worker-class", "gthread", "--threads", "2", "--preload"]
            + ["--max-requests", "5000", "--max-requests-jitter", "500", "--log-level", "warning"]
            + ["--logger-class", "portal.ground.logs.ScrubbingGunicornLogger"],
            env=env,
        )
        self.spawn("worker", [str(BIN / "python"), "manage.py", "db_worker", "--interval", "2"], env=env)
        self.spawn("scheduler", [str(BIN / "python"), "manage.py", "run_periodic"], env=env)
        nginx.wait_for(f"http://127.0.0.1:{app_port}/healthz", timeout=60, process=gunicorn)
        # Pages kept by an earlier run may be older than this code and this database: start with none.
        shutil.rmtree(self.var / "nginx" / "cache", ignore_errors=True)
        conf = nginx.write_config(
            self.var / "nginx",
            listen=f"127.0.0.1:{self.port}",
            upstream=f"127.0.0.1:{app_port}",
            static_root=self.var / "static",
            media_root=self.var / "media",
        )
        nginx.check_config(conf)
        proxy = self.spawn("nginx", [nginx.nginx_binary(), "-c", str(conf), "-e", "stderr"])
        nginx.wait_for(f"http://127.0.0.1:{self.port}/healthz", process=proxy)
        log(f"门户已启动（nginx + gunicorn + PostgreSQL + Redis）： http://127.0.0.1:{self.port}/")
        log(f"日志： {self.logs}/   按 Ctrl-C 停止全部服务")
        if ready_file:
            pathlib.Path(ready_file).write_text(f"http://127.0.0.1:{self.port}\n")
        while True:
            for name, process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode} (see {self.logs}/{name}.log)")
            time.sleep(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or os.cpu_count() * 2)
    parser.add_argument("--ready-file", help="write the base URL here once the stack serves")
    args = parser.parse_args()
    var_dir = os.environ.get("VAR_DIR") or str(ROOT / "var" / "stack")
    stack = Stack(var_dir, args.port, args.workers)

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        stack.run(args.ready_file)
    except KeyboardInterrupt:
        log("stopping")
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:  # a service failed: stop the rest
        log(f"failed: {error}")
        stack.stop()
        sys.exit(1)
    stack.stop()
    log("stopped")


if __name__ == "__main__":
    main()
