"""Run Debian's nginx with the portal's site configuration (deploy/nginx/portal.conf) as an ordinary process.

Used by `make stack` (scripts/stack.py), the page-cache tests and bench/stack::

    with running_nginx(workdir, listen="127.0.0.1:8080", upstream="127.0.0.1:8001",
                       static_root=..., media_root=...) as base_url:
        ...

Raises NginxUnavailable (with the reason) when nginx or its cache-purge module is not installed.
"""

import contextlib
import os
import pathlib
import shutil
import subprocess
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SITE_TEMPLATE = ROOT / "deploy" / "nginx" / "portal.conf"
PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"


class NginxUnavailable(RuntimeError):
    """nginx or libnginx-mod-http-cache-purge is missing (scripts/system_deps.sh installs both)."""


def render_site(values, template=SITE_TEMPLATE):
    """The site configuration with every @NAME@ placeholder replaced; fails on one left over."""
    text = pathlib.Path(template).read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    if "@" in "".join(line.split("#", 1)[0] for line in text.splitlines()):
        raise ValueError("unfilled placeholder in the nginx site configuration")
    return text


def main_conf(workdir, site_path, workers=2):
    """nginx.conf for an unprivileged, foreground nginx whose files all live in ``workdir``."""
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers must read the 0700 VAR_DIR
    return f"""load_module {PURGE_MODULE};
{user}worker_processes {workers};
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    access_log off;
    gzip on;
    gzip_types text/css application/javascript application/json image/svg+xml;
    client_body_temp_path {workdir}/tmp/body;
    proxy_temp_path {workdir}/tmp/proxy;
    fastcgi_temp_path {workdir}/tmp/fastcgi;
    uwsgi_temp_path {workdir}/tmp/uwsgi;
    scgi_temp_path {workdir}/tmp/scgi;
    include {site_path};
}}
"""


def nginx_binary():
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if path is None:
        raise NginxUnavailable("nginx is not installed (apt-get install nginx libnginx-mod-http-cache-purge)")
    if not os.path.exists(PURGE_MODULE):
        raise NginxUnavailable(
            "the nginx cache-purge module is missing (apt-get install libnginx-mod-http-cache-purge)"
        )
    return path


def write_config(workdir, *, listen, upstream, static_root, media_root, page_cache_seconds=600, workers=2):
    """Write nginx.conf and portal.conf into ``workdir``; returns the path of nginx.conf."""
    workdir = pathlib.Path(workdir)
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi", "cache"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    site = render_site(
        {
            "CACHE_DIR": workdir / "cache",
            "UPSTREAM": upstream,
            "LISTEN": listen,
            "SERVER_NAME": "_",
            "STATIC_ROOT": str(static_root).rstrip("/"),
            "MEDIA_ROOT": str(media_root).rstrip("/"),
            "PURGE_FROM": "127.0.0.1",
            "PAGE_CACHE_SECONDS": page_cache_seconds,
            "ACCESS_LOG": workdir / "access.log",
        }
    )
    (workdir / "portal.conf").write_text(site)
    conf = workdir / "nginx.conf"
    conf.write_text(main_conf(workdir, workdir / "portal.conf", workers=workers))
    return conf


def check_config(conf):
    """nginx -t on the written configuration; raises with nginx's own message on an error."""
    result = subprocess.run(
        [nginx_binary(), "-t", "-q", "-c", str(conf), "-e", "stderr"], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"nginx configuration rejected:\n{result.stderr}")


def wait_for(url, timeout=30, process=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback URL built here
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def running_nginx(workdir, *, listen, upstream, static_root, media_root, page_cache_seconds=600, workers=2):
    """Start nginx in the foreground with the portal's configuration; yield its base URL; stop it."""
    conf = write_config(
        workdir,
        listen=listen,
        upstream=upstream,
        static_root=static_root,
        media_root=media_root,
        page_cache_seconds=page_cache_seconds,
        workers=workers,
    )
    check_config(conf)
    process = subprocess.Popen([nginx_binary(), "-c", str(conf), "-e", "stderr"])
    try:
        base_url = f"http://{listen}"
        wait_for(base_url + "/static/", process=process)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
