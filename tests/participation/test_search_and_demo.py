"""Exchange items are found by search (type ``item``); the demo volunteers' balances agree with their history."""

import pytest

from services.participation import demo, points
from services.participation.models import ExchangeItem, Redemption, Resident

pytestmark = pytest.mark.django_db


def test_search_finds_exchange_items_as_their_own_type(client, station, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeItem.objects.create(
            name="小家电维修一次", points=60, station=station, stock=3, description="电饭煲、电风扇"
        )
        ExchangeItem.objects.create(name="旧家电回收", points=10, station=station, stock=0, active=False)
    data = client.get("/api/v1/search/", {"q": "家电维修", "type": "item"}).json()
    assert [r["title"] for r in data["results"]] == ["小家电维修一次"]
    assert data["results"][0]["type"] == "item" and "/points/#item-" in data["results"][0]["url"]


def test_demo_rules_items_and_volunteers(home_page, station):
    from services.places.models import StationPage

    StationPage.objects.filter(pk=station.pk).update(title="新河社区党群服务中心")
    demo.load(home_page)
    demo.load(home_page)  # idempotent
    sun = Resident.objects.get(phone="13900001001")
    # 24 hours of service at 10 points and two wishes at 20, less 米面油礼包 (200) and 理发一次 (50).
    assert points.balance(sun) == 24 * 10 + 2 * 20 - 200 - 50
    assert Redemption.objects.filter(resident=sun).count() == 2
    assert ExchangeItem.objects.get(name="米面油礼包").stock == 19
