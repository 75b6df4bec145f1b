"""News addresses: ASCII slugs from the title's pinyin, and old percent-encoded addresses redirected."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils.encoding import iri_to_uri

from home.models import NewsPage
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, slug="news")


def test_a_chinese_slug_becomes_pinyin(news_index):
    page = NewsPageFactory(parent=news_index, title="柳荫社区召开网格议事会", slug="柳荫社区召开网格议事会")
    assert page.slug == "liu-yin-she-qu-zhao-kai-wang-ge-yi-shi-hui"
    assert page.url == "/news/liu-yin-she-qu-zhao-kai-wang-ge-yi-shi-hui/"
    twin = NewsPageFactory(parent=news_index, title="柳荫社区召开网格议事会", slug="柳荫社区召开网格议事会-2")
    assert twin.slug == "liu-yin-she-qu-zhao-kai-wang-ge-yi-shi-hui-2"


def test_a_title_without_letters_gives_a_date_slug(news_index):
    page = NewsPageFactory(parent=news_index, title="“１２３４５”", slug="１２３４５", date=datetime.date(2026, 12, 6))
    assert page.slug == "2026-12-06-1"


def test_existing_chinese_addresses_move_to_pinyin_and_the_old_ones_redirect(news_index, client):
    page = NewsPageFactory(parent=news_index, title="望湖社区小蜜蜂驿站开放")
    NewsPage.objects.filter(pk=page.pk).update(
        slug="望湖社区小蜜蜂驿站开放", url_path=news_index.url_path + "望湖社区小蜜蜂驿站开放/"
    )
    migration = importlib.import_module("home.migrations.0003_news_ascii_slugs")
    migration.ascii_slugs(apps, None)

    page.refresh_from_db()
    assert page.slug == "wang-hu-she-qu-xiao-mi-feng-yi-zhan-kai-fang"
    response = client.get(iri_to_uri("/news/望湖社区小蜜蜂驿站开放/"))
    assert response.status_code == 301
    assert response["Location"] == "/news/wang-hu-she-qu-xiao-mi-feng-yi-zhan-kai-fang/"
    assert client.get(response["Location"]).status_code == 200
