"""Fixtures for search tests: a small Chinese corpus and engines to run the contract against."""

import datetime
import os
import uuid

import pytest

from search.engine import reset_engine

CORPUS = [
    # slug, title, summary, body, category, date
    (
        "grid-meeting",
        "柳荫社区实行网格化管理",
        "社区划分为12个网格，每个网格配备一名网格员。",
        "网格员每天走访居民，收集诉求并及时上报。",
        "work",
        "2026-03-02",
    ),
    (
        "traditional",
        "黨群服務中心延長開放時間",
        "各社區黨群服務中心周六上午開放。",
        "居民可到黨群服務中心辦理證明和咨詢。",
        "notice",
        "2026-05-10",
    ),
    (
        "garbage",
        "垃圾分类桶前值守见成效",
        "望湖社区厨余垃圾分出率达到27%。",
        "志愿者在垃圾分类投放点值守，指导居民正确分类。",
        "community",
        "2025-11-20",
    ),
    (
        "whistle",
        "柳荫街道吹哨报到解决停车难",
        "街道吹哨、部门报到，背街小巷停车难问题得到解决。",
        "城管、交警和物业共同参与，新增停车位86个。",
        "work",
        "2025-08-15",
    ),
    (
        "bee",
        "小蜜蜂驿站为外卖骑手提供歇脚点",
        "全区建成小蜜蜂驿站56个。",
        "驿站提供饮水、充电、微波炉和休息座椅。",
        "press",
        "2026-01-12",
    ),
    (
        "pinyin",
        "网(wǎng)格员招募公告",
        "招募网格员20名。",
        "报名时间为即日起至月底，详情咨询社区居委会。",
        "notice",
        "2026-02-01",
    ),
]


def publish_news(index, slug, title, summary, body, category, date):
    from tests.home.factories import NewsPageFactory

    page = NewsPageFactory.build(
        slug=slug,
        title=title,
        summary=summary,
        body=[{"type": "paragraph", "value": f"<p>{body}</p>"}],
        category=category,
        date=datetime.date.fromisoformat(date),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def news_index(home_page):
    from tests.home.factories import NewsIndexPageFactory

    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def corpus(news_index, django_capture_on_commit_callbacks):
    """Six published news articles (one in Traditional script, one with bracketed pinyin)."""
    with django_capture_on_commit_callbacks(execute=False):
        pages = {row[0]: publish_news(news_index, *row) for row in CORPUS}
    return pages


@pytest.fixture
def communities(db):
    """Three communities with coordinates around the fictional district's centre."""
    from services.places.models import Community, Street

    street = Street.objects.create(name="柳荫街道", slug="liuyin")
    return [
        Community.objects.create(
            street=street,
            name="柳荫社区",
            slug="liuyin-sq",
            latitude=30.2700,
            longitude=120.1500,
            party_organisation="中共柳荫社区委员会",
        ),
        Community.objects.create(
            street=street,
            name="枫林社区",
            slug="fenglin-sq",
            latitude=30.2790,
            longitude=120.1500,
            party_organisation="中共枫林社区委员会",
        ),
        Community.objects.create(
            street=street,
            name="远郊社区",
            slug="far-sq",
            latitude=30.5000,
            longitude=120.5000,
            party_organisation="中共远郊社区委员会",
        ),
    ]


@pytest.fixture(autouse=True)
def fresh_typo_lexicon():
    """Typo correction reads each test's own vocabulary, not the one a previous test left in memory."""
    from search.correct import corrector

    corrector.forget()
    yield
    corrector.forget()


@pytest.fixture
def embedded_engine(db):
    from search.engine.embedded import EmbeddedEngine

    engine = EmbeddedEngine()
    reset_engine(engine)
    yield engine
    reset_engine()


@pytest.fixture
def elastic_engine(db):
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("Elasticsearch contract run skipped: ELASTICSEARCH_URL is not set (no cluster on this machine)")
    from django.test import override_settings

    from search.engine.elastic import ElasticsearchEngine, client_from_settings

    with override_settings(ELASTICSEARCH_URL=url):  # hosts, CA file or fingerprint and API key as configured
        client = client_from_settings().options(request_timeout=10)
    try:
        client.info()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"Elasticsearch contract run skipped: {url} is not reachable ({exc.__class__.__name__})")
    engine = ElasticsearchEngine(client, env=f"test-{uuid.uuid4().hex[:8]}", refresh=True)
    reset_engine(engine)
    yield engine
    reset_engine()
    engine.drop_indices()  # by concrete names: Elasticsearch 8 refuses wildcard deletes


@pytest.fixture(autouse=True)
def _no_pending_query_counts():
    """Query counts recorded in memory by one test never reach another's flush."""
    from search import stats

    stats._pending.clear()
    yield
    stats._pending.clear()
