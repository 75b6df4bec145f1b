"""PostgreSQL: a generated ``title_vector`` (the title's tokens alone) with its own GIN index, and a narrow heap.

The engine finds title matches through it (the bounded ranking window of a common word, and
one-character queries) instead of re-checking the weights of every match of ``search_vector``.
Long values move to TOAST so that listing the ids of many matches reads few heap pages; the table
is rewritten once (VACUUM FULL, outside a transaction) so that existing rows take that layout.
SQLite already has the title as its own FTS5 column: nothing changes there.
"""

from django.db import migrations

from search.engine.fulltext import ENTRY_TABLE, POSTGRES_TITLE_VECTOR, POSTGRES_TITLE_VECTOR_DROP


def add_title_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for sql in POSTGRES_TITLE_VECTOR:
                cursor.execute(sql)
            if not schema_editor.connection.in_atomic_block:  # (a test may migrate inside its transaction)
                cursor.execute(f"VACUUM FULL ANALYZE {ENTRY_TABLE}")


def drop_title_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for sql in POSTGRES_TITLE_VECTOR_DROP:
                cursor.execute(sql)


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction

    dependencies = [("search", "0007_filter_tokens_and_narrow_index")]

    operations = [migrations.RunPython(add_title_vector, drop_title_vector)]
