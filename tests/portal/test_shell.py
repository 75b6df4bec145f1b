"""The page shell and site-wide endpoints: health, robots, sitemap, API, errors, elderly mode, bad input."""

import json

import pytest
from django.test import Client

from tests.home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_search(client, home_page, complete_holiday_calendar):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert "search" in body["checks"]


def test_healthz_returns_503_when_the_database_fails(client, home_page, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is False


def test_robots_txt_points_at_the_sitemap_and_hides_private_paths(client, home_page):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /feedback/track/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_live_pages(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, slug="sitemap-news")
    xml = client.get("/sitemap.xml").content.decode()
    assert "<urlset" in xml and "/news/sitemap-news/" in xml


def test_wagtail_api_lists_pages_images_documents(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, title="接口测试新闻")
    pages = client.get("/api/v2/pages/?type=home.NewsPage&fields=date,source,summary").json()
    assert pages["meta"]["total_count"] == 1
    assert pages["items"][0]["title"] == "接口测试新闻"
    assert pages["items"][0]["source"] == "柳荫街道党工委"
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_django_admin_does_not_exist_and_wagtail_admin_speaks_chinese(client, home_page):
    assert client.get("/django-admin/").status_code == 404
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert "登录" in login.content.decode()


def test_admin_dashboard_is_chinese_for_editors(admin_client, home_page):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html
    # The sidebar menu is JSON for the admin's front end, with escaped Chinese labels.
    assert "\\u9875\\u9762" in html


def test_404_page_is_chinese_and_offers_search(client, home_page):
    response = client.get("/this-page-does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，找不到这个页面" in html
    assert 'action="/search/"' in html


def test_500_page_is_chinese():
    client = Client(raise_request_exception=False)
    from portal.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "服务暂时出现问题" in response.content.decode()
    assert client is not None


def test_elderly_mode_toggle_sets_cookie_and_redirects_back(client, home_page):
    response = client.get("/elder-mode/?on=1&next=/news/")
    assert response.status_code == 302 and response["Location"] == "/news/"
    assert response.cookies["elder_mode"].value == "1"
    html = client.get("/").content.decode()
    assert '<html lang="zh-Hans" class="elder">' in html
    assert "标准模式" in html
    client.get("/elder-mode/?on=0&next=/")
    assert '<html lang="zh-Hans" class="">' in client.get("/").content.decode()


def test_elderly_mode_refuses_offsite_redirects(client, home_page):
    response = client.get("/elder-mode/?on=1&next=https://evil.example/")
    assert response["Location"] == "/"


def test_every_page_has_skip_link_navigation_search_and_footer(client, home_page):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    for label in ("办事服务", "找站点", "典型案例", "党建品牌", "示范社区", "新闻动态", "我要反映", "微心愿"):
        assert label in html
    assert 'role="search"' in html
    assert "服务热线" in html


def test_no_external_resources_in_the_shell(client, home_page):
    import re

    html = client.get("/").content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http://", "https://", "//")) or "testserver" in url, url


@pytest.mark.parametrize(
    "path",
    [
        "/news/?q=" + "网" * 10000,
        "/news/?year=abc&page=-1",
        "/%E4%B8%AD%E6%96%87%E8%B7%AF%E5%BE%84/",
        "/news/?category=%FF%FE",
        "/?%FF=%FE",
        "/elder-mode/?on=%FF&next=%FF",
    ],
)
def test_bad_input_never_gives_500(client, home_page, path):
    NewsIndexPageFactory(parent=home_page)
    response = client.get(path)
    assert response.status_code < 500


def test_non_utf8_query_string_does_not_break_pages(client, home_page):
    NewsIndexPageFactory(parent=home_page)
    response = client.get("/news/", QUERY_STRING="category=%B9%A4%D7%F7&year=%D6%D0")  # GBK bytes
    assert response.status_code == 200


def test_healthz_is_json(client, home_page, complete_holiday_calendar):
    assert json.loads(client.get("/healthz").content)["status"] == "ok"


def test_null_characters_in_query_strings_are_ignored(client, home_page):
    NewsIndexPageFactory(parent=home_page)
    assert client.get("/news/?tag=%00&category=%00work").status_code == 200


def test_elder_mode_with_an_undecodable_next_goes_home(client, home_page):
    response = client.get("/elder-mode/?on=1&next=%FF")
    assert response.status_code == 302 and response["Location"] == "/"


def test_favicon_redirects_to_the_svg_icon(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith(".svg")


def test_admin_never_loads_gravatar(admin_client, home_page):
    assert "gravatar.com" not in admin_client.get("/admin/").content.decode()
