"""Demo content of the site shell: site, settings, groups and workflow, standard pages, news.

Other apps contribute their own ``<app>/demo.py`` with ``ORDER`` and ``load(home, stdout)``;
``load_demo`` discovers them, so ``home`` never imports them.
"""

import datetime
import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.demo_images import get_or_create_demo_image, get_or_create_placeholder_mark
from home.demo_news import NEWS
from home.demo_pages import STANDARD_PAGES
from home.models import HomePage, NewsIndexPage, NewsPage, SiteContactSettings, StandardPage

ORDER = 0
EDITORS_GROUP = "编辑"
MODERATORS_GROUP = "审核员"


def paragraphs(*texts):
    """StreamField data for a run of paragraphs."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def body_from_sections(sections):
    """StreamField data from a list of strings and ('h', heading) tuples."""
    blocks = []
    for item in sections:
        if isinstance(item, tuple) and item[0] == "h":
            blocks.append({"type": "heading", "value": {"text": item[1], "level": "h2"}})
        elif isinstance(item, tuple) and item[0] == "quote":
            blocks.append({"type": "quote", "value": {"text": item[1], "attribution": item[2]}})
        else:
            blocks.append({"type": "paragraph", "value": f"<p>{item}</p>"})
    return blocks


def upsert_child(parent, model, slug, **fields):
    """Create or update a published child page of ``parent`` identified by slug."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def ensure_home():
    """Replace Wagtail's welcome page by our HomePage and point the default site at it."""
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (e.g. after a transactional test): rebuild Wagtail's root
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="首页",
            slug="home-portal",
            seo_title="云溪区党群服务门户",
            hero_title="身边的党群服务，一网通办",
            hero_text="查办事指南、找最近的党群服务站、反映身边问题，一个网站全搞定。",
            notice_text="2026年12月起，各社区党群服务中心周六上午增设便民服务窗口。",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="云溪区党群服务门户"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "云溪区党群服务门户"
        site.save()
    for welcome in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
        welcome.delete()
    return HomePage.objects.get(pk=home.pk)


def ensure_settings(site):
    """Contact details in the footer."""
    contact = SiteContactSettings.for_site(site)
    contact.organisation_name = "中共云溪区委组织部　云溪区人民政府办公室"
    contact.hotline = "0571-8690 2345"
    contact.address = "云溪区望湖路188号区行政服务中心"
    contact.office_hours = "工作日 9:00—12:00，13:30—17:30（法定节假日除外）"
    contact.email = "service@yunxi.example.cn"
    contact.footer_note = "主办：中共云溪区委组织部　承办：云溪区大数据发展中心"
    contact.icp_number = "浙ICP备20260001号-1（演示）"
    # Placeholders: a real site enters the code, filings and mark issued to it.
    contact.website_code = "0000000000（演示）"
    contact.public_security_number = "浙公网安备00000000000000号（演示）"
    contact.public_security_url = "https://beian.mps.gov.cn/"
    contact.government_mark = get_or_create_placeholder_mark("党政机关网站标识（演示占位图）")
    contact.government_mark_url = "https://bszs.conac.cn/"
    contact.error_report_url = "https://zfwzzc.www.gov.cn/"
    contact.save()


def ensure_groups_and_workflow(home):
    """Editors submit, moderators approve: a two-step moderation workflow on the whole site."""
    # Wagtail's first migration creates English-named groups and a default workflow: give editors
    # Chinese names (renaming keeps their permissions; duplicates left from older runs are removed).
    for legacy_name, name in (("Editors", EDITORS_GROUP), ("Moderators", MODERATORS_GROUP)):
        legacy = Group.objects.filter(name=legacy_name).first()
        if legacy is None:
            continue
        if Group.objects.filter(name=name).exists():
            legacy.delete()
        else:
            legacy.name = name
            legacy.save()
    Workflow.objects.filter(name="Moderators approval").update(name="默认审核流程（审核员批准）")
    Task.objects.filter(name="Moderators approval").update(name="审核员批准")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for group in (editors, moderators):
        group.permissions.add(access_admin)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ):
            perm = Permission.objects.filter(codename=codename).first()
            if perm:
                group.permissions.add(perm)
    page_perms = {
        editors: ["add_page", "change_page"],
        moderators: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    }
    for group, codenames in page_perms.items():
        for codename in codenames:
            perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=perm)
    task = GroupApprovalTask.objects.filter(name="审核员审核").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="审核员审核")
        task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name="两级审核（编辑提交 → 审核员批准）")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def load_standard_pages(home):
    for spec in STANDARD_PAGES:
        upsert_child(
            home,
            StandardPage,
            spec["slug"],
            title=spec["title"],
            introduction=spec["introduction"],
            body=body_from_sections(spec["body"]),
            show_in_menus=spec.get("footer", False),
        )


