"""The index follows Wagtail's events after commit: publish, unpublish, move, delete, privacy, snippets."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def keys():
    return set(SearchEntry.objects.values_list("key", flat=True))


def test_publish_indexes_only_after_commit(embedded_engine, news_index, django_capture_on_commit_callbacks):
    from tests.search.conftest import publish_news

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = publish_news(news_index, "n1", "网格员上门服务", "摘要", "正文", "work", "2026-01-01")
    assert f"home.newspage:{page.pk}" not in keys()
    for callback in callbacks:
        callback()
    assert f"home.newspage:{page.pk}" in keys()


def test_unpublish_move_privacy_and_delete(embedded_engine, news_index, home_page, django_capture_on_commit_callbacks):
    from tests.search.conftest import publish_news

    with django_capture_on_commit_callbacks(execute=True):
        page = publish_news(news_index, "n2", "垃圾分类新规", "摘要", "正文", "work", "2026-01-01")
    key = f"home.newspage:{page.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert key not in keys()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert key in keys()

    with django_capture_on_commit_callbacks(execute=True):
        news_index.slug = "xinwen"
        news_index.save_revision().publish()
    assert SearchEntry.objects.get(key=key).url.endswith("/xinwen/n2/")
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.move(home_page, pos="last-child")
    assert SearchEntry.objects.get(key=key).url.endswith("/n2/")
    assert "/xinwen/" not in SearchEntry.objects.get(key=key).url

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert key not in keys()  # private content never reaches public search
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=page).delete()
    assert key in keys()

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert key not in keys()


def test_snippet_changes_follow(embedded_engine, communities, django_capture_on_commit_callbacks):
    community = communities[0]
    key = f"places.community:{community.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        community.name = "柳荫新社区"
        community.save()
    assert SearchEntry.objects.get(key=key).title == "柳荫新社区"
    with django_capture_on_commit_callbacks(execute=True):
        community.delete()
    assert key not in keys()


def test_rebuild_and_check_commands(embedded_engine, corpus, capsys):
    call_command("rebuild_search_index", "--no-progress", "--skip-wagtail", "--nice", "0")
    assert "6 篇" in capsys.readouterr().out
    call_command("check_search_index")
    assert "一致" in capsys.readouterr().out
    SearchEntry.objects.filter(key=f"home.newspage:{corpus['bee'].pk}").delete()
    SearchEntry.objects.filter(key=f"home.newspage:{corpus['garbage'].pk}").update(checksum="old")
    with pytest.raises(CommandError) as error:
        call_command("check_search_index")
    assert error.value.returncode == 1  # manage.py exits with status 1
    out = capsys.readouterr()
    assert "缺失" in out.out and "过期" in out.out


def test_a_rebuild_gives_the_processor_to_the_site_first(embedded_engine, corpus, monkeypatch, capsys):
    """The command lowers its own CPU priority (by 10 unless told otherwise) before it analyses anything."""
    import os

    lowered = []
    monkeypatch.setattr(os, "nice", lowered.append)  # the test process keeps its own priority
    call_command("rebuild_search_index", "--no-progress", "--skip-wagtail")
    assert lowered == [10] and "6 篇" in capsys.readouterr().out
    call_command("rebuild_search_index", "--no-progress", "--skip-wagtail", "--nice", "0")
    assert lowered == [10]
