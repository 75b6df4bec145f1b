"""A department user tours the showcase: model community → brand → case → print view; figures dashboard."""

import pytest

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_model_community_to_brand_to_case_to_print_view(desktop, live_server, demo_site):
    page = desktop
    page.goto(f"{live_server.url}/communities/")
    assert_accessible(page, "model community index")
    page.get_by_role("link", name="柳荫社区", exact=True).click()
    page.wait_for_url("**/communities/liuyin/")
    assert page.get_by_role("heading", name="四级党组织体系").is_visible()
    assert page.locator(".key-figure").count() == 4, "households, residents, grids, party members"
    assert_accessible(page, "model community page")

    page.get_by_role("link", name="红色物业", exact=True).click()
    page.wait_for_url("**/brands/hongse-wuye/")
    assert page.get_by_text("党建引领物业，服务温暖到家").is_visible()
    assert_accessible(page, "brand page")

    page.get_by_role("link", name="“红色物业”破解老旧小区“三无”难题").click()
    page.wait_for_url("**/cases/hongse-wuye-sanwu-xiaoqu/")
    figure = page.locator(".change-figure").first
    assert "526 → 66" in figure.inner_text() and "下降 87.5%" in figure.inner_text()
    assert_accessible(page, "case page")

    page.get_by_role("link", name="打印版").click()
    page.wait_for_url("**/cases/hongse-wuye-sanwu-xiaoqu/print/")
    assert page.locator(".main-nav").count() == 0
    assert page.get_by_role("button", name="打印").is_visible(), "the print button appears once scripts run"
    assert "526 → 66，下降 87.5%" in page.locator("table.print-figures").inner_text()
    assert_accessible(page, "print view")
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="返回案例页面").is_visible(), "the toolbar is not printed"


def test_figures_dashboard_on_a_phone_in_elderly_mode(phone, live_server, demo_site):
    page = phone
    page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    page.goto(f"{live_server.url}/figures/")
    assert page.locator("html.elder").count() == 1
    assert page.locator("svg.bar-chart").count() >= 5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "nothing overflows the phone screen"
    assert_accessible(page, "figures dashboard")
