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
            }
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

    path = _sqlite_path()
    if path is None:
        return None
    with django_db_blocker.unblock():
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
