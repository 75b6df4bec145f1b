"""Fixtures shared by every test: a site with a home page, users, and a client."""

import pytest
from wagtail.models import Page, Site


@pytest.fixture
def home_page(db):
    """A published HomePage as the default site's root, like the real site."""
    from home.models import HomePage

    root = Page.get_first_root_node()
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
def _clear_cache():
    """Each test starts with an empty cache so cached fragments never leak between tests."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()
