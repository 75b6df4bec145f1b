"""The full-text index of SearchEntry for the database in use.

SQLite: an external-content FTS5 table ``search_fts`` over the token columns, kept in step by
triggers. PostgreSQL: a generated ``tsvector`` column (``simple`` configuration, title weighted A,
body B) with a GIN index. Django's SQLite schema editor rebuilds a table on most column changes and
drops its triggers: a later migration that alters SearchEntry must call ``install`` again.
"""

from django.db import migrations

from search.engine.fulltext import COLUMNS_V1, install_fulltext, remove_fulltext


def install(apps, schema_editor):
    install_fulltext(schema_editor.connection, COLUMNS_V1, title_vector=False)


def remove(apps, schema_editor):
    remove_fulltext(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
