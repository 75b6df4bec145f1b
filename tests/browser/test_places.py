"""A delivery rider on a phone finds an open 小蜜蜂驿站 on the map and opens its page."""

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.conftest import _new_page, assert_accessible
from tests.support.two_factor import browser_admin_login

pytestmark = pytest.mark.browser


def wait_for_map_to_settle(page, timeout_ms=10_000):
    """Wait until no zoom or cluster animation runs and the markers have kept their place for 0.6 s."""
    page.wait_for_function(
        "() => !document.querySelector('#station-map .leaflet-zoom-anim, #station-map .leaflet-cluster-anim')",
        timeout=timeout_ms,
    )
    markers = page.locator("#station-map .leaflet-marker-icon")
    previous = None
    for _ in range(timeout_ms // 300):
        current = markers.evaluate_all("icons => icons.map(icon => icon.outerHTML).join()")
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(300)


def test_rider_filters_open_bee_stations_taps_a_marker_and_opens_the_page(phone, live_server, demo_site):
    page = phone
    page.goto(f"{live_server.url}/stations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("服务站点")
    page.locator(".station-filters summary").click()  # the filters are folded on a phone
    page.get_by_label("站点类型").select_option(label="小蜜蜂驿站（骑手驿站）")
    page.get_by_label("开放中").check()
    page.get_by_role("button", name="查看站点").click()
    page.wait_for_url(re.compile(r"kind=rider.*open_now=1"))

    count = page.locator(".result-count")
    expect(count).to_contain_text("现在开放")
    listed = page.locator(".station-item")
    assert listed.count() >= 6  # at least the 24-hour bee stations
    for kind in listed.locator(".tag").all_inner_texts():
        assert kind == "小蜜蜂驿站（骑手驿站）"
    for state in page.locator(".station-item .status__state").all_inner_texts():
        assert state in {"开放中", "即将关闭"}

    # The map shows the same stations; clusters open on tap until a single marker is visible.
    map_box = page.locator("#station-map")
    expect(map_box).to_have_attribute("data-loaded", str(listed.count()))
    wait_for_map_to_settle(page)  # axe on markers that Leaflet is replacing reports phantom overlaps
    assert_accessible(page, "/stations/ filtered on a phone, map loaded")
    marker = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    clusters = page.locator(".marker-cluster")
    popup_link = page.locator(".leaflet-popup-content a")
    titles = set()
    # Leaflet re-renders markers and clusters whenever a zoom animation ends (after the map fits
    # the stations, after a tapped cluster zooms in), so any element may be replaced under the
    # finger: keep tapping what is there, a cluster or a marker, until a marker's popup is open.
    for _attempt in range(30):
        if popup_link.is_visible():
            break
        with contextlib.suppress(PlaywrightTimeoutError):
            if marker.count():
                titles.add(marker.first.get_attribute("title", timeout=2000))
                marker.first.tap(timeout=2000)
                popup_link.wait_for(state="visible", timeout=2000)
            elif clusters.count():
                clusters.first.tap(timeout=2000)
        page.wait_for_timeout(500)
    expect(popup_link).to_be_visible()
    titles.update(marker.evaluate_all("markers => markers.map(m => m.title)"))
    assert titles and all(re.search(r"（(开放中|即将关闭)[^）]*）$", t) for t in titles), titles
    station_name = popup_link.inner_text()
    assert station_name in listed.locator(".station-item__title").all_inner_texts()
    assert any(t.startswith(station_name) for t in titles)

    popup_link.tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(station_name)
    expect(page.locator(".station__status .status__state")).to_have_text(re.compile("开放中|即将关闭"))
    expect(page.locator(".hours-table tr.is-today")).to_have_count(1)
    expect(page.get_by_role("link", name="报告此站点信息有误")).to_have_attribute(
        "href", re.compile(r"^/feedback/\?station=\d+$")
    )
    expect(page.locator(".station-map--small .leaflet-marker-icon")).to_have_count(1)
    assert_accessible(page, "station page")


def test_nearest_to_me_uses_geolocation_and_shows_distances(browser, live_server, demo_site):
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
        page.get_by_role("button", name="离我最近").click()
        page.wait_for_url(re.compile(r"near=30\.268"))
        expect(page.get_by_role("heading", name="由近到远")).to_be_visible()
        distances = page.locator(".station-item__distance").all_inner_texts()
        assert distances and distances[0].startswith("距离")
        first = page.locator(".station-item__title").first.inner_text()
        assert "望湖" in first  # the picked point is the 望湖社区 service centre
    finally:
        context.close()


def test_without_javascript_the_list_works_and_no_tiles_are_needed(browser, live_server, demo_site):
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{live_server.url}/stations/?from=liuyin")
        expect(page.locator("[data-map-section]")).to_be_hidden()
        expect(page.locator(".station-item").first).to_be_visible()
        assert page.locator(".station-item").count() == 61
        assert all(url.startswith(live_server.url) for url in requests), "no external resources"
    finally:
        context.close()


def test_elderly_mode_find_my_grid_worker(phone, live_server, demo_site):
    page = phone
    page.goto(f"{live_server.url}/grid-worker/")
    page.get_by_role("link", name="长辈模式").click()
    expect(page.locator("html")).to_have_class(re.compile("elder"))
    page.get_by_role("link", name="柳荫街道").click()
    page.get_by_role("link", name="柳荫社区").click()
    page.get_by_role("link", name=re.compile("第一网格")).click()
    expect(page.locator(".worker__phone").first).to_have_attribute("href", re.compile(r"^tel:0571"))
    box = page.locator(".worker__phone").first.bounding_box()
    assert box["height"] >= 60  # elderly-mode touch target
    expect(page.locator(".roster")).to_contain_text("网格第一书记")
    expect(page.locator(".grid-rating")).to_contain_text("星网格")
    assert_accessible(page, "grid worker result, elderly mode")


def test_editor_places_a_station_with_the_admin_map_picker(desktop, live_server, demo_site, django_user_model):
    from services.places.models import StationIndexPage

    django_user_model.objects.create_superuser("mapeditor", "editor@example.cn", "pw-editor-123")
    index = StationIndexPage.objects.get()
    page = desktop
    browser_admin_login(page, live_server.url, "mapeditor", "pw-editor-123")
    page.goto(f"{live_server.url}/admin/pages/add/places/stationpage/{index.pk}/")
    map_box = page.locator(".map-picker__map.leaflet-container")
    expect(map_box).to_be_visible()
    map_box.scroll_into_view_if_needed()
    map_box.click(position={"x": 200, "y": 120})
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert 30.1 < latitude < 30.45 and 119.95 < longitude < 120.35
    expect(page.locator(".map-picker .leaflet-marker-icon")).to_have_count(1)
    # Coordinates copied from a GCJ-02 map are shifted back by a few hundred metres.
    page.locator("#id_latitude").fill("30.270000")
    page.locator("#id_longitude").fill("120.150000")
    page.get_by_role("button", name="将已填写的 GCJ-02 坐标转换为 WGS-84").click()
    converted = (float(page.locator("#id_latitude").input_value()), float(page.locator("#id_longitude").input_value()))
    from portal.ground import geo

    assert 300 < geo.haversine_m(30.27, 120.15, *converted) < 700
    back = geo.wgs84_to_gcj02(*converted)
    assert geo.haversine_m(*back, 30.27, 120.15) < 1


def test_community_page_four_levels_is_accessible(desktop, live_server, demo_site):
    page = desktop
    page.goto(f"{live_server.url}/community/liuyin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("柳荫社区")
    tree = page.locator(".org-tree")
    expect(tree.locator(".org-tree__level--2")).to_have_count(4)
    expect(tree.locator(".org-tree__level--4").first).to_contain_text("**")
    expect(page.locator(".roster-card")).to_have_count(4)
    expect(page.locator(".committee__chair")).to_contain_text("本月轮值主席")
    assert_accessible(page, "community page")


def test_map_stays_usable_when_the_tile_server_is_unreachable(phone, live_server, demo_site):
    from wagtail.models import Site

    from services.places.models import MapSettings

    settings = MapSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tile_url = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"  # nothing listens on the discard port
    settings.save()
    page = phone
    page.goto(f"{live_server.url}/stations/?kind=driver")
    expect(page.locator("[data-map-note]")).to_have_text("地图底图暂时无法加载，站点标记和列表仍可正常使用。")
    expect(page.locator("#station-map")).to_have_attribute("data-loaded", "5")
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(page.locator(".station-item")).to_have_count(5)
