"""The index version gains a generation, which every rebuild advances (see ``EmbeddedEngine._facet_map``).

A one-row table: adding the column costs nothing, and searches keep running while it is added.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0009_geo_cell_tokens")]

    operations = [
        migrations.AddField(
            model_name="indexversion",
            name="generation",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
