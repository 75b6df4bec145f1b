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


# The rule for search migrations (search/README.md, "Migrations"): search keeps answering while an
# installation upgrades. Migrations up to 0007 predate the rule; every later one is checked here,
# statement by statement, on SQLite and (in the PostgreSQL run) on PostgreSQL.
RULE_STARTS_AFTER = ("search", "0007_filter_tokens_and_narrow_index")
LOCKING = {
    "VACUUM FULL rewrites the table under an exclusive lock": r"\bVACUUM\s+(\(.*\bFULL\b.*\)|FULL\b)",
    "a stored generated column rewrites the table under an exclusive lock": r"\bADD\s+COLUMN\b.*\bGENERATED\b",
    "changing a column's type rewrites the table": r"\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b",
    "a table rebuild (Django on SQLite) copies the index and drops its triggers": r"new__search_searchentry",
    "CLUSTER rewrites the table under an exclusive lock": r"\bCLUSTER\b",
}
LOCKING_ON_POSTGRES = {
    "CREATE INDEX without CONCURRENTLY blocks every write to the index": r"\bCREATE\s+(UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY)"
    r"(IF NOT EXISTS\s+)?\S+\s+ON\s+\"?search_searchentry\b",
}


def test_search_migrations_after_0007_keep_search_answering():
    import re

    migrate(RULE_STARTS_AFTER)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(" ".join(str(sql).split()))
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(record):
            migrate()
    finally:
        migrate()
    rules = {**LOCKING, **(LOCKING_ON_POSTGRES if connection.vendor == "postgresql" else {})}
    broken = [
        f"{reason}: {sql[:160]}"
        for sql in statements
        for reason, pattern in rules.items()
        if re.search(pattern, sql, re.IGNORECASE)
    ]
    assert statements  # the migrations after 0007 ran
    assert broken == []
