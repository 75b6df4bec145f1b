"""The measurement matrix of issue 16: the residents' main page types at 375 px and 1280 px, in normal and
elderly mode — no failed request, no console error, no serious or critical axe violation (contrast, names,
target sizes …), no sideways scrolling, nothing that moves or refreshes by itself, and (at 1280 px, where
a keyboard is used) every link, button and field reached by Tab in order with a visible focus ring.
Every other public page type gets the keyboard walk too."""

import pytest

from tests.browser.accessibility import LAYOUT_PROBLEMS, MOVING_CONTENT, keyboard_problems
from tests.browser.conftest import PageProblems, _new_page, assert_accessible
from tests.browser.site_pages import PAGE_TYPES

pytestmark = pytest.mark.browser

MATRIX = ["home", "search", "stations", "station", "report form", "guide", "case", "figures"]

VIEWPORTS = {
    375: {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    1280: {"viewport": {"width": 1280, "height": 900}},
}


def settle(page):
    """Maps fetch their layers and markers after the page has loaded: wait for those requests to end."""
    if page.locator(".leaflet-container").count():
        page.wait_for_load_state("networkidle")
        # Then the map zooms to its markers (an animation) and redraws its clusters: let that end.
        page.wait_for_timeout(1000)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elderly"])
@pytest.mark.parametrize("width", [375, 1280])
def test_main_page_types_pass_the_matrix(browser, live_server, demo_site, width, elder):
    context, page = _new_page(browser, **VIEWPORTS[width])
    if elder:
        context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    problems = PageProblems(page)
    found = {}
    try:
        for page_type in (t for t in PAGE_TYPES if t.name in MATRIX):
            problems.clear()
            response = page.goto(live_server.url + page_type.path())
            settle(page)
            name = f"{page_type.name} ({'elderly' if elder else 'normal'}, {width} px)"
            assert response.status == 200, name
            assert ("elder" in (page.locator("html").get_attribute("class") or "")) is elder, name
            seen = page.evaluate(LAYOUT_PROBLEMS) + page.evaluate(MOVING_CONTENT)
            if width == 1280:
                seen += keyboard_problems(page)[0]
            try:
                assert_accessible(page, name)
            except AssertionError as error:
                seen.append(str(error))
            try:
                problems.assert_none(name)
            except AssertionError as error:
                seen.append(str(error))
            if seen:
                found[name] = seen
    finally:
        page.wait_for_load_state("networkidle")  # no request still running when the next test swaps the database
        context.close()
    assert not found, "\n".join(f"{name}: {seen}" for name, seen in found.items())


def test_every_public_page_type_is_usable_by_keyboard(browser, live_server, demo_site):
    context, page = _new_page(browser, **VIEWPORTS[1280])
    found = {}
    walked = 0
    try:
        for page_type in PAGE_TYPES:
            path = page_type.path()
            if page_type.admin or page_type.name in MATRIX or path.startswith("/admin/"):
                continue  # Wagtail's admin has keyboard tests of its own
            page.goto(live_server.url + path)
            settle(page)
            seen, count = keyboard_problems(page)
            assert count > 5, f"{page_type.name}: only {count} focusable elements found"
            walked += 1
            if seen:
                found[page_type.name] = seen
    finally:
        page.wait_for_load_state("networkidle")  # no request still running when the next test swaps the database
        context.close()
    assert walked >= 15
    assert not found, "\n".join(f"{name}: {seen}" for name, seen in found.items())
