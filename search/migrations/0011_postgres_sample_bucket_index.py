"""PostgreSQL: an index of each entry's sample bucket (its id modulo 64).

Listing the ids of a match reads its row (a GIN index gives row addresses only), so past a few
thousand matches the engine counts a sample: the matches in a few buckets, found by intersecting
this index with the GIN index as bitmaps, without reading any other row (see ``_counted_ids`` in
search/engine/embedded/base.py). A new index only: built CONCURRENTLY, so search and writes keep
going while an installation upgrades (the rule in search/README.md, "Migrations"). SQLite's
full-text index lists the ids of every match without reading a row: nothing changes there.
"""

from django.db import migrations

from search.engine.fulltext import POSTGRES_BUCKET_INDEX, POSTGRES_BUCKET_INDEX_DROP


def add_bucket_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    # CONCURRENTLY cannot run inside a transaction (a test may migrate inside its own).
    concurrently = "" if connection.in_atomic_block else "CONCURRENTLY "
    with connection.cursor() as cursor:
        cursor.execute(POSTGRES_BUCKET_INDEX.format(concurrently=concurrently))


def drop_bucket_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRES_BUCKET_INDEX_DROP)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("search", "0010_index_generation")]

    operations = [migrations.RunPython(add_bucket_index, drop_bucket_index)]
