"""Past a few thousand matches PostgreSQL counts a sample: estimated counts, the same results, every page reachable.

Listing a match on PostgreSQL reads its row (a GIN index gives row addresses only), so a word in a
quarter of 100,000 documents cost 25 ms just to count. Past ``count_exact_max`` matches the
counts come from a sample spread evenly over the index (``_counted_ids``). These tests set the
threshold low on a small index: the estimate is shown as one, the first page is the one exact
counting gives, a rare filter value is counted exactly, and paging reaches every result even when
the estimate falls short. SQLite lists matches from its full-text index alone and always counts
exactly (the contract suite checks its counts).
"""

import datetime

import pytest
from django.core.cache import cache

from search.engine.embedded.base import estimate
from search.models import SearchEntry
from search.registry import PreparedDocument as Document
from search.results import SearchResults

pytestmark = pytest.mark.django_db

MATCHES = 640  # ten of each of the 64 sample buckets (the ids are consecutive)


def test_an_estimate_keeps_two_significant_figures():
    assert [estimate(n) for n in (0, 7, 16, 99, 123.4, 5049, 27431, 26813)] == [0, 7, 16, 99, 120, 5000, 27000, 27000]


def test_a_full_page_past_an_estimated_last_page_offers_the_next_one():
    estimated = SearchResults(query=None, total=20, page=2, per_page=10, hits=list(range(10)), total_estimated=True)
    exact = SearchResults(query=None, total=20, page=2, per_page=10, hits=list(range(10)))
    assert estimated.has_next and not exact.has_next
    last = SearchResults(query=None, total=20, page=3, per_page=10, hits=list(range(4)), total_estimated=True)
    assert not last.has_next


@pytest.fixture
def engine(embedded_engine):
    if embedded_engine.vendor != "postgresql":
        pytest.skip("counting a sample is PostgreSQL's (SQLite lists every match from its full-text index)")
    docs = []
    for n in range(MATCHES):
        guide = n % 40 == 0  # 16 guides among 624 news
        docs.append(
            Document(
                key=f"t:{n}",
                doc_type="guide" if guide else "news",
                model_label="test.doc",
                object_id=str(n),
                url=f"/d/{n}/",
                title=f"第{n}号驿站{'办理指南' if guide else '动态'}",
                body_text=f"驿站提供饮水和充电。{'材料清单' * (n % 7)}",
                community="柳荫社区" if n % 3 else "望湖社区",
                date=datetime.date(2020 + n % 5, 3, 1),
            )
        )
    embedded_engine.index_bulk(docs)
    return embedded_engine


def keys(results):
    return [hit.key for hit in results.hits]


def every_page(engine, q, per_page, **options):
    """The keys of every page, asking for the next page while the results say there is one."""
    found, page = [], 1
    while True:
        results = engine.search(q, page=page, per_page=per_page, **options)
        found += keys(results)
        if not results.has_next:
            return found
        page += 1


def test_many_matches_are_counted_from_a_sample_and_shown_as_an_estimate(engine, monkeypatch):
    exact = engine.search("驿站")
    assert exact.total == MATCHES and not exact.total_estimated and not exact.facets_estimated
    monkeypatch.setattr(engine, "count_exact_max", 64)
    monkeypatch.setattr(engine, "sample_size", 100)
    cache.clear()
    sampled = engine.search("驿站")
    assert sampled.total_estimated and sampled.facets_estimated
    assert abs(sampled.total - MATCHES) <= MATCHES // 10
    types = {v.value: v.count for v in sampled.facets["type"]}
    assert abs(types["news"] - 624) <= 62 and 8 <= types["guide"] <= 32
    assert keys(sampled) == keys(exact)  # the first page is the one exact counting gives
    assert [(h.key, h.score) for h in sampled.hits] == [(h.key, h.score) for h in exact.hits]


def test_a_rare_filter_value_is_counted_exactly(engine, monkeypatch):
    monkeypatch.setattr(engine, "count_exact_max", 64)
    monkeypatch.setattr(engine, "sample_size", 100)
    guides = engine.search("驿站", filters={"type": "guide"}, per_page=50)
    assert guides.total == 16 and not guides.total_estimated
    assert guides.facets_estimated  # the other types' counts still come from the sample
    assert len(guides.hits) == 16 and all(hit.doc_type == "guide" for hit in guides.hits)


def test_every_result_is_reached_when_the_estimate_falls_short(engine, monkeypatch):
    # Matches missing from the sample's first buckets make the estimate far too low.
    ids = dict(SearchEntry.objects.values_list("key", "id"))
    for key, entry_id in ids.items():
        if 4 <= entry_id % 64 < 10:
            engine.delete(key)
    remaining = MATCHES - 60
    whole = every_page(engine, "驿站", per_page=50)
    assert len(whole) == remaining
    monkeypatch.setattr(engine, "count_exact_max", 64)
    monkeypatch.setattr(engine, "sample_size", 100)
    cache.clear()
    first = engine.search("驿站", per_page=50)
    assert first.total_estimated and first.total < remaining // 2  # 40 of the sample's 100 buckets' worth
    paged = every_page(engine, "驿站", per_page=50)
    assert paged == whole  # the same order, nothing repeated, nothing missing
    beyond = engine.search("驿站", page=first.num_pages + 1, per_page=50)
    assert beyond.hits  # past the estimated last page the results go on


def test_the_page_and_the_api_say_the_counts_are_estimates(engine, client, monkeypatch):
    from search.engine.embedded.postgres import PostgresEngine

    monkeypatch.setattr(PostgresEngine, "count_exact_max", 64)
    monkeypatch.setattr(PostgresEngine, "sample_size", 100)
    html = client.get("/search/", {"q": "驿站"}).content.decode()
    assert "约 640 条结果（数量为估算）" in html
    assert "第 1 页，约 64 页" in html
    assert '<span class="search-count">约' in html
    body = client.get("/api/v1/search/", {"q": "驿站"}).json()
    assert body["total"] == 640 and body["total_estimated"] is True and body["facets_estimated"] is True
    exact = client.get("/api/v1/search/", {"q": "驿站", "type": "guide"}).json()
    assert exact["total"] == 16 and exact["total_estimated"] is False
    # Asked past the estimated last page, the page does not jump back to it.
    response = client.get("/search/", {"q": "驿站", "page": "65"})
    assert response.context["results"].page == 65
