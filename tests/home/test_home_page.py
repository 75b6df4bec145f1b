"""The home page: notice bar, entries, latest news, frequently used services, structured data."""

import pytest

from home.models import HomePage
from home.registry import register_home_figure
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_notice_entries_and_latest_news(client, home_page):
    home_page.notice_text = "元旦期间党群服务中心开放时间调整"
    home_page.save_revision().publish()
    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, title="社区食堂开业")
    html = client.get("/").content.decode()
    assert "元旦期间党群服务中心开放时间调整" in html
    assert "社区食堂开业" in html
    for entry in ("/services/", "/stations/", "/feedback/", "/wishes/"):
        assert f'href="{entry}"' in html
    assert '"@type": "GovernmentOrganization"' in html
    assert '<html lang="zh-Hans"' in html


def test_editor_chosen_common_services_appear(client, home_page):
    about = StandardPageFactory(parent=home_page, title="居住证明办理")
    home = HomePage.objects.get(pk=home_page.pk)
    home.common_services.create(page=about)
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "常办事项" in html and "居住证明办理" in html


def test_registered_figures_are_shown_and_a_broken_one_is_skipped(client, home_page, monkeypatch):
    import home.registry

    monkeypatch.setattr(home.registry, "_FIGURES", list(home.registry._FIGURES))
    register_home_figure("test-ok", "测试站点数", "个", lambda: 42)
    register_home_figure("test-broken", "坏数据", "个", lambda: 1 / 0)
    html = client.get("/").content.decode()
    assert "测试站点数" in html and "42" in html
    assert "坏数据" not in html


def test_standard_page_renders_blocks(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        body=[
            ("heading", {"text": "办理须知", "level": "h2"}),
            ("paragraph", "<p>请携带身份证原件。</p>"),
            (
                "faq",
                {"title": "常见问题", "items": [{"question": "可以代办吗？", "answer": "<p>可以，需要委托书。</p>"}]},
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<h2" in html and "办理须知" in html
    assert "<details" in html and "可以代办吗？" in html


def test_a_published_description_and_a_new_hotline_show_on_the_next_view(
    client, home_page, django_capture_on_commit_callbacks
):
    from home.models import SiteContactSettings

    page = StandardPageFactory(parent=home_page, title="居住证明办理", search_description="携带身份证到社区办理")
    html = client.get(page.url).content.decode()
    assert '<meta name="description" content="携带身份证到社区办理">' in html
    with django_capture_on_commit_callbacks(execute=True):
        page.search_description = "线上预约后到社区领取"
        page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert '<meta name="description" content="线上预约后到社区领取">' in html
    assert '<meta property="og:description" content="线上预约后到社区领取">' in html
    assert "携带身份证到社区办理" not in html

    settings = SiteContactSettings.for_site(home_page.get_site())
    with django_capture_on_commit_callbacks(execute=True):
        settings.hotline = "0571-8800-1234"
        settings.save()
    assert client.get("/").content.decode().count('"telephone": "0571-8800-1234"') == 1
    with django_capture_on_commit_callbacks(execute=True):
        settings.hotline = "0571-8800-5678"
        settings.save()
    html = client.get("/").content.decode()
    assert '"telephone": "0571-8800-5678"' in html and "0571-8800-1234" not in html
