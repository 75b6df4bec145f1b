"""The embedded engine's shortcuts for large indexes give the results a resident would get without them."""

import pytest

import search.engine.embedded as embedded

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(embedded_engine, corpus):
    embedded_engine.rebuild()
    return corpus


def titles(results):
    return [hit.title for hit in results.hits]


def test_title_tier_for_common_words_keeps_the_first_page(embedded_engine, indexed, monkeypatch):
    if embedded_engine.vendor != "sqlite":
        pytest.skip("the title tier is an SQLite FTS5 shortcut")
    exact = embedded_engine.search("网格", per_page=2)
    monkeypatch.setattr(embedded, "TITLE_TIER_MIN", 0)  # treat every word as a common one
    monkeypatch.setattr(embedded, "RERANK_WINDOW", 2)
    tiered = embedded_engine.search("网格", per_page=2)
    assert tiered.total == exact.total
    assert set(titles(tiered)) == set(titles(exact))
    assert all("网格" in embedded.analysis.normalize(t) for t in titles(tiered))


def test_facet_counts_and_ranked_pages_are_cached_until_the_index_changes(embedded_engine, indexed, corpus):
    first = embedded_engine.search("社区")
    version = embedded_engine.version()
    again = embedded_engine.search("社区")
    assert titles(again) == titles(first) and again.total == first.total
    embedded_engine.delete(corpus["garbage"])
    assert embedded_engine.version() != version
    after = embedded_engine.search("社区")
    assert after.total == first.total - 1
    assert "垃圾分类桶前值守见成效" not in titles(after)
    assert sum(v.count for v in after.facets["year"]) == after.total
