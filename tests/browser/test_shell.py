"""The page shell in a real browser: phone and desktop, navigation, news, elderly mode, 404, accessibility."""

import pathlib

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = pathlib.Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "home.png"


def test_home_page_on_a_phone_navigates_to_a_news_article(live_server, demo_site, phone):
    phone.goto(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "zh-Hans"
    assert phone.title().endswith("云溪区党群服务门户")
    # No horizontal scrolling at 375 px.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(phone, "home (phone)")
    nav = phone.get_by_role("navigation", name="主导航")
    nav.get_by_text("菜单").click()  # the sections fold behind a menu button on a phone
    nav.get_by_role("link", name="新闻动态").click()
    phone.wait_for_url("**/news/")
    assert phone.get_by_role("heading", level=1).inner_text() == "新闻动态"
    assert_accessible(phone, "news list (phone)")
    phone.locator(".news-card__title a").first.click()
    assert phone.locator("article h1").is_visible()
    assert phone.locator("script[type='application/ld+json']").count() == 1
    assert_accessible(phone, "news article (phone)")


def test_skip_link_moves_focus_to_main(live_server, demo_site, desktop):
    desktop.goto(live_server.url + "/news/")
    desktop.keyboard.press("Tab")
    skip = desktop.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("location.hash") == "#main"


def test_elderly_mode_enlarges_text_and_targets_and_is_remembered(live_server, demo_site, phone):
    phone.goto(live_server.url + "/news/")
    normal_size = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    phone.get_by_role("link", name="长辈模式").click()
    phone.wait_for_url("**/news/")
    elder_size = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert elder_size >= 18 and elder_size > normal_size
    phone.locator(".main-nav summary").click()
    nav_height = phone.evaluate("document.querySelector('.main-nav__list a').getBoundingClientRect().height")
    assert nav_height >= 60
    assert_accessible(phone, "news list (elderly mode)")
    # Remembered on the next visit, and switched off again by the same kind of link.
    phone.goto(live_server.url + "/")
    assert phone.locator("html").get_attribute("class") == "elder"
    phone.get_by_role("link", name="标准模式").click()
    phone.wait_for_url("**/")
    assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == normal_size


def test_desktop_home_page_and_screenshot_for_the_readme(live_server, demo_site, desktop):
    desktop.goto(live_server.url + "/")
    nav_links = desktop.get_by_role("navigation", name="主导航").get_by_role("link")
    assert nav_links.count() == 8
    assert desktop.locator(".site-footer").get_by_text("服务热线").is_visible()
    assert_accessible(desktop, "home (desktop)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000


def test_404_page_in_the_browser(live_server, demo_site, phone):
    response = phone.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert phone.get_by_role("heading", level=1).inner_text() == "抱歉，找不到这个页面"
    assert_accessible(phone, "404")


def test_pages_load_nothing_from_other_hosts(live_server, demo_site, desktop):
    requested = []
    desktop.on("request", lambda request: requested.append(request.url))
    for path in ("/", "/news/"):
        desktop.goto(live_server.url + path)
    foreign = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert foreign == []


def test_narrowest_phone_and_print_layout(live_server, demo_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="zh-CN")
    page = context.new_page()
    try:
        for path in ("/", "/news/"):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        page.goto(live_server.url + "/news/")
        page.locator(".news-card__title a").first.click()
        page.emulate_media(media="print")
        assert not page.locator(".site-header").is_visible()
        assert not page.locator(".site-footer").is_visible()
        assert page.locator("article h1").is_visible()
    finally:
        context.close()
