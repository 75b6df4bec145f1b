import json
import re

import pytest
from wagtail.models import Site

from portal.ground.geo import wgs84_to_gcj02
from services.places.models import MapSettings, StationIndexPage
from services.places.stations import upsert_station
from services.showcase.maps import station_map, tile_map

from .conftest import publish
from .factories import CommunityFactory, ModelCommunityPageFactory

pytestmark = pytest.mark.django_db


def station(name, lat, lng, **extra):
    return {
        "name": name,
        "kind": "党群服务站",
        "address": "云溪区柳荫路1号",
        "url": "",
        "latitude": lat,
        "longitude": lng,
        **extra,
    }


STATIONS = [
    station("柳荫社区党群服务中心", 30.2712, 120.1523),
    station("尚无坐标的网格驿站", None, None),
    station("桂园小蜜蜂驿站", 30.2735, 120.1561),
]


def test_tile_map_numbers_markers_like_the_list_and_skips_stations_without_coordinates():
    data = tile_map(STATIONS, MapSettings())
    assert [(m["number"], m["name"]) for m in data["markers"]] == [(1, "柳荫社区党群服务中心"), (3, "桂园小蜜蜂驿站")]
    assert data["markers"][0]["position"] == [30.2712, 120.1523], "WGS-84 tiles get the coordinates unchanged"
    assert [m["number"] for m in station_map(STATIONS)["markers"]] == [1, 3], "the sketch numbers them the same way"


def test_tile_map_shifts_markers_and_centre_into_gcj02_for_chinese_tiles():
    settings = MapSettings(tile_url="/tiles/{z}/{x}/{y}.png", tile_datum="gcj02")
    data = tile_map(STATIONS, settings)
    lat, lng = data["markers"][0]["position"]
    expected = wgs84_to_gcj02(30.2712, 120.1523)
    assert (lat, lng) == (round(expected[0], 6), round(expected[1], 6)), "the places app's conversion"
    assert abs(lng - 120.1523) > 0.003, "in Hangzhou GCJ-02 is several hundred metres off WGS-84"
    assert data["options"]["center"] != [30.27, 120.15]
    assert data["options"]["tileUrl"] == "/tiles/{z}/{x}/{y}.png"


def test_no_map_without_located_stations():
    assert tile_map([station("尚无坐标", None, None)], MapSettings()) is None
    assert tile_map([], MapSettings()) is None


@pytest.fixture
def community_with_stations(home_page, community_index):
    community = CommunityFactory(name="柳荫社区", slug="liuyin-sq")
    stations = StationIndexPage(title="阵地地图", slug="stations")
    home_page.add_child(instance=stations)
    for code, (title, lat, lng) in enumerate(
        [("柳荫社区党群服务中心", 30.2712, 120.1523), ("柳荫骑手驿站", 30.2735, 120.1561)]
    ):
        upsert_station(
            f"SC-{code}",
            {
                "title": title,
                "kind": "rider",
                "address": "云溪区柳荫路10号",
                "latitude": lat,
                "longitude": lng,
                "community": community,
            },
            [[] for _day in range(7)],
            index=stations,
        )
    publish(ModelCommunityPageFactory(parent=community_index, slug="liuyin", community=community))
    return community


def map_data(html):
    match = re.search(r'<script id="community-map-data" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1)) if match else None


def test_model_community_page_carries_the_interactive_map_over_the_sketch_and_list(client, community_with_stations):
    html = client.get("/communities/liuyin/").content.decode()
    data = map_data(html)
    assert [m["name"] for m in data["markers"]] == ["柳荫社区党群服务中心", "柳荫骑手驿站"]
    assert data["markers"][0]["url"].startswith("/stations/")
    assert data["messages"]["tilesFailed"] == "地图底图暂时无法加载，阵地标记和下方列表仍可正常使用。"
    assert "vendor/leaflet/leaflet.js" in html and "vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "showcase/community-map.js" in html
    assert "data-community-map" in html and 'class="station-map" data-station-sketch' in html, "the sketch stays"
    assert html.count('class="station-map__marker"') == 2, "the no-script sketch still draws both stations"


def test_model_community_page_uses_the_tile_server_set_for_the_places_maps(client, community_with_stations):
    settings = MapSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tile_url = "/tiles/{z}/{x}/{y}.png"
    settings.tile_attribution = "云溪区测绘地理信息中心"
    settings.save()
    data = map_data(client.get("/communities/liuyin/").content.decode())
    assert data["options"]["tileUrl"] == "/tiles/{z}/{x}/{y}.png"
    assert data["options"]["attribution"] == "云溪区测绘地理信息中心"


def test_no_map_script_for_a_community_without_stations(client, community_index):
    publish(ModelCommunityPageFactory(parent=community_index, slug="alone", community=CommunityFactory()))
    html = client.get("/communities/alone/").content.decode()
    assert "community-map-data" not in html and "leaflet.js" not in html
