"""The Elasticsearch engine when the cluster refuses, stalls or answers errors, shown through real HTTP on
loopback (tests/search/fake_cluster.py) with the real client: residents still get answers (from the
embedded engine kept current) or a Chinese 503 page, never a 500; writes retry what the cluster asks
to retry, and a failed rebuild leaves the old index serving and no half-built index behind."""

import time

import pytest
from django.test import override_settings
from elasticsearch import helpers

from search.engine import SearchUnavailable, get_engine, reset_engine
from search.engine.elastic import ElasticsearchEngine, client_from_settings, suggest_body
from tests.search.fake_cluster import FakeCluster, error_body, refused_url

pytestmark = pytest.mark.django_db
FINGERPRINT = ":".join(["5A"] * 32)  # a SHA-256 fingerprint as Kibana shows it


@pytest.fixture
def cluster():
    with FakeCluster() as fake:
        yield fake


def engine_for(url, env="t1", timeout=0.5):
    with override_settings(ELASTICSEARCH_URL=url, ELASTICSEARCH_TIMEOUT=timeout):
        engine = ElasticsearchEngine(client_from_settings(), env=env)
    engine.bulk_backoff = 0.01
    return engine


@pytest.fixture
def embedded_index(corpus):
    """The corpus in the embedded engine, as the fallback keeps it."""
    from search.engine.embedded import EmbeddedEngine

    EmbeddedEngine().rebuild()
    return corpus


def configured(url, fallback, timeout=0.5):
    """Settings as an installation with ELASTICSEARCH_URL sets them; the engine is built from them."""
    reset_engine()
    return override_settings(
        PORTAL_SEARCH_ENGINE="elasticsearch",
        ELASTICSEARCH_URL=url,
        ELASTICSEARCH_TIMEOUT=timeout,
        SEARCH_FALLBACK=fallback,
    )


# -- residents: answers from the fallback, or a 503 page ----------------------------------------


def test_refused_connection_answers_from_the_embedded_engine(client, embedded_index):
    with configured(refused_url(), fallback=True):
        response = client.get("/search/", {"q": "网格"})
        assert response.status_code == 200
        assert "柳荫社区实行网格化管理" in [hit.title for hit in response.context["results"].hits]
        assert response.context["results"].fallback is True
        data = client.get("/api/v1/search/", {"q": "网格"}).json()
        assert data["total"] >= 2
        assert "网格" in client.get("/api/v1/suggest/", {"q": "wangge"}).json()
    reset_engine()


def test_refused_connection_without_fallback_is_a_chinese_503(client, embedded_index):
    with configured(refused_url(), fallback=False):
        response = client.get("/search/", {"q": "网格"})
        assert response.status_code == 503
        assert "搜索暂时不可用" in response.content.decode()
        assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
        api = client.get("/api/v1/search/", {"q": "网格"})
        assert api.status_code == 503 and "搜索暂时不可用" in api.json()["error"]
        assert client.get("/api/v1/suggest/", {"q": "wangge"}).status_code == 503
    reset_engine()


def test_a_slow_cluster_is_not_waited_for(client, embedded_index, cluster):
    cluster.stall("POST", r"/_search$", seconds=3)
    with configured(cluster.url, fallback=True, timeout=0.5):
        started = time.monotonic()
        response = client.get("/search/", {"q": "网格"})
        assert response.status_code == 200 and response.context["results"].total >= 2
        assert time.monotonic() - started < 2.5
    with configured(cluster.url, fallback=False, timeout=0.5):
        started = time.monotonic()
        assert client.get("/search/", {"q": "网格"}).status_code == 503
        assert time.monotonic() - started < 2.5
    reset_engine()


@pytest.mark.parametrize(
    "status, kind",
    [
        (429, "es_rejected_execution_exception"),
        (500, "internal_server_error"),
        (502, "bad_gateway"),
        (503, "search_phase_execution_exception"),
    ],
)
def test_error_answers_from_the_cluster_never_reach_residents_as_500(client, embedded_index, cluster, status, kind):
    cluster.answer("POST", r"/_search$", status, error_body(status, kind))
    with configured(cluster.url, fallback=True):
        response = client.get("/search/", {"q": "网格"})
        assert response.status_code == 200 and response.context["results"].total >= 2
    with configured(cluster.url, fallback=False):
        assert client.get("/search/", {"q": "网格"}).status_code == 503
        assert client.get("/api/v1/search/", {"q": "网格"}).status_code == 503
    reset_engine()


