"""Search in a real browser: a resident on a phone searches from the header, filters, opens a result."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed_demo(demo_site):
    """The demo content with the search index built from it (the index lives in the same database)."""
    from search.engine import get_engine

    assert get_engine().rebuild() > 100
    return demo_site


def test_phone_user_searches_in_traditional_script_filters_by_type_and_opens_a_guide(live_server, indexed_demo, phone):
    phone.goto(live_server.url + "/news/")
    box = phone.locator("#site-search-q")
    box.click()
    # Suggestions appear while typing, Traditional script folded to Simplified.
    box.press_sequentially("網格", delay=60)
    suggestions = phone.get_by_role("listbox", name="搜索建议")
    suggestions.wait_for(state="visible")
    expect(suggestions.get_by_role("option").first).to_have_text("网格")  # the list for the whole word
    offered = suggestions.get_by_role("option").all_inner_texts()
    assert offered[0] == "网格" and all("网格" in text for text in offered), offered
    assert box.get_attribute("aria-expanded") == "true"

    # Another word, submitted with the keyboard's Enter.
    box.fill("")
    box.press_sequentially("證明", delay=60)
    suggestions.wait_for(state="visible")
    box.press("Enter")
    phone.wait_for_url(re.compile(r"/search/\?q="))
    assert phone.get_by_role("heading", level=1).inner_text() == "“證明”的搜索结果"
    assert re.search(r"共找到 \d+ 条结果", phone.locator(".search-page__status").inner_text())
    # Matched words are highlighted in titles and snippets, in Simplified script.
    assert "证明" in phone.locator(".search-hit mark").first.inner_text()
    assert phone.locator(".search-hit__snippet mark").count() >= 1
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(phone, "search results (phone)")

    # Only service guides.
    types = phone.get_by_role("navigation", name="按类型筛选结果")
    guides_chip = types.get_by_role("link", name=re.compile("^服务指南"))
    expected = int(guides_chip.locator(".search-count").inner_text())
    guides_chip.click()
    phone.wait_for_url(re.compile(r"type=guide"))
    assert types.get_by_role("link", name=re.compile("^服务指南")).get_attribute("aria-current") == "true"
    tags = phone.locator(".search-hit .tag").all_inner_texts()
    assert tags and set(tags) == {"服务指南"}
    assert f"共找到 {expected} 条结果" in phone.locator(".search-page__status").inner_text()

    # Open the first result: the guide's own page.
    first = phone.locator(".search-hit__title a").first
    title = first.inner_text().strip()
    first.click()
    phone.wait_for_load_state()
    assert "/search/" not in phone.url
    assert phone.get_by_role("heading", level=1).first.inner_text().strip() == title


def test_pinyin_search_finds_the_suggested_word_and_says_so(live_server, indexed_demo, phone):
    phone.goto(live_server.url + "/search/?q=wangge")
    assert "您是不是要找“网格" in phone.locator(".search-page").inner_text()
    assert_accessible(phone, "pinyin fallback page (phone)")
    assert phone.locator(".search-hit").count() >= 1
    assert phone.locator(".search-hit mark").first.inner_text() == "网格"
    phone.goto(live_server.url + "/search/?q=居注证")
    assert "您是不是要找“居住证”" in phone.locator(".search-page").inner_text()
    assert phone.locator(".search-hit__title").first.inner_text().strip() == "居住证申领"
    assert_accessible(phone, "typo correction page (phone)")
    phone.get_by_role("link", name="仍然搜索“居注证”").click()
    assert "您是不是要找" not in phone.locator(".search-page").inner_text()
    phone.goto(live_server.url + "/search/?q=qqqzzz")
    assert "没有找到" in phone.locator(".search-page__status").inner_text()
