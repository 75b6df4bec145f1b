"""Station pages are cached per content version; opening statuses still follow the clock."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.places import hours as hours_logic

from .factories import CommunityFactory, make_station

pytestmark = pytest.mark.django_db

MONDAY_MORNING = datetime.datetime(2026, 11, 23, 10, 0)  # a Monday, local time
MONDAY_EVENING = datetime.datetime(2026, 11, 23, 18, 0)


@pytest.fixture
def clock(monkeypatch):
    """Set the district's local time."""

    def set_time(moment):
        monkeypatch.setattr(hours_logic, "local_now", lambda: moment)

    set_time(MONDAY_MORNING)
    return set_time


@pytest.fixture
def station(station_index, clock):
    community = CommunityFactory(name="柳荫社区", slug="liuyin", latitude=30.27, longitude=120.15)
    return make_station(
        station_index, "柳荫社区党群服务中心", "周一至周五 09:00-17:00", community=community, kind="centre"
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    "url",
    ["/stations/", "/stations/?kind=centre", "/community/liuyin/", "/api/v1/stations.geojson"],
)
def test_a_second_visit_reads_the_page_from_the_cache(client, station, url):
    first = queries_for(client, url)
    assert queries_for(client, url) <= 2 < first


def test_a_second_visit_to_a_station_reads_it_from_the_cache(client, station):
    first = queries_for(client, station.url)
    assert queries_for(client, station.url) <= 2 < first


def test_a_published_station_change_shows_on_the_next_request(client, station, django_capture_on_commit_callbacks):
    urls = ["/stations/", station.url, "/community/liuyin/", "/api/v1/stations.geojson"]
    for url in urls:
        assert "柳荫社区党群服务中心" in client.get(url).content.decode(), url  # fills the caches
    with django_capture_on_commit_callbacks(execute=True):
        station.title = "柳荫社区党群服务中心（新址）"
        station.address = "云溪区柳荫路88号"
        station.save_revision().publish()
    for url in urls:
        content = client.get(url).content.decode()
        assert "柳荫社区党群服务中心（新址）" in content and "柳荫路88号" in content, url
    with django_capture_on_commit_callbacks(execute=True):
        station.unpublish()
    assert client.get(station.url).status_code == 404
    for url in ["/stations/", "/community/liuyin/", "/api/v1/stations.geojson"]:
        assert "柳荫社区党群服务中心" not in client.get(url).content.decode(), url


def test_the_opening_status_follows_the_clock_on_cached_pages(client, station, clock):
    def status_on(url):
        return client.get(url).content.decode()

    opened, closed = 'class="status status--open"', 'class="status status--closed"'
    for url in ["/stations/", station.url, "/community/liuyin/"]:
        assert opened in status_on(url) and closed not in status_on(url), url
    assert client.get("/api/v1/stations.geojson").json()["features"][0]["properties"]["open_now"] is True
    assert "柳荫社区党群服务中心" in status_on("/stations/?open_now=1")
    clock(MONDAY_EVENING)
    for url in ["/stations/", station.url, "/community/liuyin/"]:
        content = status_on(url)
        assert closed in content and opened not in content and "已关闭" in content, url
    assert client.get("/api/v1/stations.geojson").json()["features"][0]["properties"]["open_now"] is False
    assert "柳荫社区党群服务中心" not in status_on("/stations/?open_now=1")


def test_a_preview_of_a_station_never_fills_the_public_cache(client, station):
    draft = type(station).objects.get(pk=station.pk)
    draft.address = "尚未发布的新地址"
    assert "尚未发布的新地址" in draft.make_preview_request().content.decode()
    assert "尚未发布的新地址" not in client.get(station.url).content.decode()
    assert "尚未发布的新地址" in draft.make_preview_request().content.decode()
