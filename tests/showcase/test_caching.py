"""Showcase pages are cached per content version: a published change shows on the next request."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import publish
from .factories import BrandProjectPageFactory, CaseStudyPageFactory, CommunityFactory, ModelCommunityPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(case_index, brand_index, community_index):
    community = CommunityFactory(name="柳荫社区", slug="liuyin")
    brand = BrandProjectPageFactory(parent=brand_index, title="红色物业", slug="red")
    brand.communities.set([community])
    brand = publish(brand)
    case = CaseStudyPageFactory(parent=case_index, title="三无小区清零记", slug="sanwu")
    case.related_brands.set([brand])
    case.tags.set(["红色物业"], clear=True)
    case = publish(case)
    model = ModelCommunityPageFactory(parent=community_index, title="柳荫示范社区", slug="liuyin", community=community)
    model = publish(model)
    return {"brand": brand, "case": case, "model": model}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


URLS = [
    "/cases/",
    "/cases/?theme=红色物业",
    "/cases/sanwu/",
    "/cases/sanwu/print/",
    "/brands/",
    "/brands/red/",
    "/communities/",
    "/communities/liuyin/",
    "/figures/",
]


@pytest.mark.parametrize("url", URLS)
def test_a_second_visit_reads_the_page_from_the_cache(client, showcase, url):
    first = queries_for(client, url)
    assert queries_for(client, url) <= 2 < first


def edit(page, django_capture_on_commit_callbacks, **fields):
    """Publish a change the way an editor does; the content version is bumped when it commits."""
    with django_capture_on_commit_callbacks(execute=True):
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_published_case_change_shows_on_the_next_request(client, showcase, django_capture_on_commit_callbacks):
    urls = ["/cases/", "/cases/sanwu/", "/cases/sanwu/print/", "/brands/red/", "/communities/liuyin/"]
    for url in urls:
        assert "三无小区清零记" in html(client, url), url  # fills the caches
    edit(showcase["case"], django_capture_on_commit_callbacks, title="三无小区清零记（修订）", summary="新的摘要。")
    for url in urls:
        assert "三无小区清零记（修订）" in html(client, url), url
    assert "新的摘要。" in html(client, "/cases/sanwu/print/")
    with django_capture_on_commit_callbacks(execute=True):
        showcase["case"].unpublish()
    assert client.get("/cases/sanwu/").status_code == 404
    assert client.get("/cases/sanwu/print/").status_code == 404
    for url in ["/cases/", "/brands/red/", "/communities/liuyin/"]:
        assert "三无小区清零记" not in html(client, url), url


def test_a_published_brand_change_shows_on_the_next_request(client, showcase, django_capture_on_commit_callbacks):
    urls = ["/brands/", "/brands/red/", "/cases/sanwu/", "/communities/liuyin/"]
    for url in urls:
        assert "红色物业" in html(client, url), url
    edit(showcase["brand"], django_capture_on_commit_callbacks, title="红色物业联盟", slogan="新口号在此")
    for url in urls:
        assert "红色物业联盟" in html(client, url), url
    assert "新口号在此" in html(client, "/brands/red/")


def test_a_published_model_community_change_shows_on_the_next_request(
    client, showcase, django_capture_on_commit_callbacks
):
    for url in ["/communities/", "/communities/liuyin/"]:
        assert "柳荫示范社区" in html(client, url), url
    edit(
        showcase["model"], django_capture_on_commit_callbacks, title="柳荫示范社区（新）", introduction="新的介绍文字。"
    )
    for url in ["/communities/", "/communities/liuyin/"]:
        assert "柳荫示范社区（新）" in html(client, url), url
    assert "新的介绍文字。" in html(client, "/communities/liuyin/")


def test_a_preview_neither_reads_nor_fills_the_public_cache(client, showcase):
    case = showcase["case"]

    def preview():
        draft = type(case).objects.get(pk=case.pk)
        draft.title = "尚未发布的草稿标题"
        return draft.make_preview_request().content.decode()

    assert "<h1>尚未发布的草稿标题</h1>" in preview()  # on a cold cache
    page = html(client, "/cases/sanwu/")
    assert "尚未发布的草稿标题" not in page and "<h1>三无小区清零记</h1>" in page, "the public never sees the draft"
    assert "<h1>尚未发布的草稿标题</h1>" in preview(), "the editor sees the draft, not the cached page"


def test_figures_show_a_published_case_at_once_and_tickets_within_a_minute(
    client, showcase, django_capture_on_commit_callbacks, monkeypatch
):
    from tests.feedback.factories import CategoryFactory, make_ticket

    def totals(key):
        section = next(s for s in client.get("/figures/").context["sections"] if s.key == key)
        return {str(label): value for label, value, _unit in section.totals}

    assert totals("cases")["典型案例"] == 1
    assert totals("tickets")["收到诉求"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        publish(CaseStudyPageFactory(parent=showcase["case"].get_parent(), title="第二个案例"))
    assert totals("cases")["典型案例"] == 2, "published content shows on the next request"

    make_ticket(category=CategoryFactory(name="乱停车"))
    assert totals("tickets")["收到诉求"] == 0, "ticket figures are counted at most once a minute"
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 61)
    assert totals("tickets")["收到诉求"] == 1
    assert "乱停车" in html(client, "/figures/")
