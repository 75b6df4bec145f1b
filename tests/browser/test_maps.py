"""Maps as residents see them in production: markers, base map and tile settings (hashed static files)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, _new_page

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
