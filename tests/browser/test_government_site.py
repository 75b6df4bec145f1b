"""What an assessor of a government website checks first: titles, descriptions, the footer's filings."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _new_page

pytestmark = pytest.mark.browser


def test_every_page_has_one_site_name_in_its_title_and_a_description(browser, live_server, demo_site):
    from home.models import NewsPage
    from services.catalog.models import ServiceGuidePage
    from services.places.models import StationPage

    context, page = _new_page(browser, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    paths = ["/", "/services/", "/stations/", "/news/", "/feedback/", "/search/?q=网格", "/cases/", "/wishes/"]
    paths += [model.objects.live().first().url for model in (StationPage, NewsPage, ServiceGuidePage)]
    try:
        for path in paths:
            page.goto(live_server.url + path)
            parts = page.title().split(" | ")
            assert all(parts) and len(parts) == len(set(parts)), f"{path}: title {page.title()!r}"
            description = page.locator("meta[name=description]").get_attribute("content")
            assert len(description.strip()) >= 10, f"{path}: description {description!r}"
        page.goto(live_server.url + "/")
        assert page.title() == "云溪区党群服务门户"
    finally:
        context.close()


def test_footer_carries_the_government_website_identification(desktop, live_server, demo_site):
    page = desktop
    page.goto(live_server.url + "/news/")
    footer = page.locator(".site-footer")
    expect(footer).to_contain_text("网站标识码：0000000000（演示）")
    expect(footer.get_by_role("link", name="浙ICP备20260001号-1（演示）")).to_have_attribute(
        "href", "https://beian.miit.gov.cn/"
    )
    expect(footer.get_by_role("link", name="浙公网安备00000000000000号（演示）")).to_have_attribute(
        "href", "https://beian.mps.gov.cn/"
    )
    expect(footer.get_by_role("link", name="我为政府网站找错")).to_have_attribute("href", "https://zfwzzc.www.gov.cn/")
    mark = footer.get_by_role("img", name="党政机关网站标识")
    expect(mark).to_be_visible()
    assert mark.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(footer.get_by_role("link", name="党政机关网站标识")).to_have_attribute("href", "https://bszs.conac.cn/")


def test_station_calendar_link_speaks_plainly(desktop, live_server, demo_site):
    from services.places.models import StationPage

    station = next(s for s in StationPage.objects.live() if s.activities.exists())
    page = desktop
    page.goto(live_server.url + station.url)
    expect(page.get_by_role("link", name="添加到日历")).to_have_attribute("href", station.ical_url())
    assert "iCal" not in page.locator("main").inner_text()


def test_an_old_chinese_news_address_leads_to_the_pinyin_one(desktop, live_server, demo_site):
    import importlib

    from django.apps import apps

    from home.models import NewsPage

    page = NewsPage.objects.live().first()
    parent = page.get_parent()
    NewsPage.objects.filter(pk=page.pk).update(slug=page.title, url_path=parent.url_path + page.title + "/")
    importlib.import_module("home.migrations.0003_news_ascii_slugs").ascii_slugs(apps, None)
    page.refresh_from_db()
    assert page.slug.isascii()
    desktop.goto(f"{live_server.url}/news/{page.title}/")
    assert desktop.url == f"{live_server.url}{page.url}"
    expect(desktop.get_by_role("heading", level=1)).to_have_text(page.title)
