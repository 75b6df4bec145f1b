"""Fixtures shared by every test: a site with a home page, users, and a client."""

import pytest
from wagtail.models import Page, Site


def restore_migration_rows():
    """The rows Wagtail's migrations make (locale, root page, root collection), which a transactional test
    (live server) flushes; tests that run after one would otherwise fail for their order alone."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


@pytest.fixture
def home_page(db):
    """A published HomePage as the default site's root, like the real site."""
    from home.models import HomePage

    root = restore_migration_rows()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="首页", slug="home-test")
        root.add_child(instance=home)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    Site.objects.exclude(root_page=home).delete()
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.cn", password="pw-admin-123"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """``client.force_login`` stands for a complete staff sign-in, second step included.

    Tests of the second step itself sign in through the forms (``client.post("/admin/login/")``).
    """
    from django.test import Client

    from tests.support.two_factor import verify_session

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache so cached fragments never leak between tests."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def behind_nginx(live_server, settings, tmp_path):
    """The portal (live test server) behind Debian's nginx with deploy/nginx/portal.conf, as `make stack` runs it.

    Yields nginx's base URL. The page cache purges through nginx, and 127.0.0.1 (nginx) is the trusted proxy.
    """
    import socket

    from tests.support.nginx import NginxUnavailable, running_nginx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "portal.ground.page_cache.NginxPurgeBackend", "LOCATION": base}
    }
    try:
        front = running_nginx(
            tmp_path / "nginx",
            listen=f"127.0.0.1:{port}",
            upstream=f"127.0.0.1:{live_server.thread.port}",
            static_root=settings.STATIC_ROOT,
            media_root=settings.MEDIA_ROOT,
            workers=1,
        )
        with front as url:
            yield url
    except NginxUnavailable as error:
        pytest.fail(f"{error}: run `make test`, which installs it")


@pytest.fixture
def complete_holiday_calendar(db):
    """A holiday calendar for the current and the next year (without one /healthz reports "degraded")."""
    import datetime

    from django.utils import timezone

    from services.places.models import PublicHoliday

    year = timezone.localdate().year
    for y in (year, year + 1):
        PublicHoliday.objects.get_or_create(date=datetime.date(y, 1, 1), defaults={"name": "元旦", "kind": "holiday"})
