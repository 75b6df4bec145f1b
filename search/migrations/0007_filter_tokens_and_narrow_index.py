"""Facet values as tokens in the full-text index, and one narrow index for everything but the text.

On SQLite the FTS5 table gains a third column, ``filter_tokens``, so that a filtered search is
narrowed inside the full-text index and bm25 scores only the filtered matches. The table and its
triggers are dropped before the schema editor rebuilds ``search_searchentry`` (which would drop the
triggers anyway) and created again, filled, at the end. PostgreSQL filters with plain columns: its
tsvector is left alone, and the new column is only filled.
"""

from django.db import migrations, models

from search.engine.fulltext import COLUMNS_V1, ENTRY_TABLE, filter_tokens, install_fulltext, remove_fulltext


def drop_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        remove_fulltext(schema_editor.connection)


def create_sqlite_index_v1(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        install_fulltext(schema_editor.connection, COLUMNS_V1)


def fill_and_create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, doc_type, category, community, year FROM {ENTRY_TABLE}")  # noqa: S608
        rows = [(filter_tokens(*row[1:]), row[0]) for row in cursor.fetchall()]
        cursor.executemany(f"UPDATE {ENTRY_TABLE} SET filter_tokens = %s WHERE id = %s", rows)  # noqa: S608
    if connection.vendor == "sqlite":
        install_fulltext(connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_entry_indexed_at_index")]

    operations = [
        migrations.RunPython(drop_sqlite_index, create_sqlite_index_v1),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_facets"),
        migrations.AddField(
            model_name="searchentry",
            name="filter_tokens",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["id", "doc_type", "category", "category_label", "community", "year", "boost", "title_norm"],
                name="search_entry_narrow",
            ),
        ),
        migrations.RunPython(fill_and_create, drop_sqlite_index),
    ]
