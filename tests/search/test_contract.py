"""The contract every engine must meet: the same tests run against the embedded engine (SQLite here,
PostgreSQL through test_postgres.py) and against Elasticsearch where ELASTICSEARCH_URL is set."""

import re

import pytest

from search.analysis import fold
from search.engine import Near
from search.query import MAX_QUERY_CHARS
from tests.search.relevance_set import RANKINGS

BAD_INPUTS = [
    "",
    "网",
    "网" * 10_000,
    '" * ( ) : ^ AND OR NEAR -',
    'title:"网格" OR body:*',
    "NEAR(网格 管理, 2)",
    "1' OR '1'='1'; DROP TABLE search_searchentry; --",
    "😀🏠 网格 😀",
    "Ｗｉｆｉ 網格 abc-123 ⅷ",
    "\x00\x1f\u200b网格",
    "(((((((((((",
    "\\",
]


class EngineContract:
    """Mixin: subclasses provide the ``engine`` fixture."""

    @pytest.fixture
    def indexed(self, engine, corpus):
        engine.rebuild()
        return corpus

    def titles(self, results):
        return [hit.title for hit in results.hits]

    def test_two_character_word_finds_word_inside_longer_text(self, engine, indexed):
        results = engine.search("网格")
        assert "柳荫社区实行网格化管理" in self.titles(results)
        # Titles holding the word rank first (the bracketed-pinyin title counts once folded).
        assert "网格" in fold(results.hits[0].title) and "网格" in fold(results.hits[1].title)

    def test_traditional_and_simplified_are_the_same_word(self, engine, indexed):
        simplified = engine.search("党群服务中心")
        traditional = engine.search("黨群服務中心")
        assert self.titles(simplified) == self.titles(traditional)
        assert "黨群服務中心延長開放時間" in self.titles(simplified)

    def test_synonym_finds_the_canonical_term(self, engine, indexed):
        assert "黨群服務中心延長開放時間" in self.titles(engine.search("党群中心"))

    def test_bracketed_pinyin_is_stripped_before_indexing(self, engine, indexed):
        assert "网(wǎng)格员招募公告" in self.titles(engine.search("网格员"))

    def test_multi_word_query_needs_every_word(self, engine, indexed):
        results = engine.search("停车难 吹哨")
        assert self.titles(results) == ["柳荫街道吹哨报到解决停车难"]
        assert not results.relaxed

    def test_no_document_with_every_word_falls_back_to_some_words(self, engine, indexed):
        results = engine.search("驿站 不存在的词语组合")
        assert results.relaxed
        assert "小蜜蜂驿站为外卖骑手提供歇脚点" in self.titles(results)

    def test_title_match_ranks_above_body_match(self, engine, indexed):
        titles = self.titles(engine.search("驿站"))
        assert titles[0] == "小蜜蜂驿站为外卖骑手提供歇脚点"

    def test_snippet_is_escaped_and_marks_the_words(self, engine, indexed, corpus):
        results = engine.search("志愿者")
        snippet = str(results.hits[0].snippet)
        assert "<mark>志愿者</mark>" in snippet
        assert "<script" not in snippet

    def test_facets_count_types_categories_and_years(self, engine, indexed):
        results = engine.search("社区")
        facets = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
        assert facets["type"]["news"] == results.total
        assert sum(facets["year"].values()) == results.total
        assert set(facets["category"]) <= {"work", "notice", "community", "press"}

    def test_filters_narrow_results_and_keep_other_facet_counts(self, engine, indexed):
        everything = engine.search("社区")
        notices = engine.search("社区", filters={"category": "notice"})
        assert 0 < notices.total < everything.total
        category_counts = {v.value: v.count for v in notices.facets["category"]}
        assert category_counts["work"] >= 1  # the other categories stay visible with their counts
        assert all(v.selected == (v.value == "notice") for v in notices.facets["category"])

    def test_year_filter(self, engine, indexed):
        results = engine.search("社区", filters={"year": 2025})
        assert results.total >= 1
        assert all(hit.date is None or str(hit.date).startswith("2025") for hit in results.hits)

    def test_pagination_and_page_past_the_end(self, engine, indexed):
        first = engine.search("社区", per_page=2)
        second = engine.search("社区", page=2, per_page=2)
        assert first.num_pages >= 2
        assert not {h.key for h in first.hits} & {h.key for h in second.hits}
        beyond = engine.search("社区", page=999, per_page=2)
        assert beyond.hits == [] and beyond.total == first.total

    def test_single_character_matches_words_starting_with_it(self, engine, indexed):
        assert "柳荫社区实行网格化管理" in self.titles(engine.search("网"))

    @pytest.mark.parametrize("text", BAD_INPUTS)
    def test_bad_input_is_searched_as_its_plain_words(self, engine, indexed, text):
        """Query syntax of any engine is plain text: the hits are those of the words alone, cut at 100 characters."""
        words = " ".join(re.findall(r"[^\W_]+", text[:MAX_QUERY_CHARS]))
        results = engine.search(text)
        expected = engine.search(words) if words else None
        assert results.total == (expected.total if expected else 0)
        assert [h.key for h in results.hits] == ([h.key for h in expected.hits] if expected else [])
        assert engine.search(text, page=3).hits == []  # the small corpus has no third page
        assert isinstance(engine.suggest(text), list)

    def test_delete_and_reindex(self, engine, indexed, corpus):
        page = corpus["bee"]
        engine.delete(page)
        assert "小蜜蜂驿站为外卖骑手提供歇脚点" not in self.titles(engine.search("驿站"))
        assert engine.index(page)
        assert "小蜜蜂驿站为外卖骑手提供歇脚点" in self.titles(engine.search("驿站"))

    def test_suggest_by_prefix_pinyin_and_initials(self, engine, indexed):
        assert "网格" in engine.suggest("wangge")
        assert "网格" in engine.suggest("wg")
        assert any(s.startswith("网格") for s in engine.suggest("网格"))

    def test_results_and_counts_follow_every_write_at_once(self, engine, indexed, corpus, news_index):
        from tests.search.conftest import publish_news

        before = engine.search("网格")
        assert engine.search("网格").total == before.total  # the repeat is served from the cache
        page = publish_news(news_index, "grid-new", "望湖社区网格议事会成立", "", "网格议事会", "notice", "2026-06-01")
        engine.index(page)
        after = engine.search("网格")
        assert after.total == before.total + 1
        assert "望湖社区网格议事会成立" in self.titles(after)
        assert sum(v.count for v in after.facets["type"]) == after.total
        engine.delete(page)
        assert engine.search("网格").total == before.total
        assert "望湖社区网格议事会成立" not in self.titles(engine.search("网格"))

    def test_check_reports_drift(self, engine, indexed, corpus):
        assert engine.check().ok
        engine.delete(corpus["garbage"])
        report = engine.check()
        assert not report.ok and report.missing == [f"home.newspage:{corpus['garbage'].pk}"]

    def test_geo_filter_keeps_nearby_places_with_distance(self, engine, communities):
        engine.rebuild()
        results = engine.search("社区", near=Near(30.27, 120.15, 2.0))
        names = self.titles(results)
        assert set(names) == {"柳荫社区", "枫林社区"}
        assert results.hits[0].distance_km is not None and results.hits[0].distance_km < 2.0
        nearest = engine.search("", near=Near(30.27, 120.15, 2.0))
        assert self.titles(nearest)[0] == "柳荫社区"

    def test_editors_promoted_result_comes_first_for_its_query(self, engine, indexed, corpus):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        bee = "小蜜蜂驿站为外卖骑手提供歇脚点"
        assert self.titles(engine.search("网格"))[0] != bee
        SearchPromotion.objects.create(query=Query.get("网格"), page=corpus["bee"], sort_order=0)
        SearchPromotion.objects.create(
            query=Query.get("網格"),
            external_link_url="https://www.example.gov.cn/wangge",
            external_link_text="网格化服务管理条例",
            sort_order=1,
        )
        for typed in ("网格", "網格", " 网格 "):
            results = engine.search(typed)
            assert self.titles(results)[:2] == [bee, "网格化服务管理条例"]
            assert results.hits[0].promoted and results.hits[0].url == corpus["bee"].url
            assert self.titles(results).count(bee) == 1  # not repeated among the engine's own hits
        second = engine.search("网格", page=2, per_page=2)
        assert bee not in self.titles(second)
        assert self.titles(engine.search("驿站"))[0] == bee  # other queries keep their own order
        assert not any(hit.promoted for hit in engine.search("社区").hits)

    @pytest.fixture
    def relevance_pages(self, engine, news_index, django_capture_on_commit_callbacks):
        from tests.search.conftest import publish_news
        from tests.search.relevance_set import PAGES

        with django_capture_on_commit_callbacks(execute=False):
            for slug, title, summary, body, date in PAGES:
                publish_news(news_index, slug, title, summary, body, "work", date)
        engine.rebuild()

    @pytest.mark.parametrize("query", list(RANKINGS))
    def test_relevance_set_is_ranked_in_the_promised_order(self, engine, relevance_pages, query):
        assert self.titles(engine.search(query)) == RANKINGS[query]

    def test_health(self, engine, indexed):
        health = engine.health()
        assert health["ok"] is True and health["engine"] == engine.name


class TestEmbeddedEngine(EngineContract):
    @pytest.fixture
    def engine(self, embedded_engine):
        return embedded_engine


class TestElasticsearchEngine(EngineContract):
    @pytest.fixture
    def engine(self, elastic_engine):
        return elastic_engine
