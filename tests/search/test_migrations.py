"""Migrations 0007 and 0008 keep an existing index searchable, filters included."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("search", "0006_entry_indexed_at_index")


def migrate(target=None):
    """Migrate the search app to ``target``, or to its latest migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes("search"))


def test_entries_indexed_before_the_filter_tokens_are_found_and_filtered_after():
    from search.engine.embedded import EmbeddedEngine
    from search.engine.fulltext import fulltext_problems

    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            for n, (doc_type, title) in enumerate([("news", "网格员入户走访"), ("guide", "网格化服务事项办理")]):
                cursor.execute(
                    "INSERT INTO search_searchentry (key, doc_type, model_label, object_id, title, url, summary, "
                    "body_text, title_norm, title_tokens, body_tokens, category, category_label, community, year, "
                    "boost, checksum, indexed_at) VALUES (%s, %s, 'test.doc', %s, %s, %s, '', '', %s, %s, '', "
                    "'', '', '柳荫社区', 2026, 1.0, 'x', %s)",
                    [f"t:{n}", doc_type, str(n), title, f"/t/{n}/", title, "网格 " + title, "2026-11-01 08:00:00"],
                )
        if connection.vendor == "sqlite":
            assert any("filter_tokens" in p for p in fulltext_problems(connection))
    finally:
        migrate()
    assert fulltext_problems(connection) == []
    engine = EmbeddedEngine()
    assert engine.search("网格").total == 2
    guides = engine.search("网格", filters={"type": "guide"})
    assert [hit.title for hit in guides.hits] == ["网格化服务事项办理"]
    assert {v.value: v.count for v in guides.facets["type"]} == {"news": 1, "guide": 1}
