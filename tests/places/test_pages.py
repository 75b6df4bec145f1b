"""The /stations/ page without JavaScript, station pages, their iCal feed and QR code."""

import datetime
import re
from unittest import mock

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from services.places.hours import LOCAL_TZ
from services.places.models import OpeningException, PublicHoliday, StationActivity, StationService
from tests.places.factories import CommunityFactory, GridFactory, make_station

MONDAY_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL_TZ)


@pytest.fixture(autouse=True)
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_10.astimezone(datetime.UTC)):
        yield


@pytest.fixture
def stations(station_index):
    liuyin = CommunityFactory(
        name="柳荫社区", slug="liuyin", street__name="柳荫街道", latitude=30.285, longitude=120.135
    )
    wanghu = CommunityFactory(
        name="望湖社区", slug="wanghu", street__name="望湖街道", latitude=30.268, longitude=120.165
    )
    return {
        "centre": make_station(
            station_index,
            "柳荫社区党群服务中心",
            "周一至周五 08:30-12:00,13:30-17:30；周六 09:00-12:00",
            kind="centre",
            community=liuyin,
            latitude=30.285,
            longitude=120.135,
            facilities=["water", "toilet", "accessible"],
            holiday_policy="closed",
            phone="0571-8690 5000",
        ),
        "rider": make_station(
            station_index, "小蜜蜂驿站（望湖商圈）", "24小时", community=wanghu, latitude=30.268, longitude=120.165
        ),
        "night": make_station(
            station_index, "望湖夜间驿站", "每天 18:00-次日02:00", community=wanghu, latitude=30.269, longitude=120.166
        ),
    }


