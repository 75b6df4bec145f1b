"""GET /api/v1/stations.geojson: every parameter, valid and invalid."""

import datetime
from unittest import mock

import pytest

from services.places.hours import LOCAL_TZ
from tests.places.factories import CommunityFactory, make_station
from tests.portal.ground.test_geo import independent_haversine

URL = "/api/v1/stations.geojson"
CENTRE = (30.27, 120.15)
# A Monday 10:00 in Shanghai.
MONDAY_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL_TZ)


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_10.astimezone(datetime.UTC)):
        yield


@pytest.fixture
def stations(station_index, frozen_now):
    community = CommunityFactory(name="柳荫社区", slug="liuyin")
    return {
        "rider_24h": make_station(
            station_index,
            "小蜜蜂驿站（菜场店）",
            "24小时",
            latitude=30.2710,
            longitude=120.1510,
            facilities=["water", "charging", "microwave"],
            community=community,
        ),
        "centre": make_station(
            station_index,
            "柳荫社区党群服务中心",
            "周一至周五 08:30-17:30",
            kind="centre",
            latitude=30.2790,
            longitude=120.1420,
            facilities=["water", "toilet"],
            community=community,
        ),
        "closed_now": make_station(
            station_index,
            "夜间骑手驿站",
            "每天 18:00-次日02:00",
            latitude=30.2680,
            longitude=120.1480,
            facilities=["charging"],
        ),
        "far": make_station(
            station_index,
            "远郊司机驿站",
            "24小时",
            kind="driver",
            latitude=30.40,
            longitude=120.30,
            facilities=["water"],
        ),
    }


def features(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection"
    return data["features"]


def titles(response):
    return [f["properties"]["title"] for f in features(response)]


def test_all_live_stations_as_geojson_points(client, stations):
    found = features(client.get(URL))
    assert len(found) == 4
    feature = next(f for f in found if f["properties"]["title"] == "柳荫社区党群服务中心")
    assert feature["geometry"] == {"type": "Point", "coordinates": [120.142, 30.279]}
    props = feature["properties"]
    assert props["kind"] == "centre"
    assert props["kind_label"] == "党群服务中心"
    assert props["url"] == stations["centre"].url
    assert props["community"] == "柳荫社区"
    assert props["status"] == "open"
    assert props["open_now"] is True
    assert props["status_label"] == "开放中 · 今天 17:30 关闭"
    assert props["closes_at"] == "2026-11-23T17:30:00+08:00"
    assert "distance_m" not in props


def test_unpublished_stations_are_not_listed(client, stations):
    stations["far"].unpublish()
    assert "远郊司机驿站" not in titles(client.get(URL))


def test_near_sorts_by_distance_and_reports_metres(client, stations):
    found = features(client.get(URL, {"near": f"{CENTRE[0]},{CENTRE[1]}"}))
    distances = [f["properties"]["distance_m"] for f in found]
    assert distances == sorted(distances)
    for feature in found:
        lng, lat = feature["geometry"]["coordinates"]
        assert feature["properties"]["distance_m"] == pytest.approx(independent_haversine(*CENTRE, lat, lng), abs=1)
    assert found[0]["properties"]["title"] == "小蜜蜂驿站（菜场店）"


def test_radius_keeps_only_stations_inside(client, stations):
    inside = titles(client.get(URL, {"near": "30.27,120.15", "radius_km": "1.5"}))
    assert set(inside) == {"小蜜蜂驿站（菜场店）", "夜间骑手驿站", "柳荫社区党群服务中心"}
    assert titles(client.get(URL, {"near": "30.27,120.15", "radius_km": "0.2"})) == ["小蜜蜂驿站（菜场店）"]


def test_kind_filter_accepts_one_or_several(client, stations):
    assert set(titles(client.get(URL, {"kind": "rider"}))) == {"小蜜蜂驿站（菜场店）", "夜间骑手驿站"}
    assert set(titles(client.get(URL, {"kind": "centre,driver"}))) == {"柳荫社区党群服务中心", "远郊司机驿站"}
    assert set(titles(client.get(URL + "?kind=centre&kind=driver"))) == {"柳荫社区党群服务中心", "远郊司机驿站"}


def test_facility_filter_requires_every_facility(client, stations):
    assert set(titles(client.get(URL, {"facility": "charging"}))) == {"小蜜蜂驿站（菜场店）", "夜间骑手驿站"}
    assert titles(client.get(URL, {"facility": "charging,microwave"})) == ["小蜜蜂驿站（菜场店）"]


def test_open_now_uses_shanghai_time(client, stations):
    open_now = set(titles(client.get(URL, {"open_now": "1"})))
    assert open_now == {"小蜜蜂驿站（菜场店）", "柳荫社区党群服务中心", "远郊司机驿站"}
    closed = next(f for f in features(client.get(URL)) if f["properties"]["title"] == "夜间骑手驿站")
    assert closed["properties"]["status"] == "closed"
    assert closed["properties"]["opens_at"] == "2026-11-23T18:00:00+08:00"
    assert len(titles(client.get(URL, {"open_now": "0"}))) == 4


def test_all_filters_together(client, stations):
    found = titles(client.get(URL, {"near": "30.27,120.15", "radius_km": "3", "kind": "rider", "open_now": "1"}))
    assert found == ["小蜜蜂驿站（菜场店）"]


@pytest.mark.parametrize(
    ("params", "parameter", "fragment"),
    [
        ({"near": "30.27"}, "near", "纬度,经度"),
        ({"near": "abc,def"}, "near", "纬度,经度"),
        ({"near": "95,120"}, "near", "超出范围"),
        ({"near": "30,200"}, "near", "超出范围"),
        ({"near": "30.27,120.15", "radius_km": "three"}, "radius_km", "公里"),
        ({"near": "30.27,120.15", "radius_km": "0"}, "radius_km", "大于 0"),
        ({"near": "30.27,120.15", "radius_km": "-1"}, "radius_km", "大于 0"),
        ({"near": "30.27,120.15", "radius_km": "1000"}, "radius_km", "不超过"),
        ({"near": "30.27,120.15", "radius_km": "inf"}, "radius_km", "大于 0"),
        ({"radius_km": "3"}, "radius_km", "near"),
        ({"kind": "hotel"}, "kind", "hotel"),
        ({"facility": "pool"}, "facility", "pool"),
        ({"open_now": "maybe"}, "open_now", "1 或 0"),
        ({"from": "nowhere"}, "from", "nowhere"),
    ],
)
def test_bad_parameters_get_400_with_a_json_error_naming_the_parameter(client, stations, params, parameter, fragment):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert body["parameter"] == parameter
    assert fragment in body["message"]


def test_from_community_uses_its_location(client, stations):
    found = features(client.get(URL, {"from": "liuyin"}))
    assert found[0]["properties"]["title"] == "小蜜蜂驿站（菜场店）"
    assert all("distance_m" in f["properties"] for f in found)


def test_post_is_not_allowed(client, stations):
    assert client.post(URL).status_code == 405


def test_empty_result_is_a_valid_feature_collection(client, station_index):
    response = client.get(URL, {"kind": "driver"})
    assert features(response) == []
    assert response.json()["metadata"]["count"] == 0


def test_query_count_does_not_grow_with_stations(client, stations, django_assert_max_num_queries):
    # One of them reads the content version the response is cached under.
    with django_assert_max_num_queries(5):
        client.get(URL, {"near": "30.27,120.15", "radius_km": "3", "open_now": "1"})
