"""Page serving through Wagtail's own view, with the ground layer's routing, site and restriction caches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, get_page_models

from portal.ground.pages import CachedRestrictionsMixin
from tests.home.factories import StandardPageFactory


@pytest.fixture
def about(home_page):
    page = StandardPageFactory(
        parent=home_page, title="关于本站", slug="about", introduction="本站由云溪区委组织部主办。"
    )
    page.save_revision().publish()
    return page


def test_a_repeated_visit_reads_only_the_content_version(client, about):
    client.get("/about/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/about/")
    assert "云溪区委组织部主办" in response.content.decode()
    assert [q["sql"] for q in queries] == [q["sql"] for q in queries if "portal_contentversion" in q["sql"]]
    assert len(queries) == 1


def test_the_home_page_and_a_page_below_it_serve_again_from_the_cached_route(client, about):
    for _visit in range(3):
        assert client.get("/").status_code == 200
        assert "云溪区委组织部主办" in client.get("/about/").content.decode()


def test_a_page_restricted_after_visits_asks_for_its_password(client, about, django_capture_on_commit_callbacks):
    assert "云溪区委组织部主办" in client.get("/about/").content.decode()  # "no restriction anywhere" is cached
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="yunxi")
    html = client.get("/about/").content.decode()
    assert "云溪区委组织部主办" not in html
    assert 'name="password"' in html


def test_a_changed_slug_routes_afresh_and_the_old_address_redirects(client, about, django_capture_on_commit_callbacks):
    assert client.get("/about/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        about.slug = "guanyu"
        about.save_revision().publish()
    old = client.get("/about/")
    assert (old.status_code, old["Location"]) == (301, "/guanyu/")
    assert "云溪区委组织部主办" in client.get("/guanyu/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, about, django_capture_on_commit_callbacks):
    assert client.get("/about/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()
    assert client.get("/about/").status_code == 404


def test_every_page_type_of_the_portal_checks_restrictions_without_a_query():
    ours = [model for model in get_page_models() if not model.__module__.startswith("wagtail.")]
    assert ours, "the portal's page types were found"
    missing = [model.__name__ for model in ours if not issubclass(model, CachedRestrictionsMixin)]
    assert not missing, f"page types without CachedRestrictionsMixin: {missing}"
