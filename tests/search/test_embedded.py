"""The embedded engine's shortcuts for large indexes give the results a resident would get without them."""

import pytest
from django.core.cache import cache

from search import analysis
from search.models import SearchEntry


def make_doc(n, title, body, kind="page", prefix="t", **place):
    """A document for the engine alone (no model behind it), keyed ``prefix:n``; ``place`` is lat and lng."""
    from search.registry import PreparedDocument

    return PreparedDocument(
        key=f"{prefix}:{n}",
        doc_type=kind,
        model_label=f"test.{kind}",
        object_id=str(n),
        url=f"/{kind}/{n}/",
        title=title,
        body_text=body,
        **place,
    )


pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(embedded_engine, corpus):
    embedded_engine.rebuild()
    return corpus


def titles(results):
    return [hit.title for hit in results.hits]


def test_title_tier_for_common_words_keeps_the_first_page(embedded_engine, indexed, monkeypatch):
    exact = embedded_engine.search("网格", per_page=2)
    monkeypatch.setattr(embedded_engine, "title_tier_min", 0, raising=False)  # treat every word as a common one
    monkeypatch.setattr(embedded_engine, "rerank_window", 2)
    cache.clear()  # or the window ranked above would be served again
    tiered = embedded_engine.search("网格", per_page=2)
    assert tiered.total == exact.total
    assert set(titles(tiered)) == set(titles(exact))
    assert all("网格" in analysis.normalize(t) for t in titles(tiered))


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


def test_facet_map_after_a_write_reads_only_the_changed_rows(embedded_engine, indexed, corpus, monkeypatch):
    from search import registry

    before = embedded_engine.search("网格")
    assert {v.value for v in before.facets["category"]} >= {"work"}
    reads = []
    batches = embedded_engine._row_batches
    monkeypatch.setattr(embedded_engine, "_row_batches", lambda sql, params: reads.append(sql) or batches(sql, params))
    page = corpus["pinyin"]
    page.category = "press"
    page.save()
    embedded_engine.index_bulk([registry.prepare(page.specific)])
    after = embedded_engine.search("网格")
    assert any("indexed_at >=" in sql for sql in reads)  # an incremental read, not the whole table
    press = {v.value: v.count for v in after.facets["category"]}.get("press", 0)
    assert press == {v.value: v.count for v in before.facets["category"]}.get("press", 0) + 1
    assert after.total == before.total


def test_one_character_ranks_within_a_bounded_set_titles_first(embedded_engine, indexed, monkeypatch):
    full = embedded_engine.search("网")
    assert not full.capped and full.total == 2
    assert titles(full)[0].startswith("网")  # a title starting with the character comes first
    monkeypatch.setattr(embedded_engine, "prefix_candidates", 1)
    capped = embedded_engine.search("网")
    assert capped.capped and capped.total == 1
    assert all("网" in analysis.normalize(t) for t in titles(capped))
    assert sum(v.count for v in capped.facets["type"]) == 1


def test_near_a_place_ranks_title_matches_before_body_matches(embedded_engine, db):
    from search.engine import Near

    engine = embedded_engine
    docs = [
        make_doc(1, "柳荫驿站", "休息点", kind="station", lat=30.2701, lng=120.1501),
        make_doc(2, "望湖服务点", "设有驿站", kind="station", lat=30.2700, lng=120.1500),
        make_doc(3, "远处驿站", "休息点", kind="station", lat=30.9, lng=120.9),
    ]
    engine.index_bulk(docs)
    results = engine.search("驿站", near=Near(30.27, 120.15, 2.0))
    assert titles(results) == ["柳荫驿站", "望湖服务点"]


@pytest.mark.parametrize(
    "filters",
    [{"category": "notice"}, {"year": 2026}, {"type": "news", "year": 2025}, {"community": "no-such-community"}],
)
def test_a_filtered_search_ranks_exactly_the_matches_that_pass_the_filter(embedded_engine, indexed, filters):
    everything = embedded_engine.search("社区", per_page=50)
    assert everything.total >= 3
    filtered = embedded_engine.search("社区", filters=filters, per_page=50)
    entries = {e.key: e for e in SearchEntry.objects.all()}
    field = {"type": "doc_type", "category": "category", "community": "community", "year": "year"}

    def passes(hit):
        return all(getattr(entries[hit.key], field[k]) == v for k, v in filters.items())

    expected = [(hit.title, hit.score) for hit in everything.hits if passes(hit)]
    assert [(hit.title, hit.score) for hit in filtered.hits] == expected
    assert filtered.total == len(expected)


def test_title_tier_with_a_filter_keeps_the_first_page(embedded_engine, indexed, monkeypatch):
    exact = embedded_engine.search("网格", filters={"category": "notice"}, per_page=1)
    monkeypatch.setattr(embedded_engine, "title_tier_min", 0, raising=False)
    monkeypatch.setattr(embedded_engine, "rerank_window", 1)
    cache.clear()
    tiered = embedded_engine.search("网格", filters={"category": "notice"}, per_page=1)
    assert titles(tiered) == titles(exact) == ["网(wǎng)格员招募公告"]


