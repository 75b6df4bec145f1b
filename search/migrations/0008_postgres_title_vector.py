"""PostgreSQL: ``title_vector`` (the title's tokens alone) with its own GIN index, and a narrow heap.

The engine finds title matches through it (the bounded ranking window of a common word, and
one-character queries) instead of re-checking the weights of every match of ``search_vector``.
Search keeps answering while an installation upgrades through this migration (the rule in
search/README.md, "Migrations"): the column is added nullable (no table rewrite), a trigger keeps
it in step with new writes, existing rows are filled in batches of short transactions, and the
index is built CONCURRENTLY. Rows take the narrow heap layout (toast_tuple_target) when they are
next written; ``rebuild_search_index`` rewrites them all. SQLite already has the title as its own
FTS5 column: nothing changes there.
"""

from django.db import migrations

from search.engine.fulltext import (
    ENTRY_TABLE,
    POSTGRES_TITLE_VECTOR,
    POSTGRES_TITLE_VECTOR_DROP,
    POSTGRES_TITLE_VECTOR_FILL,
    POSTGRES_TITLE_VECTOR_INDEX,
)

FILL_BATCH = 5000  # rows per UPDATE: each is its own short transaction


def add_title_vector(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in POSTGRES_TITLE_VECTOR:
            cursor.execute(sql)
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {ENTRY_TABLE}")  # noqa: S608 - constant name
        (last,) = cursor.fetchone()
        for low in range(0, last, FILL_BATCH):
            cursor.execute(POSTGRES_TITLE_VECTOR_FILL, [low, low + FILL_BATCH])
        # CONCURRENTLY keeps writes going while the index is built; it cannot run inside a
        # transaction (a test may migrate inside its own).
        concurrently = "" if connection.in_atomic_block else "CONCURRENTLY "
        cursor.execute(POSTGRES_TITLE_VECTOR_INDEX.format(concurrently=concurrently))


def drop_title_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for sql in POSTGRES_TITLE_VECTOR_DROP:
                cursor.execute(sql)


class Migration(migrations.Migration):
    atomic = False  # each fill batch commits on its own; CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("search", "0007_filter_tokens_and_narrow_index")]

    operations = [migrations.RunPython(add_title_vector, drop_title_vector)]
