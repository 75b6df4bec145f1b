"""An editor's own pinyin for a guide's sort key, and every key read again with the polyphone phrases
(长护险 under C, not Z). Adding a column with an empty default and updating a few hundred rows keeps the
catalog up while it runs."""

from django.db import migrations, models

from portal.ground.pinyin import sort_key


def recompute(apps, schema_editor):
    ServiceGuidePage = apps.get_model("catalog", "ServiceGuidePage")
    for guide in ServiceGuidePage.objects.only("pk", "title", "pinyin_key", "pinyin_override"):
        key = sort_key(guide.title, override=guide.pinyin_override)
        if key != guide.pinyin_key:
            ServiceGuidePage.objects.filter(pk=guide.pk).update(pinyin_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_recompute_pinyin_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="serviceguidepage",
            name="pinyin_override",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Only when the list sorts this guide under the wrong letter: its title's reading, e.g. shan jia "
                    "qiao for 单家桥 (tones optional)."
                ),
                max_length=255,
                verbose_name="pinyin for sorting",
            ),
        ),
        migrations.RunPython(recompute, migrations.RunPython.noop),
    ]
