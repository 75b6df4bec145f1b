"""Community and grid outlines and roads: checked on the way in, served by /api/v1/boundaries.geojson."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from services.places.boundaries import clean_area, clean_line, label_point
from services.places.models import Road
from tests.places.factories import CommunityFactory, GridFactory, GridWorkerFactory

URL = "/api/v1/boundaries.geojson"
SQUARE = {"type": "Polygon", "coordinates": [[[120.14, 30.28], [120.16, 30.28], [120.16, 30.29], [120.14, 30.29]]]}


def test_an_outline_is_closed_and_rounded():
    area = clean_area({"type": "Polygon", "coordinates": [[[120.123456789, 30.1], [120.2, 30.1], [120.2, 30.2]]]})
    ring = area["coordinates"][0]
    assert ring[0] == ring[-1] == [120.1234568, 30.1] and len(ring) == 4
    assert clean_area(None) is None and clean_line("") is None
    assert label_point(clean_area(SQUARE)) == [120.15, 30.285]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"type": "Point", "coordinates": [120.1, 30.2]}, "边界必须是 GeoJSON 的 Polygon 或 MultiPolygon。"),
        ({"type": "Polygon", "coordinates": [[[120.1, 30.2], [120.2, 30.2]]]}, "区域至少需要三个角点。"),
        ({"type": "Polygon", "coordinates": [[[220, 30], [120, 30], [120, 31]]]}, "有点的坐标超出了经纬度的范围。"),
        ({"type": "Polygon", "coordinates": [[["a", 30], [120, 30], [120, 31]]]}, "每个点必须是一对数字：经度、纬度。"),
    ],
)
def test_bad_outlines_are_refused_in_chinese(value, message):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        clean_area(value)
    assert caught.value.messages == [message]


@pytest.mark.django_db
def test_a_community_with_a_bad_outline_does_not_validate():
    community = CommunityFactory(boundary={"type": "Polygon", "coordinates": [[[120.1, 30.2]]]})
    with pytest.raises(ValidationError) as caught:
        community.full_clean()
    assert "boundary" in caught.value.message_dict


@pytest.mark.django_db
def test_boundaries_api_serves_areas_labels_grid_links_and_roads(client):
    community = CommunityFactory(name="柳荫社区", slug="liuyin", boundary=SQUARE)
    grid = GridFactory(community=community, name="第一网格", boundary=SQUARE)
    GridWorkerFactory(grid=grid, name="王丽萍")
    GridFactory(community=community, name="第二网格")  # no outline drawn: left out
    Road.objects.create(name="望湖路", path={"type": "LineString", "coordinates": [[120.1, 30.27], [120.2, 30.27]]})

    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert [(f["properties"]["kind"], f["properties"]["name"]) for f in features] == [
        ("community", "柳荫社区"),
        ("grid", "第一网格"),
        ("road", "望湖路"),
    ]
    area, grid_feature, road = features
    assert area["geometry"]["type"] == "Polygon" and area["properties"]["url"] == "/community/liuyin/"
    assert area["properties"]["label_point"] == [120.15, 30.285]
    assert grid_feature["properties"]["url"] == f"/community/liuyin/#grid-{grid.pk}"
    assert grid_feature["properties"]["grid_worker"] == "王丽萍"
    assert grid_feature["properties"]["grid_worker_url"] == f"/grid-worker/?grid={grid.pk}"
    assert "work_phone" not in str(grid_feature) and "0571" not in str(grid_feature)
    assert road["geometry"] == {"type": "LineString", "coordinates": [[120.1, 30.27], [120.2, 30.27]]}


@pytest.mark.django_db
def test_the_community_page_has_an_anchor_for_each_grid(client):
    community = CommunityFactory(slug="liuyin", boundary=SQUARE)
    grid = GridFactory(community=community, boundary=SQUARE)
    html = client.get(f"/community/{community.slug}/").content.decode()
    assert f'id="grid-{grid.pk}"' in html


@pytest.mark.django_db
def test_a_configured_tile_server_is_allowed_by_the_content_security_policy(
    client, station_index, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from services.places.models import MapSettings

    settings = MapSettings.for_site(Site.objects.get(is_default_site=True))
    policy = client.get("/stations/")["Content-Security-Policy"]
    assert "tianditu" not in policy
    settings.tile_url = "https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    policy = client.get("/stations/")["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert img_src.split() == ["img-src", "'self'", "data:", "blob:", "https://*.tianditu.gov.cn"]
