"""Editors' workflow: the demo loader's two-step moderation and scheduled publishing."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from home import demo
from home.models import NewsPage
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shell_demo(db):
    """Only the site shell part of the demo (fast): site, settings, groups, workflow, pages, news."""
    home = demo.ensure_home()
    demo.ensure_groups_and_workflow(home)
    return home


def test_editor_submits_and_moderator_approves(shell_demo, django_user_model):
    editor = django_user_model.objects.create_user("bianji", password="x")
    editor.groups.add(Group.objects.get(name=demo.EDITORS_GROUP))
    moderator = django_user_model.objects.create_user("shenhe", password="x")
    moderator.groups.add(Group.objects.get(name=demo.MODERATORS_GROUP))
    index = NewsIndexPageFactory(parent=shell_demo)
    draft = NewsPage(title="待审核的新闻", slug="pending", date=datetime.date(2026, 11, 20), live=False)
    index.add_child(instance=draft)
    draft.save_revision(user=editor)

    # Editors may edit but not publish; the workflow assigned to the home page applies.
    assert not draft.permissions_for_user(editor).can_publish()
    workflow = draft.get_workflow()
    assert workflow is not None and "两级审核" in workflow.name
    state = workflow.start(draft, editor)
    draft.refresh_from_db()
    assert not draft.live

    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(draft, moderator)
    assert not task_state.task.specific.user_can_access_editor(draft, editor)
    task_state.task.specific.on_action(task_state, moderator, "approve")
    draft.refresh_from_db()
    assert draft.live


def test_scheduled_publishing_goes_live_when_due(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, title="定时发布的通知")
    article.unpublish()
    revision = article.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    assert not Page.objects.get(pk=article.pk).live
    call_command("publish_scheduled")
    assert Page.objects.get(pk=article.pk).live


def test_load_demo_is_idempotent(db):
    demo.load()
    counts = (Page.objects.count(), NewsPage.objects.count(), Group.objects.count())
    demo.load()
    assert (Page.objects.count(), NewsPage.objects.count(), Group.objects.count()) == counts
    assert NewsPage.objects.live().count() >= 20
    categories = set(NewsPage.objects.values_list("category", flat=True))
    assert {"press", "work", "notice", "community", "report"} <= categories