def test_after_a_failure_the_fallback_answers_without_asking_the_cluster_again(embedded_index, cluster):
    cluster.answer("POST", r"/_search$", 503, error_body(503, "unavailable"))
    with configured(cluster.url, fallback=True):
        engine = get_engine()
        assert engine.search("网格").total >= 2
        asked = len(cluster.paths("POST"))
        assert engine.search("驿站").total >= 1
        assert len(cluster.paths("POST")) == asked
    reset_engine()


def test_standalone_engine_raises_search_unavailable_not_a_client_error(cluster):
    cluster.answer("POST", r"/_search$", 500, error_body(500, "internal_server_error"))
    engine = engine_for(cluster.url)
    with pytest.raises(SearchUnavailable):
        engine.search("网格")
    with pytest.raises(SearchUnavailable):
        engine_for(refused_url()).suggest("wangge")


# -- writes ----------------------------------------------------------------------------------------


def test_first_index_and_alias_are_created_together_once(cluster, corpus):
    engine = engine_for(cluster.url)
    engine.index(corpus["bee"])
    engine.index(corpus["garbage"])
    creates = [(path, body) for method, path, body in cluster.requests if method == "PUT" and "_bulk" not in path]
    assert [path for path, _ in creates] == ["/portal-t1-content-v0", "/portal-t1-suggest-v0"]
    assert all(body["aliases"] for _, body in creates)  # one request: no moment without the alias
    # A second worker that checked before the first created the index is told it exists, and carries on.
    cluster.answer("HEAD", r"/_alias/", 404, None, times=2)
    other = engine_for(cluster.url)
    other.index(corpus["whistle"])
    assert cluster.aliases["portal-t1-content"] == ["portal-t1-content-v0"]
    assert len(cluster.documents("portal-t1-content")) == 3


def test_documents_rejected_with_429_are_sent_again(cluster, corpus):
    engine = engine_for(cluster.url)
    key = f"home.newspage:{corpus['bee'].pk}"
    cluster.reject_item("content", key, 429, "es_rejected_execution_exception", times=2)
    engine.index(corpus["bee"])
    assert key in cluster.documents("portal-t1-content")
    content_bulks = [body for method, path, body in cluster.requests if path.endswith("_bulk") and "content" in body]
    assert len(content_bulks) == 3 and content_bulks[-1].count('"_id"') == 1  # only the rejected one again


def test_a_409_or_a_mapping_error_is_not_retried_and_fails_the_write(cluster, corpus):
    engine = engine_for(cluster.url)
    cluster.reject_item("content", "*", 409, "version_conflict_engine_exception")
    with pytest.raises(helpers.BulkIndexError):
        engine.index(corpus["bee"])
    assert sum(1 for _m, path, body in cluster.requests if path.endswith("_bulk") and "content" in body) == 1


def test_a_failed_rebuild_leaves_the_old_index_serving_and_no_half_built_index(cluster, corpus):
    engine = engine_for(cluster.url)
    engine.rebuild()
    (serving,) = cluster.aliases["portal-t1-content"]
    before = dict(cluster.documents("portal-t1-content"))
    cluster.reject_item(r"content-v\d{6}", "*", 400, "mapper_parsing_exception")
    with pytest.raises(helpers.BulkIndexError):
        engine.rebuild()
    assert cluster.aliases["portal-t1-content"] == [serving]
    assert cluster.documents("portal-t1-content") == before
    assert sorted(cluster.indices) == sorted([serving, *cluster.aliases["portal-t1-suggest"]])


def test_a_rebuild_whose_bulk_request_fails_cleans_up(cluster, corpus):
    engine = engine_for(cluster.url)
    cluster.answer("PUT", r"/_bulk$", 503, error_body(503, "unavailable_shards_exception"))
    cluster.answer("POST", r"/_bulk$", 503, error_body(503, "unavailable_shards_exception"))
    with pytest.raises(Exception):  # noqa: B017, PT011 - the client's own error for a 503
        engine.rebuild()
    assert cluster.indices == {}
    assert not cluster.aliases.get("portal-t1-content")


def test_a_rebuild_replays_the_changes_made_while_it_ran(cluster, corpus):
    engine = engine_for(cluster.url)
    engine.rebuild()
    changed, removed = corpus["garbage"], corpus["whistle"]

    edits = []

    def editors_at_work(_count):
        # While the new index is being filled (the rebuild has read these pages already), an editor
        # retitles one page and unpublishes another; the site's writes go to the serving index.
        if edits:
            return
        edits.append(True)
        changed.title = "垃圾分类桶前值守经验推广"
        changed.save_revision().publish()
        engine.index(changed)
        removed.unpublish()
        engine.delete(f"home.newspage:{removed.pk}")

    engine.rebuild(progress=editors_at_work)
    (serving,) = cluster.aliases["portal-t1-content"]
    documents = cluster.indices[serving]
    assert documents[f"home.newspage:{changed.pk}"]["title_text"] == "垃圾分类桶前值守经验推广"
    assert f"home.newspage:{removed.pk}" not in documents
    assert len(cluster.indices) == 2  # the old indices are gone


