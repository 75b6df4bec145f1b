"""Wagtail's own admin search goes through the Chinese analysis (search/wagtail_backend.py)."""

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = pytest.mark.django_db


def test_backend_is_the_chinese_subclass():
    assert type(get_search_backend()).__name__.startswith("Chinese")


def test_admin_finds_pages_by_a_two_character_word(admin_client, corpus):
    assert "柳荫社区实行网格化管理" in [p.title for p in Page.objects.search("网格")]
    assert "黨群服務中心延長開放時間" in [p.title for p in Page.objects.search("党群")]
    response = admin_client.get("/admin/pages/search/", {"q": "網格"})
    assert response.status_code == 200
    assert "柳荫社区实行网格化管理" in response.content.decode()


def test_snippets_are_found_too(django_capture_on_commit_callbacks):
    from search.models import SearchTerm

    with django_capture_on_commit_callbacks(execute=True):
        SearchTerm.objects.create(term="骑手加油站", synonyms="外卖驿站")
    assert "骑手加油站" in [t.term for t in get_search_backend().search("驿站", SearchTerm)]


def test_admin_page_search_finds_body_text_and_synonyms(admin_client, news_index):
    from tests.search.conftest import publish_news

    publish_news(
        news_index,
        "dibao",
        "困难家庭救助申请指南",
        "符合条件的家庭可申请最低生活保障。",
        "申请人携带身份证到社区事务受理中心办理，审核通过后按月发放生活补助。",
        "notice",
        "2026-04-01",
    )
    # A word only in the body, and a synonym (低保 = 最低生活保障) the text never spells out.
    for word in ("受理中心", "低保"):
        assert "困难家庭救助申请指南" in [p.title for p in Page.objects.search(word)], word
        response = admin_client.get("/admin/pages/search/", {"q": word})
        assert "困难家庭救助申请指南" in response.content.decode(), word


@pytest.mark.parametrize(
    "q", ["a", "网", "ab", "*", '"', "AND", "OR NEAR(", "-网格", "😀", "網(wǎng)", "x" * 300, "1' OR '1'='1"]
)
def test_admin_searches_answer_any_input(admin_client, corpus, q):
    for url in ("/admin/pages/search/", "/admin/snippets/search/searchterm/", "/admin/images/", "/admin/documents/"):
        response = admin_client.get(url, {"q": q})
        assert response.status_code == 200, (url, q)
