"""Mappings and queries the Elasticsearch engine sends, compared with expected JSON (no cluster needed)."""

import json
from pathlib import Path

import pytest

from search.engine import Near
from search.engine.elastic import ContentDocument, SuggestionDocument, index_body, search_body, suggest_body
from search.query import analyse_query

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
        "_source": ["text"],
        "suggest": {"portal": {"prefix": "wg", "completion": {"field": "suggest", "size": 8, "skip_duplicates": True}}},
    }
