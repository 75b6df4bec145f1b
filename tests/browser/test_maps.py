"""Maps as residents see them in production: markers, base map and tile settings (hashed static files)."""

import pathlib
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, _new_page
from tests.support.two_factor import browser_admin_login

pytestmark = pytest.mark.browser

LOADED_IMAGES = """imgs => imgs.map(img => [img.currentSrc || img.src, img.complete && img.naturalWidth > 0])"""


def marker_images(page, selector):
    """(url, loaded) for every marker and shadow image Leaflet put in the map."""
    return page.locator(f"{selector} img.leaflet-marker-icon, {selector} img.leaflet-marker-shadow").evaluate_all(
        LOADED_IMAGES
    )


@pytest.mark.parametrize("scale", [1, 2], ids=["screen", "retina"])
def test_markers_load_on_every_map_page(browser, live_server, demo_site, production_static, scale):
    from services.places.models import StationPage

    context, page = _new_page(browser, viewport={"width": 1280, "height": 900}, device_scale_factor=scale)
    problems = PageProblems(page)
    try:
        station = StationPage.objects.live().order_by("path").first()
        page.goto(f"{live_server.url}{station.url}")
        expect(page.locator(".station-map--small img.leaflet-marker-icon")).to_have_count(1)
        page.wait_for_load_state("networkidle")
        images = marker_images(page, ".station-map--small")
        assert len(images) == 2 and all(loaded for _url, loaded in images), images
        assert all("/static/vendor/leaflet/images/marker-" in url for url, _loaded in images), images
        problems.assert_none("on a station page")

        page.goto(f"{live_server.url}/stations/?kind=driver")
        expect(page.locator("#station-map")).to_have_attribute("data-loaded", "5")
        page.wait_for_load_state("networkidle")
        images = marker_images(page, "#station-map")
        assert images and all(loaded for _url, loaded in images), images
        problems.assert_none("on the station map")

        page.goto(f"{live_server.url}/feedback/")
        pin_map = page.locator("[data-pin-map]")
        pin_map.scroll_into_view_if_needed()
        pin_map.click(position={"x": 150, "y": 100})
        expect(pin_map.locator("img.leaflet-marker-icon")).to_have_count(1)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-pin-map] img')].every(i => i.complete && i.naturalWidth)"
        )
        assert re.fullmatch(r"-?\d+\.\d{6}", page.locator("#id_latitude").input_value())
        problems.assert_none("on the report form's pin map")
    finally:
        context.close()


SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BASE_FEATURES = str(9 + 36 + 8)  # the demo's communities, grids and main roads


def wait_for_base(page, selector):
    expect(page.locator(selector)).to_have_attribute("data-base-features", BASE_FEATURES)


def test_offline_base_map_orients_residents_and_grids_lead_to_their_worker(desktop, live_server, demo_site):
    from services.places.models import StationPage

    page = desktop
    problems = PageProblems(page)
    page.goto(f"{live_server.url}/stations/")
    wait_for_base(page, "#station-map")
    expect(page.locator("#station-map .map-label--community")).to_have_count(9)
    expect(page.locator("#station-map .map-label--community", has_text="柳荫社区")).to_be_visible()
    expect(page.locator("#station-map .map-label--road", has_text="望湖路")).to_be_visible()
    expect(page.locator("[data-map-note]")).to_be_hidden()  # no "no base map" excuse any more
    page.wait_for_timeout(800)  # let the fitted view and clusters settle before the picture
    page.locator("#station-map").screenshot(path=str(SCREENSHOTS / "station-map.png"))
    problems.assert_none("on the station map")

    station = StationPage.objects.live().get(title="柳荫社区党群服务中心")
    page.goto(f"{live_server.url}{station.url}")
    small_map = page.locator(".station-map--small")
    wait_for_base(page, ".station-map--small")
    expect(small_map.locator(".map-label--grid").first).to_be_visible()  # zoomed in: grid names show
    small_map.screenshot(path=str(SCREENSHOTS / "station-page-map.png"))
    # A tap beside the station opens that grid's card: its section of the community page and its worker.
    small_map.click(position={"x": 120, "y": 60})
    popup = small_map.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("网格员：")
    section = popup.get_by_role("link", name=re.compile(r"^柳荫社区 · 第.网格$"))
    href = section.get_attribute("href")
    assert re.fullmatch(r"/community/liuyin/#grid-\d+", href), href
    expect(popup.get_by_role("link", name="查看网格员联系方式")).to_have_attribute(
        "href", re.compile(r"^/grid-worker/\?grid=\d+$")
    )
    section.click()
    page.wait_for_url(re.compile(r"/community/liuyin/#grid-\d+$"))
    expect(page.locator("th:target")).to_contain_text("网格")
    problems.assert_none("on a station page and the community page")


def test_a_configured_tile_server_is_used_with_its_attribution_and_review_number(desktop, live_server, demo_site):
    from wagtail.models import Site

    from services.places.models import MapSettings, StationPage

    settings = MapSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tile_url = "http://127.0.0.1:9/tianditu/{z}/{x}/{y}.png"  # nothing answers here
    settings.tile_attribution = "天地图 © 国家地理信息公共服务平台"
    settings.map_review_number = "GS(2024)0568号"
    settings.save()
    tiles = []
    page = desktop
    page.on("request", lambda r: "/tianditu/" in r.url and tiles.append(r.url))
    page.goto(live_server.url + StationPage.objects.live().first().url)
    attribution = page.locator(".station-map--small .leaflet-control-attribution")
    expect(attribution).to_have_text("天地图 © 国家地理信息公共服务平台 · 审图号：GS(2024)0568号")
    wait_for_base(page, ".station-map--small")  # the district's outlines still drawn over the tiles
    assert tiles and all(re.search(r"^http://127.0.0.1:9/tianditu/\d+/\d+/\d+\.png$", url) for url in tiles), tiles


def test_editor_draws_a_grid_outline_in_the_admin(desktop, live_server, demo_site, django_user_model):
    from services.places.models import Grid

    django_user_model.objects.create_superuser("outliner", "outliner@example.cn", "pw-outliner-123")
    grid = Grid.objects.get(code="YX-LIUYIN-01")
    page = desktop
    browser_admin_login(page, live_server.url, "outliner", "pw-outliner-123")
    page.goto(f"{live_server.url}/admin/snippets/places/grid/edit/{grid.pk}/")
    drawer = page.locator("[data-boundary-drawer]")
    drawer.scroll_into_view_if_needed()
    corners = len(grid.boundary["coordinates"][0]) - 1
    expect(drawer).to_have_attribute("data-points", str(corners))  # the demo's outline is drawn
    drawer.get_by_role("button", name="清除图形").click()
    canvas = drawer.locator(".map-picker__map")
    for x, y in [(150, 80), (300, 90), (260, 220)]:
        canvas.click(position={"x": x, "y": y})
    expect(drawer).to_have_attribute("data-points", "3")
    page.locator("button[type=submit]:not([name])", has_text="保存").first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/places/grid/$"))
    grid.refresh_from_db()
    ring = grid.boundary["coordinates"][0]
    assert grid.boundary["type"] == "Polygon" and len(ring) == 4 and ring[0] == ring[-1]
    assert all(30.1 < lat < 30.45 and 119.95 < lng < 120.35 for lng, lat in ring)