def load_news(home):
    index = upsert_child(
        home, NewsIndexPage, "news", title="新闻动态", introduction="区、街道、社区的工作动态、新闻发布会和通知公告。"
    )
    today = datetime.date.today()
    for n, spec in enumerate(NEWS):
        image = get_or_create_demo_image(f"新闻配图：{spec['title']}", seed=1000 + n)
        page = upsert_child(
            index,
            NewsPage,
            spec["slug"],
            title=spec["title"],
            date=today - datetime.timedelta(days=spec["days_ago"]),
            category=spec["category"],
            source=spec["source"],
            author=spec.get("author", ""),
            summary=spec["summary"],
            lead_image=image,
            body=body_from_sections(spec["body"]),
        )
        wanted = set(spec.get("tags", []))
        if set(page.tags.names()) != wanted:
            page.tags.set(sorted(wanted), clear=True)
            page.save_revision().publish()
    return index


def discover_app_demos():
    """Every installed app's ``demo`` module other than this one, in ORDER."""
    modules = []
    for config in apps.get_app_configs():
        if config.name == "home":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        modules.append(module)
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 100))


def load(stdout=None):
    """Build the whole demo tree idempotently."""
    with transaction.atomic():
        home = ensure_home()
        site = Site.objects.get(is_default_site=True)
        ensure_settings(site)
        ensure_groups_and_workflow(home)
        load_standard_pages(home)
        load_news(home)
    if stdout:
        stdout.write("  站点外壳与新闻：完成")
    for module in discover_app_demos():
        with transaction.atomic():
            module.load(home=home, stdout=stdout)
        if stdout:
            stdout.write(f"  {module.__name__}：完成")
    with transaction.atomic():
        choose_home_highlights(home)
    return home


# Page types (by model name, so `home` never imports the apps) that the home page highlights.
COMMON_SERVICE_TYPES = ["serviceguidepage"]
FEATURED_TYPES = ["casestudypage", "brandprojectpage", "modelcommunitypage"]


def _common_services(limit=8):
    """The catalog's own 常办事项 when it has them (duck-typed: `featured()`), else the first guides."""
    catalog = Page.objects.live().filter(content_type__model="catalogindexpage").first()
    featured = getattr(catalog.specific, "featured", None) if catalog else None
    guides = [getattr(item, "guide", None) for item in featured()] if callable(featured) else []
    guides = [guide for guide in guides if guide is not None]
    if not guides:
        guides = list(
            Page.objects.live().public().filter(content_type__model__in=COMMON_SERVICE_TYPES).order_by("title")
        )
    return guides[:limit]


def choose_home_highlights(home):
    """Fill the home page's 'frequently used services' and 'featured' strips if editors have not."""
    home = HomePage.objects.get(pk=home.pk)
    changed = False
    if not home.common_services.exists():
        for guide in _common_services():
            home.common_services.create(page=guide)
            changed = True
    if not home.featured_items.exists():
        for model_name in FEATURED_TYPES:
            page = Page.objects.live().public().filter(content_type__model=model_name).order_by("path").first()
            if page is not None:
                image = get_or_create_demo_image(f"首页推荐：{page.title}", seed=page.pk)
                specific = page.specific
                summary = next(
                    (
                        str(getattr(specific, name))
                        for name in ("search_description", "summary", "slogan", "introduction", "intro")
                        if getattr(specific, name, "")
                    ),
                    "",
                )
                home.featured_items.create(page=page, image=image, summary=summary[:140])
                changed = True
    if changed:
        home.save_revision().publish()
