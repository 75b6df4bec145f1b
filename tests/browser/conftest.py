"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

Helpers:
- ``browser``: one headless Chromium per session (``executable_path`` points at Debian's build).
- ``phone`` / ``desktop``: a fresh page at a 375 px phone viewport or a 1280 px desktop viewport.
- ``assert_accessible(page)``: runs axe-core and fails on serious or critical violations.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _new_page(browser, **context_args):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **context_args)
    context.set_default_timeout(15000)
    page = context.new_page()
    return context, page


@pytest.fixture
def phone(browser):
    context, page = _new_page(
        browser, viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


def assert_accessible(page, context_label=""):
    """Run axe-core (WCAG 2.x A/AA rules) on the page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
            "resultTypes": ["violations"],  # passes are not reported in detail: a faster run, the same verdict
        },
    )
    violations = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    summary = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    )
    assert not violations, f"axe violations on {context_label or page.url}:\n{summary}"


def _sqlite_path():
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    return connection.settings_dict["NAME"]


@pytest.fixture(scope="session")
def _demo_template(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the full demo once per session and keep a copy of the SQLite file to restore per test."""
    from django.db import connection, connections

    from home import demo
    from tests.conftest import restore_migration_rows

    path = _sqlite_path()
    if path is None:
        return None
    with django_db_blocker.unblock():
        restore_migration_rows()
        demo.load()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connections.close_all()
    template = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(path, template)
    return template


@pytest.fixture
def demo_site(_demo_template, transactional_db):
    """The full demo content for a browser test, restored from the session's copy (fast)."""
    from django.core.cache import caches
    from django.db import connections

    if _demo_template is None:  # PostgreSQL: load it for this test
        from home import demo
        from tests.conftest import restore_migration_rows

        restore_migration_rows()
        demo.load()
    else:
        connections.close_all()
        path = _sqlite_path()
        for suffix in ("-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        shutil.copyfile(_demo_template, path)
    for alias in caches:
        caches[alias].clear()


@pytest.fixture(scope="session")
def _collected_static(tmp_path_factory):
    """Static files collected once per session with hashed names, as `collectstatic` does in production."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": HASHED_STATIC_STORAGE}}
    with override_settings(STATIC_ROOT=str(root), STORAGES=storages):
        call_command("collectstatic", "--noinput", "--verbosity", "0")
    return root, storages


# Production's storage (WhiteNoise's) names files the same way; this one skips the compression step.
HASHED_STATIC_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture
def production_static(_collected_static, monkeypatch):
    """Pages link hashed static names (``leaflet.3f2a….css``) served from the collected files, as in
    production, so that a script guessing a file's URL from another's name fails here as it would there."""
    from django.test import override_settings
    from django.views import static

    root, storages = _collected_static
    monkeypatch.setattr(
        "django.contrib.staticfiles.handlers.serve",
        lambda request, path, insecure=False: static.serve(request, path, document_root=str(root)),
    )
    with override_settings(STATIC_ROOT=str(root), STORAGES=storages):
        yield root


class PageProblems:
    """Failed requests (status ≥ 400 or no answer) and console errors seen by one page."""

    def __init__(self, page):
        self.failed = []
        self.console = []
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        # A request the browser itself cancels (the resident followed a link while an image was still
        # loading: net::ERR_ABORTED) is no failure anyone sees.
        page.on(
            "requestfailed",
            lambda r: r.failure != "net::ERR_ABORTED" and self.failed.append(f"failed {r.url} ({r.failure})"),
        )
        page.on("console", lambda m: m.type == "error" and self.console.append(f"{m.text} @ {m.location}"))
        page.on("pageerror", lambda e: self.console.append(f"uncaught {e}"))

    def assert_none(self, where=""):
        assert not self.failed, f"failed requests {where}: {self.failed}"
        assert not self.console, f"console errors {where}: {self.console}"

    def clear(self):
        self.failed.clear()
        self.console.clear()


class _Front:
    """The live server as the browser sees it: through nginx (url), the app server itself behind it (thread)."""

    def __init__(self, url, server):
        self.url = url
        self._server = server

    def __getattr__(self, name):
        return getattr(self._server, name)

    def __str__(self):
        return self.url


@pytest.fixture(scope="session")
def _nginx_static(tmp_path_factory):
    """Static files collected once, for nginx to serve as in production."""
    from django.core.management import call_command
    from django.test import override_settings

    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=str(root)):  # resets the cached storages, so the files land here
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def live_server(live_server, request):
    """With BROWSER_FRONT=nginx (the end-to-end stage, `make test-stack`) the browser goes through nginx and its
    page cache (deploy/nginx/portal.conf) to the app; otherwise straight to the live server."""
    if os.environ.get("BROWSER_FRONT") != "nginx":
        yield live_server
        return
    settings = request.getfixturevalue("settings")
    static_root = request.getfixturevalue("_nginx_static")
    tmp_path = request.getfixturevalue("tmp_path")
    import socket

    from tests.support.nginx import running_nginx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.X_ACCEL_REDIRECT = True
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "portal.ground.page_cache.NginxPurgeBackend", "LOCATION": base}
    }
    with running_nginx(
        tmp_path / "nginx",
        listen=f"127.0.0.1:{port}",
        upstream=f"127.0.0.1:{live_server.thread.port}",
        static_root=static_root,
        media_root=settings.MEDIA_ROOT,
        workers=1,
    ):
        yield _Front(base, live_server)
