"""Each entry with a place gets the token of its grid cell in ``filter_tokens``.

A search near a place then asks the full-text index only for the matches in the cells around it,
instead of listing every match of a common word (36,000 ids for 社区 at 100,000 documents). On
SQLite the FTS5 triggers re-index the updated rows; PostgreSQL filters near a place with plain
columns and only keeps the column in step.
"""

from django.db import migrations

from search.engine.fulltext import ENTRY_TABLE, filter_tokens


def rewrite_filter_tokens(schema_editor, with_cells):
    """Write ``filter_tokens`` again for every entry with a place, with or without its cell token."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, doc_type, category, community, year, lat, lng FROM {ENTRY_TABLE} "  # noqa: S608
            "WHERE lat IS NOT NULL AND lng IS NOT NULL"
        )
        rows = [(filter_tokens(*(row[1:] if with_cells else row[1:5])), row[0]) for row in cursor.fetchall()]
        cursor.executemany(f"UPDATE {ENTRY_TABLE} SET filter_tokens = %s WHERE id = %s", rows)  # noqa: S608


def add_cell_tokens(apps, schema_editor):
    rewrite_filter_tokens(schema_editor, with_cells=True)


def remove_cell_tokens(apps, schema_editor):
    rewrite_filter_tokens(schema_editor, with_cells=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_postgres_title_vector")]

    operations = [migrations.RunPython(add_cell_tokens, remove_cell_tokens)]
