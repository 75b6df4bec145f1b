"""找网格员 and community pages with the four-level party structure."""

import re

import pytest
from django.core.exceptions import ValidationError

from services.places.models import BuildingPartyGroup, GridWorker, PartyMemberHousehold
from tests.places.factories import CommunityFactory, GridFactory, GridWorkerFactory, make_station


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def area(station_index):
    community = CommunityFactory(
        name="柳荫社区", slug="liuyin", street__name="柳荫街道", street__slug="liuyin", phone="0571-8690 5000"
    )
    grid = GridFactory(
        community=community,
        code="LY-01",
        name="第一网格",
        compounds="柳荫花园1—6幢\n錦繡苑",
        party_branch="柳荫社区第一网格党支部",
        party_branch_secretary="王建华",
    )
    GridFactory(community=community, code="LY-02", name="第二网格", compounds="杏林小区", party_branch="")
    GridWorkerFactory(grid=grid, name="李晓燕", work_phone="0571-8690 5011")
    group = BuildingPartyGroup.objects.create(grid=grid, name="1—3幢党小组", buildings="柳荫花园1—3幢", member_count=9)
    PartyMemberHousehold.objects.create(group=group, unit="2幢1单元", member_name="张建华", households_served=10)
    centre = make_station(
        station_index, "柳荫社区党群服务中心", "周一至周五 09:00-17:00", kind="centre", community=community
    )
    return {"community": community, "grid": grid, "centre": centre}


def test_drill_down_from_street_to_grid(client, area):
    start = text(client.get("/grid-worker/"))
    assert "柳荫街道" in start
    assert "柳荫社区" in text(client.get("/grid-worker/", {"street": "liuyin"}))
    grids = client.get("/grid-worker/", {"community": "liuyin"}).content.decode()
    assert f'href="?grid={area["grid"].pk}"' in grids
    assert "第二网格" in grids


def test_grid_shows_worker_work_phone_branch_and_service_centre(client, area):
    page = client.get("/grid-worker/", {"grid": area["grid"].pk})
    body = text(page)
    assert page.status_code == 200
    assert "李晓燕" in body and "专职网格员" in body
    assert 'href="tel:057186905011"' in page.content.decode()
    assert "柳荫社区第一网格党支部" in body and "王建华" in body
    assert "柳荫社区党群服务中心" in body
    assert area["centre"].url in page.content.decode()


def test_typing_a_compound_name_in_traditional_characters_finds_the_grid(client, area):
    page = client.get("/grid-worker/", {"q": "锦绣"})
    assert f"?grid={area['grid'].pk}" in page.content.decode()
    traditional = client.get("/grid-worker/", {"q": "錦繡苑"})
    assert f"?grid={area['grid'].pk}" in traditional.content.decode()
    assert "没有找到匹配的小区" in text(client.get("/grid-worker/", {"q": "不存在的小区"}))


@pytest.mark.parametrize("grid", ["abc", "999999", "-1"])
def test_unknown_grid_gets_a_chinese_message_and_404(client, area, grid):
    page = client.get("/grid-worker/", {"grid": grid})
    assert page.status_code == 404
    assert "该网格不存在" in text(page)


def test_unknown_or_garbled_community_shows_the_page_with_a_chinese_message(client, area):
    for link in ("/grid-worker/?community=%FF", "/grid-worker/?community=nowhere"):
        page = client.get(link)
        assert page.status_code == 200, link
        html = page.content.decode()
        assert "未找到该社区，请重新选择街道和社区。" in html
        assert 'href="?grid=' not in html, "nothing is listed as a result"
        assert 'href="?street=liuyin"' in html, "the resident can choose again"


def test_unknown_street_shows_the_page_with_a_chinese_message(client, area):
    page = client.get("/grid-worker/", {"street": "nowhere"})
    assert page.status_code == 200
    assert "未找到该街道，请重新选择街道。" in page.content.decode()


def test_grid_worker_phone_must_be_a_work_landline():
    worker = GridWorker(grid_id=1, name="王", work_phone="13812345678")
    with pytest.raises(ValidationError) as error:
        worker.full_clean(exclude=["grid"])
    assert "work_phone" in error.value.message_dict
    GridWorker(grid_id=1, name="王", work_phone="0571-8690 5011").full_clean(exclude=["grid"])


def test_community_page_shows_the_four_levels(client, area):
    response = client.get("/community/liuyin/")
    body = text(response)
    assert response.status_code == 200
    levels = ["中共柳荫社区委员会", "柳荫社区第一网格党支部", "1—3幢党小组", "2幢1单元"]
    positions = [body.index(level) for level in levels]
    assert positions == sorted(positions)
    assert "社区党组织 → 1 个网格党支部 → 1 个楼栋党小组 → 1 户党员中心户" in body
    assert "联系 10 户" in body


def test_community_page_masks_party_member_names(client, area):
    body = text(client.get("/community/liuyin/"))
    assert "张建华" not in body
    assert "张**" in body


def test_community_page_lists_grids_workers_and_stations(client, area):
    body = text(client.get("/community/liuyin/"))
    assert "第一网格" in body and "李晓燕" in body and "0571-8690 5011" in body
    assert "柳荫社区党群服务中心" in body


def test_unknown_community_page_is_404(client, area):
    assert client.get("/community/nowhere/").status_code == 404


def test_community_url_from_the_model(area):
    assert area["community"].get_absolute_url() == "/community/liuyin/"
    assert area["grid"].get_absolute_url() == f"/grid-worker/?grid={area['grid'].pk}"


def test_sitemap_lists_community_pages_and_the_finder(rf, area):
    from services.places.sitemaps import CommunitySitemap

    locations = [CommunitySitemap().location(item) for item in CommunitySitemap().items()]
    assert locations == ["/grid-worker/", "/community/liuyin/"]
