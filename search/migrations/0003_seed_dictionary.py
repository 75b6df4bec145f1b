"""Seed the editable search dictionary with the built-in domain terms (search/data/terms.txt)."""

from django.db import migrations


def seed(apps, schema_editor):
    from search.analysis import parse_terms_file

    SearchTerm = apps.get_model("search", "SearchTerm")
    for term, synonyms in parse_terms_file():
        SearchTerm.objects.get_or_create(term=term, defaults={"synonyms": "，".join(synonyms)})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
