"""Migrations 0007 to 0009 keep an existing index searchable, filters and places included."""

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
    from search.engine import Near
    from search.engine.embedded import EmbeddedEngine
    from search.engine.fulltext import fulltext_problems

    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            rows = [
                ("news", "网格员入户走访", None),
                ("guide", "网格化服务事项办理", None),
                ("station", "网格驿站", 30.27),
            ]
            for n, (doc_type, title, lat) in enumerate(rows):
                cursor.execute(
                    "INSERT INTO search_searchentry (key, doc_type, model_label, object_id, title, url, summary, "
                    "body_text, title_norm, title_tokens, body_tokens, category, category_label, community, year, "
                    "lat, lng, boost, checksum, indexed_at) VALUES (%s, %s, 'test.doc', %s, %s, %s, '', '', %s, %s, "
                    "'', '', '', '柳荫社区', 2026, %s, %s, 1.0, 'x', %s)",
                    [
                        f"t:{n}",
                        doc_type,
                        str(n),
                        title,
                        f"/t/{n}/",
                        title,
                        "网格 " + title,
                        lat,
                        lat and 120.15,
                        "2026-11-01 08:00:00",
                    ],
                )
        if connection.vendor == "sqlite":
            assert any("filter_tokens" in p for p in fulltext_problems(connection))
    finally:
        migrate()
    assert fulltext_problems(connection) == []
    engine = EmbeddedEngine()
    assert engine.search("网格").total == 3
    guides = engine.search("网格", filters={"type": "guide"})
    assert [hit.title for hit in guides.hits] == ["网格化服务事项办理"]
    assert {v.value: v.count for v in guides.facets["type"]} == {"news": 1, "guide": 1, "station": 1}
    nearby = engine.search("网格", near=Near(30.2702, 120.1502, 1.0))
    assert [hit.title for hit in nearby.hits] == ["网格驿站"]  # found through its grid cell (0009)
