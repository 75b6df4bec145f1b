"""The page shell on a phone: a menu that reaches every section, results in the first screen, no dead controls."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _new_page

pytestmark = pytest.mark.browser

SECTIONS = ["办事服务", "找站点", "典型案例", "党建品牌", "示范社区", "新闻动态", "我要反映", "微心愿"]


@pytest.mark.parametrize(
    ("width", "javascript"), [(320, False), (375, True), (1280, False)], ids=["320-no-js", "375", "1280-no-js"]
)
def test_every_main_section_is_reachable_and_visible(browser, live_server, demo_site, width, javascript):
    context, page = _new_page(browser, viewport={"width": width, "height": 640}, java_script_enabled=javascript)
    try:
        page.goto(live_server.url + "/")
        nav = page.get_by_role("navigation", name="主导航")
        menu = nav.locator("summary")
        if width < 768:
            expect(nav.get_by_role("link", name="微心愿")).to_be_hidden()
            expect(menu).to_have_text("菜单")
            menu.click()
        else:
            expect(menu).to_be_hidden()
        for label in SECTIONS:
            link = nav.get_by_role("link", name=label, exact=True)
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{label} is off screen: {box}"
            assert box["height"] >= 44, f"{label} is a small target: {box}"
        nav.get_by_role("link", name="微心愿").click()
        page.wait_for_url(re.compile(r"/wishes/$"))
    finally:
        context.close()


def test_search_results_start_in_the_first_screen_with_the_filters_folded(phone, live_server, demo_site):
    page = phone
    page.goto(live_server.url + "/search/?q=网格员")
    expect(page.locator("input[type=search]:visible")).to_have_count(1)  # no second search box
    first_hit = page.locator(".search-hit__title a").first
    box = first_hit.bounding_box()
    assert box["y"] + box["height"] <= 740, f"the first result is below the first screen: {box}"
    facets = page.locator(".search-facets")
    expect(facets.locator(".search-facet__list a").first).to_be_hidden()
    facets.locator("summary").click()
    expect(facets.locator(".search-facet__list a").first).to_be_visible()


def test_nearest_to_me_lands_on_the_sorted_list(browser, live_server, demo_site):
    context, page = _new_page(
        browser,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 30.2680, "longitude": 120.1650},
        permissions=["geolocation"],
    )
    try:
        page.goto(f"{live_server.url}/stations/")
        expect(page.get_by_label("站点类型")).to_be_hidden()  # the filters are folded on a phone
        page.get_by_role("button", name="离我最近").click()
        page.wait_for_url(re.compile(r"near=30\.268.*#station-results$"))
        expect(page.locator(".station-item__distance").first).to_be_in_viewport()
        assert page.evaluate("window.scrollY") > 200
    finally:
        context.close()


def test_without_javascript_no_control_is_shown_that_needs_it(browser, live_server, demo_site):
    from services.catalog.models import ServiceGuidePage
    from services.places.models import StationPage

    context, page = _new_page(browser, viewport={"width": 375, "height": 740}, java_script_enabled=False)
    pages = ["/", "/stations/", StationPage.objects.live().first().url, "/feedback/"]
    pages.append(ServiceGuidePage.objects.live().first().url)
    try:
        for path in pages:
            page.goto(live_server.url + path)
            dead = page.locator("button[type=button]:visible, [data-locate]:visible")
            assert dead.count() == 0, f"{path}: {dead.all_inner_texts()} do nothing without JavaScript"
    finally:
        context.close()
