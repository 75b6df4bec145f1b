"""Mappings and queries the Elasticsearch engine sends, compared with expected JSON (no cluster needed)."""

import json
from pathlib import Path

import pytest

from search.analysis import normalize
from search.engine import Near
from search.engine.base import phrase_factor
from search.engine.elastic import (
    ContentDocument,
    SuggestionDocument,
    char_tokens,
    document_source,
    index_body,
    phrase_bonus,
    search_body,
    suggest_body,
)
from search.query import analyse_query
from search.registry import PreparedDocument

EXPECTED = Path(__file__).parent / "expected"


def expected(name):
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"))


def normalised(body):
    return json.loads(json.dumps(body, ensure_ascii=False))


def test_content_index_mapping():
    assert normalised(index_body(ContentDocument)) == expected("content_index.json")


def test_suggestion_index_mapping():
    assert normalised(index_body(SuggestionDocument)) == expected("suggest_index.json")


@pytest.mark.django_db
def test_search_body_with_synonym_filters_and_geo():
    query = analyse_query("黨群中心 垃圾分类")
    body = search_body(query, {"type": "station", "year": 2026}, ("type", "category"), Near(30.27, 120.15, 2.5), 2, 10)
    assert normalised(body) == expected("search_synonym_filters_geo.json")


@pytest.mark.django_db
def test_relaxed_body_ors_the_clauses():
    body = search_body(analyse_query("驿站 充电"), {}, ("type",), None, 1, 10, relaxed=True)
    required = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["must"][0]
    assert required["bool"]["minimum_should_match"] == 1 and len(required["bool"]["should"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("text", ['" * ( ) : ^ AND OR NEAR -', "title:网格 OR 1=1", "网格~2 /regex/ {a} [b]"])
def test_syntax_characters_only_reach_elasticsearch_as_term_values(text):
    body = json.dumps(search_body(analyse_query(text), {}, ("type",), None, 1, 10), ensure_ascii=False)
    assert "query_string" not in body and "simple_query_string" not in body
    assert '"AND"' not in body and '"NEAR"' not in body


def test_suggest_body():
    assert suggest_body("wg", 8) == {
        "size": 0,
        "_source": ["text"],
        "suggest": {"portal": {"prefix": "wg", "completion": {"field": "suggest", "size": 8, "skip_duplicates": True}}},
    }


TITLES = [
    "柳荫社区实行网格化管理",
    "黨群服務中心延長開放時間",
    "小蜜蜂驿站为外卖骑手提供歇脚点",
    "区政府新闻办举行“网格化管理服务提质增效”新闻发布会",
    "关于社区党群服务中心周六增设便民服务窗口的通知",
    "区城管局开展供暖季前联合检查 确保11月15日按时供暖",
    "重阳节前夕 荷塘社区68个老人“微心愿”全部被认领",
    "望湖街道“三单制”项目集中签约 27个民生项目落地",
    "金桂社区长者食堂开门迎客 老人就餐享受分档补贴",
    "城乡居民基本养老保险参保登记",
    "困难残疾人生活补贴和重度残疾人护理补贴",
    "新生儿出生登记（落户）",
    "湖畔议事厅“议”出58台电梯",
    "错时共享车位缓解老小区停车难",
    "Wi-Fi 覆盖党员驿站",
]


def whitespace_phrase_matches(field_text, phrase_text):
    """match_phrase over a whitespace-analysed field with positions (lower-cased tokens in a row)."""
    doc, phrase = field_text.lower().split(), phrase_text.lower().split()
    return bool(phrase) and any(doc[i : i + len(phrase)] == phrase for i in range(len(doc) - len(phrase) + 1))


def title_phrase_queries():
    """Every run of 2 to 6 characters inside the titles (spaces left out), and the same reversed."""
    found = set()
    for title in TITLES:
        compact = normalize(title).replace(" ", "")
        for size in range(2, 7):
            found.update(compact[i : i + size] for i in range(len(compact) - size + 1))
    return sorted(found | {q[::-1] for q in found})


@pytest.mark.django_db
def test_title_phrase_bonus_means_what_the_embedded_engine_means():
    prepared = PreparedDocument(
        key="k", doc_type="news", model_label="home.newspage", object_id="1", title=TITLES[3], url="/"
    )
    assert document_source(prepared, "", "")["title_chars"] == char_tokens(TITLES[3])
    rewarded = 0
    for text in title_phrase_queries():
        query = analyse_query(text)
        clauses = [
            c["match_phrase"]["title_chars"]["query"]
            for c in phrase_bonus(query)
            if "match_phrase" in c and "title_chars" in c["match_phrase"]
        ]
        for title in TITLES:
            embedded = phrase_factor(query, normalize(title), "") > 1.0
            elastic = any(whitespace_phrase_matches(char_tokens(title), clause) for clause in clauses)
            assert elastic == embedded, (text, title)
            rewarded += embedded
    assert rewarded >= 150
