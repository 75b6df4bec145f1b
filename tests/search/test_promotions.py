"""Editors' promoted results (Settings → 推广搜索结果) as residents and outside tools see them."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(embedded_engine, corpus):
    embedded_engine.rebuild()
    return corpus


def test_promoted_page_comes_first_on_the_page_and_in_the_api(client, indexed):
    SearchPromotion.objects.create(
        query=Query.get("网格"), page=indexed["bee"], description="骑手<驿站>地图", sort_order=0
    )
    html = client.get("/search/", {"q": "网格"}).content.decode()
    first = html.index("search-hit--promoted")
    assert first < html.index("柳荫社区实行")
    assert "推荐" in html[first : first + 300]
    assert "骑手&lt;驿站&gt;地图" in html  # the editor's description is text, never markup
    data = client.get("/api/v1/search/", {"q": "网格"}).json()
    assert data["results"][0]["title"] == "小蜜蜂驿站为外卖骑手提供歇脚点"
    assert data["results"][0]["promoted"] is True
    assert "promoted" not in data["results"][1]


def test_a_promoted_page_that_is_no_longer_public_is_not_shown(client, indexed):
    SearchPromotion.objects.create(query=Query.get("网格"), page=indexed["bee"], sort_order=0)
    assert client.get("/api/v1/search/", {"q": "网格"}).json()["results"][0]["title"].startswith("小蜜蜂")
    indexed["bee"].unpublish()
    titles = [r["title"] for r in client.get("/api/v1/search/", {"q": "网格"}).json()["results"]]
    assert "小蜜蜂驿站为外卖骑手提供歇脚点" not in titles


def test_a_promotion_deleted_in_the_admin_stops_at_once(client, indexed):
    promotion = SearchPromotion.objects.create(query=Query.get("网格"), page=indexed["bee"], sort_order=0)
    assert client.get("/api/v1/search/", {"q": "网格"}).json()["results"][0]["promoted"] is True
    promotion.delete()
    assert "promoted" not in client.get("/api/v1/search/", {"q": "网格"}).json()["results"][0]


def test_editors_find_promotions_in_the_settings_menu(admin_client):
    response = admin_client.get("/admin/searchpicks/")
    assert response.status_code == 200
    assert "/admin/searchpicks/" in admin_client.get("/admin/").content.decode()
