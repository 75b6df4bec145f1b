"""Add the built-in terms that were added to search/data/terms.txt after 0003 (existing terms untouched).

Documents indexed before are segmented without the new words: run ``rebuild_search_index`` afterwards.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from search.analysis import parse_terms_file

    SearchTerm = apps.get_model("search", "SearchTerm")
    for term, synonyms in parse_terms_file():
        SearchTerm.objects.get_or_create(term=term, defaults={"synonyms": "，".join(synonyms)})


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_version_and_facet_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