def test_deleting_a_page_removes_its_title_from_suggestions(cluster, corpus):
    engine = engine_for(cluster.url)
    engine.rebuild()
    title = "小蜜蜂驿站为外卖骑手提供歇脚点"
    assert title in cluster.documents("portal-t1-suggest")
    engine.delete(corpus["bee"])
    assert title not in cluster.documents("portal-t1-suggest")
    assert "网格员" in cluster.documents("portal-t1-suggest")  # the dictionary's terms stay


def test_teardown_deletes_indices_by_concrete_name(cluster, corpus):
    engine = engine_for(cluster.url)
    engine.rebuild()
    engine.index(corpus["bee"])
    deleted = engine.drop_indices()
    assert cluster.indices == {}
    assert all("*" not in name for name in deleted)


# -- requests as generated -----------------------------------------------------------------------


def test_suggestion_requests_ask_for_no_hits(cluster, corpus):
    assert suggest_body("wg", 8)["size"] == 0
    engine = engine_for(cluster.url)
    engine.rebuild()
    engine.suggest("wg")
    (body,) = [body for _m, path, body in cluster.requests if path == "/portal-t1-suggest/_search"]
    assert body["size"] == 0 and body["suggest"]["portal"]["prefix"] == "wg"


def test_client_settings_hosts_credentials_tls_and_api_key(tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
    with override_settings(
        ELASTICSEARCH_URL="https://portal:s%40cret@es1.internal:9200, https://es2.internal:9243",
        ELASTICSEARCH_FINGERPRINT=FINGERPRINT,
        ELASTICSEARCH_API_KEY="",
        ELASTICSEARCH_TIMEOUT=1.5,
    ):
        client = client_from_settings()
    nodes = sorted((n.config for n in client.transport.node_pool.all()), key=lambda c: c.host)
    assert [(c.scheme, c.host, c.port) for c in nodes] == [
        ("https", "es1.internal", 9200),
        ("https", "es2.internal", 9243),
    ]
    assert nodes[0].headers["authorization"].startswith("Basic ")
    assert nodes[0].ssl_assert_fingerprint == FINGERPRINT
    with override_settings(
        ELASTICSEARCH_URL="https://es1.internal:9200", ELASTICSEARCH_API_KEY="a2V5", ELASTICSEARCH_CA_CERTS=str(ca)
    ):
        client = client_from_settings()
    (node,) = client.transport.node_pool.all()
    assert client._headers["authorization"] == "ApiKey a2V5"
    assert node.config.ca_certs == str(ca)


def test_replicas_default_to_auto_expand_and_follow_the_setting():
    from search.engine.elastic import index_settings

    with override_settings(ELASTICSEARCH_REPLICAS=""):
        assert index_settings() == {"number_of_shards": 1, "auto_expand_replicas": "0-1"}
    with override_settings(ELASTICSEARCH_REPLICAS="2"):
        assert index_settings() == {"number_of_shards": 1, "number_of_replicas": 2}


def test_every_write_keeps_the_fallback_current_even_while_the_cluster_is_down(embedded_index, cluster, news_index):
    from search.models import SearchEntry
    from tests.search.conftest import publish_news

    with configured(cluster.url, fallback=True):
        engine = get_engine()
        page = publish_news(news_index, "grid-new", "望湖社区网格议事会成立", "", "网格议事会", "notice", "2026-06-01")
        engine.index(page)
        key = f"home.newspage:{page.pk}"
        assert SearchEntry.objects.filter(key=key).exists()
        assert key in cluster.documents("portal-dev-content")
    with configured(refused_url(), fallback=True):
        engine = get_engine()
        later = publish_news(
            news_index, "grid-later", "杨柳社区网格议事会换届", "", "网格议事会", "notice", "2026-06-02"
        )
        with pytest.raises(Exception):  # noqa: B017, PT011 - the client's connection error, logged by sync
            engine.index(later)
        assert SearchEntry.objects.filter(key=f"home.newspage:{later.pk}").exists()
        assert "杨柳社区网格议事会换届" in [hit.title for hit in engine.search("议事会").hits]
    reset_engine()
