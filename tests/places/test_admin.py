"""Editors manage places in the Wagtail admin: snippets, station pages with a map picker, moderation."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from services.places.models import Community, StationPage, Street
from tests.places.factories import CommunityFactory, GridFactory, make_station


def station_form(community, **overrides):
    data = {
        "title": "新建骑手驿站",
        "slug": "xin-jian-qi-shou-yi-zhan",
        "kind": "rider",
        "code": "YX-NEW-1",
        "community": community.pk,
        "operator": "",
        "introduction": "",
        "address": "云溪区新路1号",
        "latitude": "30.271",
        "longitude": "120.152",
        "phone": "0571-8690 1234",
        "facilities": ["water", "charging"],
        "holiday_policy": "regular",
        "hours_note": "",
        "opening_periods": inline_formset(
            [
                {"days": "mon-fri", "opens": "07:00", "closes": "01:00"},
                {"days": "sat-sun", "opens": "00:00", "closes": "00:00"},
            ]
        ),
        "opening_exceptions": inline_formset(
            [{"date": "2026-12-01", "end_date": "", "closed": "on", "opens": "", "closes": "", "note": "设备检修"}]
        ),
        "services": inline_formset([]),
        "photos": inline_formset([]),
        "activities": inline_formset(
            [
                {
                    "date": "2026-12-05",
                    "start_time": "14:00",
                    "end_time": "15:30",
                    "title": "骑手安全培训",
                    "audience": "外卖骑手",
                    "description": "",
                }
            ]
        ),
    }
    data.update(overrides)
    facilities = data.pop("facilities")
    form = nested_form_data(data)
    form["facilities"] = facilities  # a multi-value field: the test client posts one value per item
    return form


def test_editor_creates_a_station_page_with_hours_and_the_map_picker(admin_client, station_index):
    community = CommunityFactory()
    add_url = f"/admin/pages/add/places/stationpage/{station_index.pk}/"
    form = admin_client.get(add_url)
    html = form.content.decode()
    assert form.status_code == 200
    assert (
        "data-map-picker" in html and 'data-lat-input="id_latitude"' in html and 'data-lng-input="id_longitude"' in html
    )
    assert "vendor/leaflet/leaflet.js" in html and "places/admin-map-picker.js" in html
    response = admin_client.post(add_url, station_form(community, **{"action-publish": "action-publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    station = StationPage.objects.get(code="YX-NEW-1")
    assert station.live
    assert station.facilities == ["water", "charging"]
    assert station.schedule["weekly"][0] == [["07:00", "01:00"]]
    assert station.schedule["weekly"][6] == [["00:00", "00:00"]]
    assert station.schedule["exceptions"] == {"2026-12-01": []}
    assert station.activities.get().title == "骑手安全培训"


def test_bad_coordinates_and_times_are_refused_in_the_form(admin_client, station_index):
    community = CommunityFactory()
    add_url = f"/admin/pages/add/places/stationpage/{station_index.pk}/"
    bad = station_form(
        community,
        latitude="95",
        activities=inline_formset(
            [
                {
                    "date": "2026-12-05",
                    "start_time": "15:00",
                    "end_time": "14:00",
                    "title": "倒过来的活动",
                    "audience": "",
                    "description": "",
                }
            ]
        ),
    )
    response = admin_client.post(add_url, bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "活动结束时间必须晚于开始时间" in html
    assert not StationPage.objects.filter(code="YX-NEW-1").exists()


def test_draft_changes_stay_off_the_public_site_until_published(admin_client, client, station_index):
    station = make_station(station_index, "草稿驿站", "24小时")
    revision = StationPage.objects.get(pk=station.pk)
    revision.address = "草稿中的新地址"
    revision.save_revision()
    assert "草稿中的新地址" not in client.get(station.url).content.decode()
    assert StationPage.objects.get(pk=station.pk).address == "云溪区测试路1号"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/places/street/",
        "/admin/snippets/places/community/",
        "/admin/snippets/places/grid/",
        "/admin/snippets/places/buildingpartygroup/",
        "/admin/snippets/places/publicholiday/",
        "/admin/settings/places/mapsettings/",
    ],
)
def test_admin_lists_open(admin_client, home_page, url):
    GridFactory()
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200


def test_community_snippet_has_the_map_picker_and_saves(admin_client, home_page):
    street = Street.objects.create(name="柳荫街道", slug="liuyin")
    html = admin_client.get("/admin/snippets/places/community/add/").content.decode()
    assert "data-map-picker" in html
    response = admin_client.post(
        "/admin/snippets/places/community/add/",
        {
            "street": street.pk,
            "name": "新社区",
            "slug": "xin",
            "party_organisation": "",
            "households": "100",
            "population": "300",
            "party_members": "20",
            "address": "",
            "phone": "",
            "latitude": "30.28",
            "longitude": "120.14",
            "sort_order": "0",
            **nested_form_data({"committee_members": inline_formset([]), "rotating_chairs": inline_formset([])}),
        },
    )
    assert response.status_code == 302
    assert Community.objects.get(slug="xin").latitude == pytest.approx(30.28)


def test_grid_snippet_refuses_a_mobile_number_for_the_grid_worker(admin_client, home_page):
    community = CommunityFactory()
    data = nested_form_data(
        {
            "community": community.pk,
            "code": "G-NEW",
            "name": "第九网格",
            "households": "300",
            "compounds": "新小区",
            "party_branch": "",
            "party_branch_secretary": "",
            "sort_order": "0",
            "workers": inline_formset(
                [{"name": "王丽", "role": "grid_worker", "work_phone": "13812345678", "duty_hours": "", "photo": ""}]
            ),
        }
    )
    response = admin_client.post("/admin/snippets/places/grid/add/", data)
    assert response.status_code == 200
    assert "不得填写个人手机号" in response.content.decode()


def test_holiday_snippet_changes_the_live_status(admin_client, client, station_index):
    from services.places.models import PublicHoliday

    station = make_station(station_index, "工作日驿站", "每天 00:00-24:00", holiday_policy="closed")
    today = datetime.date.today()
    assert station.opening_status().is_open
    PublicHoliday.objects.create(date=today, name="测试假日", kind="holiday")
    assert not StationPage.objects.get(pk=station.pk).opening_status().is_open
    assert Page.objects.filter(pk=station.pk).exists()


def test_preview_shows_the_unsaved_opening_hours(admin_client, station_index):
    community = CommunityFactory()
    station = make_station(station_index, "预览驿站", "周一至周五 09:00-17:00", code="YX-NEW-1", community=community)
    data = station_form(community, title="预览驿站", slug=station.slug)
    data["opening_periods-0-opens"] = "06:15"
    preview_url = f"/admin/pages/{station.pk}/edit/preview/"
    assert admin_client.post(preview_url, data).json()["is_valid"] is True
    html = admin_client.get(preview_url).content.decode()
    assert "06:15—次日01:00" in html