def test_station_list_works_without_javascript_grouped_by_community(client, stations):
    response = client.get("/stations/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(">柳荫社区 <small>柳荫街道</small>") < html.index(">望湖社区 <small>望湖街道</small>")
    assert html.index("柳荫社区党群服务中心") < html.index("小蜜蜂驿站（望湖商圈）")
    assert "共找到 3 个站点" in html
    assert 'href="/community/liuyin/"' in html
    # The map is an enhancement: hidden until the script shows it, fed by the same filters.
    assert "data-map-section hidden" in html
    assert 'data-geojson-url="/api/v1/stations.geojson"' in html


def test_filters_kind_and_open_now_in_the_list(client, stations):
    html = client.get("/stations/", {"kind": "rider", "open_now": "1"}).content.decode()
    assert "小蜜蜂驿站（望湖商圈）" in html
    assert "望湖夜间驿站" not in html
    assert "柳荫社区党群服务中心" not in html
    assert "共找到 1 个站点" in html
    assert 'data-geojson-url="/api/v1/stations.geojson?kind=rider&amp;open_now=1"' in html


def test_live_status_is_shown_in_words(client, stations):
    html = client.get("/stations/").content.decode()
    assert "开放中" in html and "今天 12:00 关闭" in html
    assert "已关闭" in html and "今天 18:00 开放" in html
    assert "24小时开放" in html


def test_nearest_from_a_picked_community_shows_distances(client, stations):
    html = client.get("/stations/", {"from": "wanghu"}).content.decode()
    assert "由近到远" in html
    assert html.index("小蜜蜂驿站（望湖商圈）") < html.index("望湖夜间驿站") < html.index("柳荫社区党群服务中心")
    assert "距离 0 米" in html or "距离 10 米" in html
    assert "距离 3.5 公里" in html or "距离 3.4 公里" in html


def test_bad_filter_shows_a_chinese_message_not_an_error_page(client, stations):
    response = client.get("/stations/", {"near": "somewhere"})
    assert response.status_code == 200
    assert "near 应为“纬度,经度”" in response.content.decode()


def test_station_page_shows_hours_with_today_status_and_facilities(client, stations):
    response = client.get(stations["centre"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "柳荫社区党群服务中心" in html
    assert 'class="is-today" aria-current="date"><th scope="row">周一 <strong>（今天）</strong>' in html
    assert "08:30—12:00、13:30—17:30" in html
    assert "<td>休息</td>" in html  # Sunday
    assert "开放中" in html
    assert "无障碍通道" in html
    assert 'href="tel:057186905000"' in html
    assert f'href="/feedback/?station={stations["centre"].pk}"' in html
    assert "报告此站点信息有误" in html
    assert '"@type": "GovernmentOffice"' in html


def test_station_page_lists_exceptions_and_holidays(client, stations):
    centre = stations["centre"]
    PublicHoliday.objects.create(date=datetime.date(2026, 12, 1), name="测试假日", kind="holiday")
    centre.opening_exceptions = [
        OpeningException(date=datetime.date(2026, 11, 25), closed=True, note="设备检修"),
    ]
    centre.save_revision().publish()
    text = re.sub(r"<[^>]+>", "", client.get(centre.url).content.decode())
    assert "11月25日（周三） 休息　设备检修" in text
    assert "12月1日（周二） 休息　测试假日" in text


def test_closed_station_page_says_when_it_opens(client, stations):
    html = client.get(stations["night"].url).content.decode()
    assert "已关闭" in html
    assert "今天 18:00 开放" in html


def test_activities_of_the_month_and_ical_feed(client, stations):
    centre = stations["centre"]
    centre.activities = [
        StationActivity(
            date=datetime.date(2026, 11, 28),
            start_time=datetime.time(9, 30),
            end_time=datetime.time(11),
            title="老年智能手机课堂",
            audience="老年居民",
        ),
        StationActivity(
            date=datetime.date(2027, 3, 1),
            start_time=datetime.time(9),
            end_time=datetime.time(10),
            title="明年的活动",
            audience="",
        ),
    ]
    centre.save_revision().publish()
    html = client.get(centre.url).content.decode()
    assert "老年智能手机课堂" in html and "09:30—11:00" in html and "老年居民" in html
    assert "明年的活动" not in html
    response = client.get(f"/stations/{centre.pk}/activities.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;TZID=Asia/Shanghai:20261128T093000" in text
    assert "SUMMARY:老年智能手机课堂" in text
    assert text.count("BEGIN:VEVENT") == 2
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # Re-publishing keeps the UIDs so calendar apps do not duplicate events.
    uids = [line for line in text.split("\r\n") if line.startswith("UID:")]
    centre.save_revision().publish()
    again = client.get(f"/stations/{centre.pk}/activities.ics").content.decode()
    assert uids == [line for line in again.split("\r\n") if line.startswith("UID:")]


def test_ical_and_qr_of_unpublished_station_are_not_found(client, stations):
    stations["night"].unpublish()
    assert client.get(f"/stations/{stations['night'].pk}/activities.ics").status_code == 404
    assert client.get(f"/stations/{stations['night'].pk}/qr.svg").status_code == 404


def rasterise_segno_svg(svg, zoom=8):
    """Draw the path of a segno SVG (M/m/h commands, one module per unit) into a Pillow image."""
    text = svg.decode()
    size = int(re.search(r'width="(\d+)"', text).group(1))
    scale = int(re.search(r"scale\((\d+)\)", text).group(1))
    modules = size // scale
    image = Image.new("L", (modules * zoom, modules * zoom), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", re.search(r' d="([^"]+)"', text).group(1)):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            row = int(y)
            draw.rectangle([x * zoom, row * zoom, (x + float(a)) * zoom - 1, (row + 1) * zoom - 1], fill=0)
            x += float(a)
    return image


def test_qr_code_decodes_to_the_station_page(client, stations):
    centre = stations["centre"]
    response = client.get(f"/stations/{centre.pk}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    decoded = zxingcpp.read_barcodes(rasterise_segno_svg(response.content))
    assert [d.text for d in decoded] == [f"http://testserver{centre.url}"]
    html = client.get(centre.url).content.decode()
    assert f'src="/stations/{centre.pk}/qr.svg"' in html


def test_services_and_guides_linking_to_the_station(client, stations, home_page):
    centre = stations["centre"]
    centre.services = [StationService(name="法律咨询", description="每月第二个周三下午", page=home_page)]
    centre.save_revision().publish()
    html = client.get(centre.url).content.decode()
    assert "法律咨询" in html and "每月第二个周三下午" in html


def test_station_page_links_to_the_grid_worker_finder(client, stations):
    GridFactory(community=stations["centre"].community)
    html = client.get(stations["centre"].url).content.decode()
    assert "/grid-worker/?community=liuyin" in html


def test_home_page_figures_count_stations_and_grids(client, stations):
    from home.registry import figures_for_home

    GridFactory(community=stations["centre"].community)
    figures = {f["key"]: f["value"] for f in figures_for_home()}
    assert figures["stations"] == 3
    assert figures["grids"] == 1
