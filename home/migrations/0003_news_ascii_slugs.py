"""News pages whose slug is their Chinese title get a pinyin slug; the old address redirects (301) to the page."""

from django.db import migrations
from django.utils.encoding import iri_to_uri


def ascii_slugs(apps, schema_editor):
    from wagtail.contrib.redirects.models import Redirect as LiveRedirect

    from home.models.news import news_slug

    NewsPage = apps.get_model("home", "NewsPage")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    roots = {site.root_page.url_path: site for site in Site.objects.select_related("root_page")}
    for page in NewsPage.objects.all():
        if page.slug.isascii():
            continue
        parent = Page.objects.get(path=page.path[: -4], depth=page.depth - 1)
        slug = news_slug(page.title, page.date)
        taken = set(Page.objects.filter(path__startswith=parent.path, depth=page.depth).values_list("slug", flat=True))
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        old_url_path = page.url_path
        Page.objects.filter(pk=page.pk).update(slug=slug, url_path=parent.url_path + slug + "/")
        for root_path, site in roots.items():
            if old_url_path.startswith(root_path):
                old_path = "/" + old_url_path[len(root_path) :]
                Redirect.objects.get_or_create(
                    old_path=LiveRedirect.normalise_path(iri_to_uri(old_path)),
                    site=None,
                    defaults={"redirect_page_id": page.pk, "is_permanent": True},
                )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_government_site_footer"),
        ("wagtailcore", "0001_initial"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