def test_postgres_ranks_a_common_word_within_a_bounded_set(embedded_engine, indexed, monkeypatch):
    if embedded_engine.vendor != "postgresql":
        pytest.skip("ts_rank's bounded window is a PostgreSQL shortcut (FTS5's bm25 is cheap enough)")
    exact = embedded_engine.search("社区", per_page=50)
    assert exact.total >= 4
    monkeypatch.setattr(embedded_engine, "rank_all", 1)  # a bounded set of ...
    monkeypatch.setattr(embedded_engine, "rank_candidates", 2)  # ... two titles and two matches at most
    cache.clear()  # the ranked window of the same search is cached
    bounded = embedded_engine.search("社区", per_page=50)
    assert bounded.total == exact.total and bounded.facets == exact.facets
    keys = [hit.key for hit in bounded.hits]
    assert sorted(keys) == sorted(hit.key for hit in exact.hits)  # every match, once


def test_postgres_bounded_window_picks_the_best_title_matches_not_the_newest(embedded_engine, db, monkeypatch):
    """Past ``rank_all`` matches ts_rank orders a few hundred of them: the best by ts_rank must be among those."""
    if embedded_engine.vendor != "postgresql":
        pytest.skip("ts_rank's bounded window is a PostgreSQL shortcut (FTS5's bm25 is cheap enough)")
    long_body = "。".join(f"第{n}段说明材料清单和办理时限以及咨询电话" for n in range(60))
    docs = [
        # The best match is the oldest: its title is the query and its text is short.
        make_doc(0, "长者食堂", "每天中午供餐。", kind="news"),
    ]
    for n in range(1, 8):  # newer title matches with long texts rank lower (ts_rank divides by the length)
        docs.append(make_doc(n, f"第{n}期长者食堂菜单公示", long_body, kind="news"))
    for n in range(8, 12):  # and the newest only mention it in the text
        docs.append(make_doc(n, f"第{n}期社区通知", f"长者食堂。{long_body}", kind="news"))
    for doc in docs:  # one at a time, so the ids follow the list
        embedded_engine.index_bulk([doc])
    exact = [hit.key for hit in embedded_engine.search("长者食堂", per_page=20).hits]
    assert exact[0] == "t:0" and len(exact) == len(docs)
    monkeypatch.setattr(embedded_engine, "rank_all", 1)
    monkeypatch.setattr(embedded_engine, "rank_candidates", 2)
    monkeypatch.setattr(embedded_engine, "rerank_window", 2)
    cache.clear()
    bounded = [hit.key for hit in embedded_engine.search("长者食堂", per_page=20).hits]
    assert bounded[0] == "t:0"
    assert sorted(bounded) == sorted(exact)


@pytest.mark.parametrize("radius_km", [0.3, 1.0, 2.5])
def test_near_a_place_finds_every_match_within_the_radius_across_grid_cells(embedded_engine, db, radius_km):
    from search.engine import Near

    centre = Near(30.2705, 120.1495, radius_km)
    docs = []
    for row in range(-12, 13):
        for column in range(-12, 13):
            n = len(docs)
            lat, lng = 30.2705 + row * 0.0023, 120.1495 + column * 0.0027  # crosses many 0.01° cells
            word = "驿站" if n % 3 else "休息点"
            docs.append(
                make_doc(
                    n,
                    f"第{n}号{word}" if n % 2 else f"第{n}号服务点",
                    f"这里设有{word}" if n % 2 == 0 else "欢迎居民",
                    kind="station",
                    lat=lat,
                    lng=lng,
                )
            )
    embedded_engine.index_bulk(docs)
    expected = {
        d.key for d in docs if "驿站" in d.title + d.body_text and centre.distance_km(d.lat, d.lng) <= radius_km
    }
    results = embedded_engine.search("驿站", near=centre, per_page=1000)
    assert results.total == len(expected) > 0
    assert {hit.key for hit in results.hits} == expected


def test_near_a_place_the_nearest_of_equally_matching_places_comes_first_on_every_database(embedded_engine, db):
    """Near a place, matches are scored by where the query matches (title above body) and then put in order of
    distance: the same on SQLite and PostgreSQL, whatever the length of each place's text."""
    from search.engine import Near

    centre = Near(30.27, 120.15, 2.0)
    long_text = "。".join(f"第{n}项服务内容包括饮水充电和休息" for n in range(80))
    places = [  # (key, title, text, km north of the centre)
        ("far", "湖滨骑手驿站", "提供饮水。", 1.5),
        ("near", "柳荫骑手驿站", long_text, 0.3),
        ("middle", "望湖骑手驿站", "提供饮水和充电。", 0.9),
        ("body", "柳荫社区服务点", f"设有驿站。{long_text}", 0.1),
    ]
    embedded_engine.index_bulk(
        [
            make_doc(key, title, text, kind="station", prefix="p", lat=30.27 + km / 111.2, lng=120.15)
            for key, title, text, km in places
        ]
    )
    results = embedded_engine.search("驿站", near=centre)
    assert [hit.key for hit in results.hits] == ["p:near", "p:middle", "p:far", "p:body"]


