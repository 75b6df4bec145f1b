"""One mechanism decides that public content changed: declared models, Wagtail's page events, one signal."""

import pytest
from django.apps import apps

from home.models import SiteContactSettings
from portal.ground import content_version
from portal.ground.signals import content_changed
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announcements():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    content_changed.connect(receiver, dispatch_uid="test-announcements")
    yield received
    content_changed.disconnect(dispatch_uid="test-announcements")


# Rows of content apps that no public page shows ('这个页面有用吗' answers are read in the admin only).
NOT_PUBLIC = [("catalog", "UsefulnessVote")]


@pytest.mark.parametrize("label", ["home", "places", "catalog", "showcase"])
def test_every_model_of_a_content_app_is_declared(label):
    models = [m for m in apps.get_app_config(label).get_models() if (label, m.__name__) not in NOT_PUBLIC]
    undeclared = [m.__name__ for m in models if not content_version.watched(m)]
    assert undeclared == []


def test_resident_tickets_answers_and_search_bookkeeping_are_not_declared():
    for label, name in [("feedback", "Ticket"), ("feedback", "Wish"), ("search", "QueryStat"), *NOT_PUBLIC]:
        assert not content_version.watched(apps.get_model(label, name))


def test_publishing_sends_the_page_and_a_setting_sends_purge_all(
    home_page, announcements, django_capture_on_commit_callbacks
):
    index = NewsIndexPageFactory(parent=home_page)
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        article = NewsPageFactory(parent=index, title="新闻")
        article.save_revision().publish()
    assert content_version.current() > before
    assert any(a["pages"] and a["pages"][0].pk == article.pk and not a["purge_all"] for a in announcements)
    settings = SiteContactSettings.for_site(home_page.get_site())
    announcements.clear()
    with django_capture_on_commit_callbacks(execute=True):
        settings.hotline = "9999-0000"
        settings.save()
    assert len(announcements) == 1
    assert announcements[0]["instance"] == settings and announcements[0]["purge_all"] is True
    assert announcements[0]["pages"] == []


def test_nothing_is_announced_before_the_transaction_commits(
    home_page, announcements, django_capture_on_commit_callbacks
):
    settings = SiteContactSettings.for_site(home_page.get_site())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        settings.hotline = "9999-0001"
        settings.save()
    assert announcements == [] and len(callbacks) == 1


def test_a_draft_page_changes_nothing_public(home_page, announcements, django_capture_on_commit_callbacks):
    index = NewsIndexPageFactory(parent=home_page)
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        NewsPageFactory(parent=index, title="草稿", live=False)
    assert content_version.current() == before and announcements == []
