"""Cached routing and fragments follow content changes at once (keyed by the content version)."""

import pytest

from home.models import SiteContactSettings
from portal.ground import content_version
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_publishing_and_unpublishing_show_up_on_the_next_request(client, home_page, django_capture_on_commit_callbacks):
    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, title="第一篇")
    assert "第一篇" in client.get("/news/").content.decode()  # fills the caches
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        article = NewsPageFactory(parent=index, title="刚刚发布的新闻")
    assert content_version.current() > before
    assert "刚刚发布的新闻" in client.get("/news/").content.decode()
    assert "刚刚发布的新闻" in client.get("/").content.decode()
    assert client.get(article.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert "刚刚发布的新闻" not in client.get("/news/").content.decode()
    assert client.get(article.url).status_code == 404


def test_moving_a_page_changes_its_cached_route(client, home_page, django_capture_on_commit_callbacks):
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, slug="old-slug", title="改名测试")
    assert client.get("/news/old-slug/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.slug = "new-slug"
        article.save_revision().publish()
    assert client.get("/news/new-slug/").status_code == 200
    # Wagtail's automatic redirect takes over the old address; the stale cached route does not.
    old = client.get("/news/old-slug/")
    assert old.status_code == 301 and old["Location"] == "/news/new-slug/"


def test_footer_follows_site_settings(client, home_page, django_capture_on_commit_callbacks):
    assert "9999-0000" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        settings = SiteContactSettings.for_site(home_page.get_site())
        settings.hotline = "9999-0000"
        settings.save()
    assert "9999-0000" in client.get("/").content.decode()


def test_resident_submissions_do_not_invalidate_caches(home_page, django_capture_on_commit_callbacks):
    from django.contrib.sessions.backends.db import SessionStore

    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        SessionStore().create()
    assert content_version.current() == before


def test_a_pending_resident_need_does_not_invalidate_caches(home_page, django_capture_on_commit_callbacks):
    from services.catalog.models import Need
    from services.places.models import Community, Street

    street = Street.objects.create(name="柳荫街道", slug="liuyin-street")
    community = Community.objects.create(street=street, name="柳荫社区", slug="liuyin")
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        need = Need.objects.create(
            title="楼道灯坏了",
            description="三单元楼道灯不亮",
            community=community,
            contact_name="王",
            contact_phone="13800000000",
        )
    assert content_version.current() == before
    with django_capture_on_commit_callbacks(execute=True):
        need.moderation = "approved"
        need.save()
    assert content_version.current() > before


def test_previews_never_read_or_fill_the_public_caches(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, title="已发布的标题", summary="已发布的摘要")
    assert "已发布的摘要" in client.get(article.url).content.decode()  # warm the public fragments
    draft = article.get_latest_revision_as_object()
    draft.summary = "尚未发布的草稿摘要"
    preview = draft.make_preview_request().render()
    assert "尚未发布的草稿摘要" in preview.content.decode()
    assert "尚未发布的草稿摘要" not in client.get(article.url).content.decode()
    # Empty caches, preview first: the public page still shows the published text.
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    draft.make_preview_request().render()
    public = client.get(article.url).content.decode()
    assert "已发布的摘要" in public and "尚未发布的草稿摘要" not in public
