"""Recompute the guides' pinyin sort keys now that leading quotes and brackets are ignored."""

from django.db import migrations

from portal.ground.pinyin import sort_key as pinyin_key


def recompute(apps, schema_editor):
    ServiceGuidePage = apps.get_model("catalog", "ServiceGuidePage")
    for guide in ServiceGuidePage.objects.only("pk", "title", "pinyin_key"):
        key = pinyin_key(guide.title)
        if key != guide.pinyin_key:
            ServiceGuidePage.objects.filter(pk=guide.pk).update(pinyin_key=key)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_projectstatuschange")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
