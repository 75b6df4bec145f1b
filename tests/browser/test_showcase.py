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
    assert "19 → 3" in figure.inner_text() and "下降 84.2%" in figure.inner_text()
    assert_accessible(page, "case page")

    page.get_by_role("link", name="打印版").click()
    page.wait_for_url("**/cases/hongse-wuye-sanwu-xiaoqu/print/")
    assert page.locator(".main-nav").count() == 0
    assert page.get_by_role("button", name="打印").is_visible(), "the print button appears once scripts run"
    text = page.locator("main").inner_text()
    assert text.count("19 → 3") == 1 and "下降 84.2%" in text, "key figures are printed once, under 取得成效"
    assert_accessible(page, "print view")
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="返回案例页面").is_visible(), "the toolbar is not printed"


def test_figures_dashboard_on_a_phone_in_elderly_mode(phone, live_server, demo_site):
    page = phone
    page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    page.goto(f"{live_server.url}/figures/")
    assert page.locator("html.elder").count() == 1
    assert page.locator(".bar-chart").count() >= 5
    sizes = page.locator(".bar-chart__label").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 14, "chart labels are readable text on a phone"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "nothing overflows the phone screen"
    assert_accessible(page, "figures dashboard")


def _station_total(page):
    """Stations shown on the interactive map: single markers plus the stations inside clusters."""
    singles = page.locator(".community-map__marker").count()
    clustered = sum(int(text.split()[0]) for text in page.locator(".community-map__cluster").all_inner_texts())
    return singles + clustered


def test_model_community_stations_on_a_map_when_no_tile_server_answers(desktop, live_server, demo_site):
    from wagtail.models import Site

    from services.places.models import MapSettings

    settings = MapSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tile_url = f"{live_server.url}/unreachable-tiles/{{z}}/{{x}}/{{y}}.png"
    settings.save()
    page = desktop
    page.route("**/unreachable-tiles/**", lambda route: route.abort("connectionrefused"))
    page.goto(f"{live_server.url}/communities/liuyin/")

    listed = page.locator(".station-list li")
    count = listed.count()
    assert count >= 2, "the demo community has several stations"
    page.locator(".community-map__marker").first.wait_for()
    assert _station_total(page) == count, "one marker per station of the list"
    first_name = listed.first.locator("a").inner_text()
    first_marker = page.get_by_role("button", name=f"1. {first_name}")
    assert first_marker.is_visible(), "markers carry the numbers and names of the list"
    page.get_by_text("地图底图暂时无法加载").wait_for()
    assert not page.locator("[data-station-sketch]").is_visible(), "the sketch gives way to the map"
    assert listed.count() == count and listed.first.is_visible(), "the list stays"
    assert_accessible(page, "model community page with its station map")

    first_marker.click()
    assert page.locator(".leaflet-popup").get_by_role("link").inner_text() == first_name


def test_model_community_without_javascript_keeps_the_sketch_and_the_list(browser, live_server, demo_site):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/communities/liuyin/")
    count = page.locator(".station-list li").count()
    assert page.locator("[data-station-sketch]").is_visible()
    assert page.locator(".station-map__marker").count() == count
    assert not page.locator("[data-community-map]").is_visible()
    context.close()


def test_department_league_table_on_a_phone(phone, live_server, demo_site):
    page = phone
    page.goto(f"{live_server.url}/figures/")
    page.get_by_role("link", name="晾晒评议：部门").click()
    page.wait_for_url("**/figures/departments/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("部门晾晒评议")
    table = page.locator("table.league__table")
    assert table.locator("tbody tr").count() == 9, "every department of the demo is listed"
    assert table.locator("tbody tr").first.locator("td").first.inner_text() == "1"
    assert page.locator(".bar-chart__row").count() >= 2
    assert page.get_by_text("少于5件").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the wide table scrolls inside its own box, the page does not"
    assert_accessible(page, "department league table")
    # Step back one period, then pick a quarter: plain links, no script needed.
    page.get_by_role("link", name="上一期", exact=False).click()
    page.wait_for_url("**/figures/departments/?period=*")
    assert page.locator("table.league__table tbody tr").count() == 9
    page.locator(".league__links a", has_text="季度").first.click()
    page.wait_for_url("**period=*-Q*")
    assert "季度" in page.get_by_role("heading", level=1).inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载本表（CSV）").click()
    assert download.value.suggested_filename.startswith("departments-")
