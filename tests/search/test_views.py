"""The search page, the JSON API and suggestions, as a resident and an outside tool see them."""

import pytest

from search import stats as search_stats
from search.models import QueryStat

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(embedded_engine, corpus):
    embedded_engine.rebuild()
    return corpus


def test_search_page_shows_highlighted_results_type_chips_and_facets(client, indexed):
    response = client.get("/search/", {"q": "網格"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "柳荫社区实行<mark>网格</mark>化管理" in html
    assert '<nav class="search-types" aria-label="按类型筛选结果">' in html
    assert "search-facet" in html
    assert response["X-Robots-Tag"] == "noindex"


def test_search_page_type_filter_and_page_past_the_end(client, indexed):
    response = client.get("/search/", {"q": "社区", "type": "news", "page": "999"})
    assert response.status_code == 200
    assert response.context["results"].page == response.context["results"].num_pages
    assert response.context["results"].hits


def test_no_results_page_offers_suggestions_and_popular_searches(client, indexed):
    from search.models import SearchTerm

    SearchTerm.objects.filter(term="垃圾分类").update(show_as_popular=True)
    response = client.get("/search/", {"q": "wanggf"})
    html = response.content.decode()
    assert response.context["results"].total == 0
    assert "垃圾分类" in html and "search-popular" in html


def test_pure_pinyin_searches_the_suggested_word(client, indexed):
    response = client.get("/search/", {"q": "wangge"})
    html = response.content.decode()
    assert response.context["searched_for"].startswith("网格")
    assert response.context["results"].total > 0
    assert "您是不是要找“网格" in html
    assert "柳荫社区实行网格化管理" in [hit.title for hit in response.context["results"].hits]
    assert 'value="wangge"' in html  # the box keeps what was typed


def test_latin_words_without_a_pinyin_match_stay_empty(client, indexed):
    response = client.get("/search/", {"q": "qqqzzz"})
    assert response.context["results"].total == 0
    assert response.context["searched_for"] == ""


@pytest.mark.parametrize(
    "q", ["", "网", "网" * 10_000, '" * ( ) : ^ AND OR NEAR -', "1' OR 1=1 --", "😀", "網格 grid 123"]
)
def test_bad_input_on_the_page_never_fails(client, indexed, q):
    assert client.get("/search/", {"q": q, "page": "abc"}).status_code == 200


def test_api_contract(client, indexed):
    data = client.get("/api/v1/search/", {"q": "网格", "type": "news"}).json()
    assert data["total"] >= 2
    first = data["results"][0]
    assert set(first) >= {"title", "url", "type", "snippet", "score"}
    assert first["type"] == "news" and first["url"].startswith("http://")
    assert "<mark>" in first["snippet"]
    assert {"type", "category", "community", "year"} <= set(data["facets"])
    assert isinstance(data["took_ms"], float)


@pytest.mark.parametrize(
    "params, field",
    [
        ({"q": ""}, None),
        ({"q": "网格", "type": "video"}, "type"),
        ({"q": "网格", "page": "0"}, "page"),
        ({"q": "网格", "page": "x"}, "page"),
        ({"q": "网格", "year": "20x6"}, "year"),
        ({"q": "x", "near": "abc"}, "near"),
        ({"q": "x", "near": "95,120"}, "near"),
    ],
)
def test_api_rejects_bad_parameters_with_a_chinese_message(client, indexed, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["error"])
    if field:
        assert field in body["fields"]


def test_api_long_query_is_capped_and_page_past_end_is_empty(client, indexed):
    data = client.get("/api/v1/search/", {"q": "网格" * 3000}).json()
    assert data["query_truncated"] is True
    data = client.get("/api/v1/search/", {"q": "网格", "page": "50"}).json()
    assert data["results"] == [] and data["total"] > 0


def test_suggest_api_understands_pinyin_and_initials(client, indexed):
    assert "网格" in client.get("/api/v1/suggest/", {"q": "wangge"}).json()
    assert "网格" in client.get("/api/v1/suggest/", {"q": "wg"}).json()
    assert client.get("/api/v1/suggest/", {"q": ""}).json() == []
    assert client.get("/api/v1/suggest/", {"q": '"*()'}).status_code == 200


def test_queries_are_counted_without_personal_data(client, indexed, admin_client):
    client.get("/search/", {"q": "网格"})
    client.get("/api/v1/search/", {"q": "网格"})
    client.get("/search/", {"q": "不存在的事项"})
    assert not QueryStat.objects.exists()  # counted in memory: the searches wrote nothing
    search_stats.flush()
    stats = {s.query: s for s in QueryStat.objects.all()}
    assert stats["网格"].searches == 2 and stats["网格"].zero_results == 0
    assert stats["不存在的事项"].zero_results == 1
    assert {f.name for f in QueryStat._meta.fields} == {"id", "day", "query", "searches", "zero_results", "last_total"}
    report = admin_client.get("/admin/search-report/").content.decode()
    assert "不存在的事项" in report and "网格" in report


def test_editors_manage_the_dictionary_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/search/searchterm/")
    assert response.status_code == 200 and "党群服务中心" in response.content.decode()


def test_health_reports_the_engine(client, indexed):
    data = client.get("/healthz").json()
    assert data["checks"]["search"]["ok"] is True
    assert data["checks"]["search"]["engine"] == "embedded"
