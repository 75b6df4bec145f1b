"""Catalog pages are cached per content version: published changes show at once, visitors' own parts are never cached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.catalog.models import GuideMaterial

from .factories import NeedFactory, ProjectFactory, ResourceFactory, ServiceGuidePageFactory


@pytest.fixture
def guide(catalog, categories, item_types):
    page = ServiceGuidePageFactory(
        parent=catalog,
        title="居住证明开具",
        slug="residence",
        category=categories["hukou"],
        item_type=item_types["duty"],
    )
    page.materials = [GuideMaterial(name="居民身份证", form="original", copies=1, sort_order=0)]
    page.save_revision().publish()
    return page


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/services/", "/services/?type=duty", "/services/residence/", "/services/residence/print/"]
)
def test_a_second_visit_reads_the_page_from_the_cache(client, guide, url):
    first = queries_for(client, url)
    assert queries_for(client, url) <= 2 < first


@pytest.mark.parametrize("board", ["needs", "resources", "projects"])
def test_a_second_visit_to_a_board_reads_it_from_the_cache(client, catalog, board):
    NeedFactory()
    ResourceFactory()
    ProjectFactory()
    first = queries_for(client, f"/services/{board}/")
    assert queries_for(client, f"/services/{board}/") <= 2 < first


def test_a_published_change_to_a_guide_shows_on_the_next_request(client, guide, django_capture_on_commit_callbacks):
    for url in ["/services/", "/services/residence/", "/services/residence/print/"]:
        assert "居住证明开具" in client.get(url).content.decode()  # fills the caches
    with django_capture_on_commit_callbacks(execute=True):
        guide.title = "居住证明开具（新版）"
        guide.materials = [GuideMaterial(name="户口簿", form="original", copies=1, sort_order=0)]
        guide.save_revision().publish()
    for url in ["/services/", "/services/residence/", "/services/residence/print/"]:
        html = client.get(url).content.decode()
        assert "居住证明开具（新版）" in html, url
    html = client.get("/services/residence/").content.decode()
    assert "户口簿" in html and "居民身份证" not in html
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert client.get("/services/residence/").status_code == 404
    assert "居住证明开具" not in client.get("/services/").content.decode()


def test_the_usefulness_thanks_and_errors_are_never_shown_to_the_next_visitor(client, guide):
    from django.test import Client

    assert client.get("/services/residence/").status_code == 200  # fills the caches
    response = client.post(f"/services/useful/{guide.pk}/", {"useful": "yes"}, follow=True)
    assert "感谢您的反馈" in response.content.decode()
    other_visitor = Client()
    html = other_visitor.get("/services/residence/").content.decode()
    assert "感谢您的反馈" not in html and "这个页面有用吗？" in html
    bad = client.post(f"/services/useful/{guide.pk}/", {})
    assert bad.status_code == 400 and "请选择" in bad.content.decode()
    assert "请选择" not in other_visitor.get("/services/residence/").content.decode()