def test_punctuation_typed_first_does_not_change_how_the_same_words_rank(embedded_engine, indexed):
    plain = titles(embedded_engine.search("网格", per_page=50))
    cache.clear()
    with_mark = titles(embedded_engine.search("网格？", per_page=50))
    again = titles(embedded_engine.search("网格", per_page=50))
    assert with_mark == plain
    assert again == plain


@pytest.mark.parametrize("per_page", [1, 2, 3])
def test_every_page_continues_one_ranking_across_the_end_of_the_re_ranked_window(
    embedded_engine, indexed, monkeypatch, per_page
):
    monkeypatch.setattr(embedded_engine, "title_tier_min", 0, raising=False)  # the window from titles alone
    monkeypatch.setattr(embedded_engine, "rank_all", 1, raising=False)  # PostgreSQL: from a bounded set
    monkeypatch.setattr(embedded_engine, "rank_candidates", 1, raising=False)  # of one title and one match
    monkeypatch.setattr(embedded_engine, "rerank_window", 2)
    first = embedded_engine.search("社区", per_page=per_page)
    assert first.total >= 4
    paged = []
    for page in range(1, first.num_pages + 1):
        paged += [hit.key for hit in embedded_engine.search("社区", page=page, per_page=per_page).hits]
    whole = [hit.key for hit in embedded_engine.search("社区", per_page=50).hits]
    assert len(paged) == len(set(paged)) == first.total  # nothing repeats, nothing is missing
    assert paged == whole


def test_check_sees_documents_whose_tokens_a_new_dictionary_word_changes(embedded_engine, indexed, corpus):
    from search.analysis import dictionary
    from search.models import SearchTerm

    assert embedded_engine.check().ok
    SearchTerm.objects.bulk_create([SearchTerm(term="桶前值守")])  # (no signal: nothing is re-indexed)
    dictionary.invalidate()
    report = embedded_engine.check()
    assert report.stale == [f"home.newspage:{corpus['garbage'].pk}"]


def test_keys_containing_a_word_lists_every_document(embedded_engine, db):
    docs = [make_doc(n, f"第{n}号通知", "请网格员查收") for n in range(2105)]
    embedded_engine.index_bulk(docs)
    assert len(embedded_engine.keys_containing(["网格员"])) == 2105


def test_a_relaxed_query_ranks_the_rare_word_above_common_ones(embedded_engine, db):
    # The rare word in one body; the common words in the titles of a few and the bodies of many.
    docs = [make_doc(0, "夏季开放时间调整", "小蜜蜂驿站提供饮水和充电。")]
    docs += [make_doc(n, f"不存在的词语组合练习第{n}课", "本课讲词语组合。") for n in range(1, 6)]
    docs += [make_doc(n, f"第{n}期通知", "本期不讲词语组合。" if n % 4 == 0 else "本期放假。") for n in range(6, 40)]
    embedded_engine.index_bulk(docs)
    results = embedded_engine.search("驿站 不存在的词语组合")
    assert results.relaxed
    assert results.hits[0].title == "夏季开放时间调整"


def test_postgres_one_character_finds_the_newest_matches_through_growing_ranges_of_ids(
    embedded_engine, db, monkeypatch
):
    """The newest matches of a character come from ranges of the newest ids (8 times wider each time), the same
    as listing every match: titles first, then texts, and index scans are on again afterwards."""
    if embedded_engine.vendor != "postgresql":
        pytest.skip("FTS5 lists the newest matches from its index (ORDER BY rowid DESC) without reading rows")
    from django.db import connection

    docs = []
    for n in range(40):
        in_title = n % 10 == 3  # four titles, older and newer
        docs.append(
            make_doc(
                n,
                f"第{n}号选举公告" if in_title else f"第{n}号通知",
                "选民登记开始。" if n % 3 == 0 else "社区通知。",
                kind="news",
            )
        )
    for doc in docs:  # one at a time, so the ids follow the list
        embedded_engine.index_bulk([doc])
    monkeypatch.setattr(embedded_engine, "prefix_candidates", 8)
    listed = [hit.key for hit in embedded_engine.search("选", per_page=20).hits]
    cache.clear()
    monkeypatch.setattr(embedded_engine, "newest_span", 2)  # ranges of 2, 16, 128 ids
    ranged = embedded_engine.search("选", per_page=20)
    assert [hit.key for hit in ranged.hits] == listed
    assert ranged.capped and ranged.total == 8
    # The four titles first, then the four newest texts (n = 39, 36, 30, 27; 33 has the title already)
    assert set(listed[:4]) == {"t:3", "t:13", "t:23", "t:33"}
    assert set(listed[4:]) == {"t:39", "t:36", "t:30", "t:27"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_indexscan')")
        assert cursor.fetchone()[0] == "on"
