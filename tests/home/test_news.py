"""News listing, filters, article page, related news and the RSS feed."""

import datetime

import feedparser
import pytest

from tests.home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def test_news_list_shows_newest_first_with_pagination(client, news_index):
    for n in range(12):
        NewsPageFactory(
            parent=news_index, title=f"第{n}号新闻", date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
        )
    response = client.get("/news/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("第11号新闻") < html.index("第10号新闻")
    assert "第0号新闻" not in html  # on page 2
    assert "第 1 页，共 2 页" in html
    page2 = client.get("/news/?page=2").content.decode()
    assert "第0号新闻" in page2 and "第11号新闻" not in page2


def test_news_filters_by_category_tag_and_year(client, news_index):
    press = NewsPageFactory(parent=news_index, title="新闻发布会实录", category="press", date=datetime.date(2025, 3, 8))
    NewsPageFactory(parent=news_index, title="垃圾分类工作动态", category="work", date=datetime.date(2026, 3, 8))
    press.tags.add("网格化管理")
    press.save_revision().publish()
    assert "新闻发布会实录" in client.get("/news/?category=press").content.decode()
    assert "垃圾分类工作动态" not in client.get("/news/?category=press").content.decode()
    by_year = client.get("/news/?year=2026").content.decode()
    assert "垃圾分类工作动态" in by_year and "新闻发布会实录" not in by_year
    by_tag = client.get("/news/?tag=网格化管理").content.decode()
    assert "新闻发布会实录" in by_tag and "垃圾分类工作动态" not in by_tag


@pytest.mark.parametrize(
    "query",
    ["?year=abc&page=-1", "?category=nonsense", "?page=999", "?page=abc", "?year=99999", "?tag=%00", "?page=1e9"],
)
def test_garbage_filters_never_fail(client, news_index, query):
    NewsPageFactory(parent=news_index)
    response = client.get("/news/" + query)
    assert response.status_code == 200


def test_unknown_category_says_nothing_matches(client, news_index):
    NewsPageFactory(parent=news_index)
    assert "没有符合条件的新闻" in client.get("/news/?category=nonsense").content.decode()


def test_article_shows_metadata_structured_data_and_related(client, news_index):
    article = NewsPageFactory(parent=news_index, title="加装电梯签约率突破八成", source="区住建局", author="林晓")
    article.tags.add("加装电梯")
    article.save_revision().publish()
    sibling = NewsPageFactory(parent=news_index, title="又一部加装电梯投入使用")
    sibling.tags.add("加装电梯")
    sibling.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "加装电梯签约率突破八成" in html
    assert "来源：区住建局" in html
    assert '"@type": "NewsArticle"' in html
    assert 'property="og:type" content="article"' in html
    assert "又一部加装电梯投入使用" in html  # related by tag


def test_rss_feed_is_valid_and_lists_every_item(client, news_index):
    for n in range(3):
        NewsPageFactory(parent=news_index, title=f"订阅测试{n}")
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    titles = [entry.title for entry in feed.entries]
    assert {"订阅测试0", "订阅测试1", "订阅测试2"} <= set(titles)
    for entry in feed.entries:
        assert entry.link.startswith("http")
        assert entry.published_parsed is not None


def test_unpublished_news_is_not_listed_or_in_feed(client, news_index):
    draft = NewsPageFactory(parent=news_index, title="尚未发布的稿件")
    draft.unpublish()
    assert "尚未发布的稿件" not in client.get("/news/").content.decode()
    assert "尚未发布的稿件" not in client.get("/news/feed/").content.decode()
