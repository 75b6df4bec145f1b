"""Grid rosters (网格力量), the joint party committee (大党委) with its monthly chairs, and quarterly grid ratings."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from services.places.models import CommitteeMember, GridRating, GridRatingLevel, GridWorker, RotatingChair
from services.places.ratings import grid_ratings, quarters_of
from tests.places.factories import CommunityFactory, GridFactory, GridWorkerFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def previous_quarter(today=None):
    year, month = (today or timezone.localdate()).year, (today or timezone.localdate()).month
    quarter = (month - 1) // 3 + 1
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


@pytest.fixture
def levels():
    return {
        stars: GridRatingLevel.objects.create(stars=stars, name=name, criteria=criteria)
        for stars, name, criteria in [
            (5, "五星网格", "诉求按时办结率不低于95%"),
            (4, "四星网格", "诉求按时办结率不低于90%"),
            (3, "三星网格", "诉求按时办结率不低于80%"),
        ]
    }


@pytest.fixture
def grid(home_page):
    community = CommunityFactory(name="柳荫社区", slug="liuyin", street__name="柳荫街道", street__slug="liuyin")
    grid = GridFactory(community=community, code="LY-01", name="第一网格")
    GridWorkerFactory(grid=grid, name="李晓燕", role="grid_worker", work_phone="0571-8690 5011", sort_order=0)
    GridWorker.objects.create(
        grid=grid, name="方文涛", role="first_secretary", sent_from="区住房和城乡建设局", mobile="13905710012"
    )
    GridWorker.objects.create(grid=grid, name="石晓雯", role="grid_leader", mobile="139 0571 0013")
    GridWorker.objects.create(grid=grid, name="洪建新", role="part_time_worker")
    GridWorker.objects.create(grid=grid, name="龚雅琴", role="micro_grid_worker", micro_grid="柳荫花园1—3幢")
    return grid


def test_grid_page_lists_every_role_in_order_with_phones_masked(client, grid):
    page = client.get("/grid-worker/", {"grid": grid.pk})
    body = text(page)
    html = page.content.decode()
    roster = re.sub(r"<[^>]+>", " ", html[html.index('<dl class="roster">') : html.index("</dl>")])
    order = [roster.index(label) for label in ("网格第一书记", "网格长", "专职网格员", "兼职网格员", "微网格员")]
    assert order == sorted(order)
    assert "方文涛" in body and "派出单位：区住房和城乡建设局" in body
    assert "龚雅琴" in body and "负责：柳荫花园1—3幢" in body
    assert "139****0012" in body and "139****0013" in body
    assert "13905710012" not in html and "0571 0013" not in html and "05710013" not in html
    # The grid's duty landline stays callable in full.
    assert 'href="tel:057186905011"' in html


def test_community_page_shows_each_grids_roster_and_rating(client, grid, levels):
    year, quarter = previous_quarter()
    GridRating.objects.create(grid=grid, year=year, quarter=quarter, level=levels[4], note="诉求办理及时")
    body = text(client.get("/community/liuyin/"))
    assert "网格力量" in body and "方文涛" in body and "139****0012" in body
    assert "13905710012" not in body
    quarter_name = "一二三四"[quarter - 1]
    assert f"四星网格 （{year}年第{quarter_name}季度）" in body
    assert "网格星级评定标准" in body and "诉求按时办结率不低于90%" in body


def test_grid_page_shows_the_latest_rating_first_and_the_history(client, grid, levels):
    GridRating.objects.create(grid=grid, year=2025, quarter=4, level=levels[3])
    GridRating.objects.create(grid=grid, year=2026, quarter=1, level=levels[5], note="满意率达到五星标准")
    body = text(client.get("/grid-worker/", {"grid": grid.pk}))
    assert body.index("五星网格 （2026年第一季度）") < body.index("2025年第四季度：")
    assert "满意率达到五星标准" in body


def test_unrated_grid_says_so(client, grid):
    assert "本网格尚未参加星级评定" in text(client.get("/grid-worker/", {"grid": grid.pk}))


def test_first_secretary_needs_a_department_and_micro_grid_worker_buildings(grid):
    with pytest.raises(ValidationError) as error:
        GridWorker(grid=grid, name="乔春明", role="first_secretary").full_clean()
    assert "sent_from" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        GridWorker(grid=grid, name="贺立平", role="micro_grid_worker").full_clean()
    assert "micro_grid" in error.value.message_dict


def test_admin_refuses_a_first_secretary_without_department_in_chinese(admin_client, grid):
    data = nested_form_data(
        {
            "community": grid.community.pk,
            "code": "G-NEW",
            "name": "第九网格",
            "households": "300",
            "compounds": "新小区",
            "party_branch": "",
            "party_branch_secretary": "",
            "sort_order": "0",
            "workers": inline_formset([{"name": "乔春明", "role": "first_secretary", "sent_from": ""}]),
        }
    )
    response = admin_client.post("/admin/snippets/places/grid/add/", data)
    assert response.status_code == 200
    assert "请填写选派这位网格第一书记的部门" in response.content.decode()
    data["workers-0-sent_from"] = "区民政局"
    assert admin_client.post("/admin/snippets/places/grid/add/", data).status_code == 302
    assert GridWorker.objects.get(name="乔春明").sent_from == "区民政局"


def test_community_page_shows_the_committee_and_this_months_chair(client, grid):
    community = grid.community
    CommitteeMember.objects.create(community=community, name="卢海燕", post="secretary")
    CommitteeMember.objects.create(
        community=community, name="苏子豪", post="part_time", unit="云溪区人民医院", unit_post="党委副书记"
    )
    today = timezone.localdate()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    RotatingChair.objects.create(
        community=community,
        year=today.year,
        month=today.month,
        name="苏子豪",
        unit="云溪区人民医院",
        topic="消防通道清理",
    )
    RotatingChair.objects.create(community=community, year=last.year, month=last.month, name="谭佩玲", unit="柳荫小学")
    body = text(client.get("/community/liuyin/"))
    assert "社区大党委" in body
    assert "书记 卢海燕" in body and "兼职委员 苏子豪 云溪区人民医院党委副书记" in body
    assert "本月轮值主席 ：苏子豪（云溪区人民医院）" in body
    assert f"{today.year}年{today.month}月 苏子豪 云溪区人民医院 消防通道清理" in body
    if last.year == today.year:
        assert f"{last.year}年{last.month}月 谭佩玲 柳荫小学" in body


def test_part_time_member_needs_a_unit_and_one_chair_per_month(grid):
    with pytest.raises(ValidationError) as error:
        CommitteeMember(community=grid.community, name="陶国栋", post="part_time").full_clean()
    assert "unit" in error.value.message_dict
    RotatingChair.objects.create(community=grid.community, year=2026, month=3, name="夏思远", unit="柳荫小学")
    with pytest.raises(IntegrityError), transaction.atomic():
        RotatingChair.objects.create(community=grid.community, year=2026, month=3, name="范慧琳", unit="区图书馆")


def test_admin_refuses_two_chairs_for_one_month_in_chinese(admin_client, grid):
    community = grid.community
    chair = {"year": "2026", "month": "3", "name": "夏思远", "unit": "柳荫小学", "topic": ""}
    data = nested_form_data(
        {
            "street": community.street.pk,
            "name": community.name,
            "slug": community.slug,
            "party_organisation": "",
            "households": "100",
            "population": "300",
            "party_members": "20",
            "address": "",
            "phone": "",
            "latitude": "30.28",
            "longitude": "120.14",
            "sort_order": "0",
            "committee_members": inline_formset([]),
            "rotating_chairs": inline_formset([chair, {**chair, "name": "范慧琳"}]),
        }
    )
    response = admin_client.post(f"/admin/snippets/places/community/edit/{community.pk}/", data)
    assert response.status_code == 200
    assert not RotatingChair.objects.exists()


def test_rating_a_quarter_that_has_not_begun_is_refused(grid, levels):
    today = timezone.localdate()
    year, quarter = (today.year + 1, 1)
    with pytest.raises(ValidationError) as error:
        GridRating(grid=grid, year=year, quarter=quarter, level=levels[5]).full_clean()
    assert "quarter" in error.value.message_dict


def test_quarters_of_reads_every_period_form():
    assert quarters_of("2026-Q3") == [(2026, 3)] == quarters_of("2026q3") == quarters_of((2026, 3))
    assert quarters_of("2026") == [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]
    assert quarters_of("2026-08") == [(2026, 3)] == quarters_of(datetime.date(2026, 9, 30))

    class Span:
        start = datetime.date(2026, 1, 1)
        end = datetime.date(2026, 6, 30)

    assert quarters_of(Span()) == [(2026, 1), (2026, 2)]
    for bad in ("2026-Q5", "2026-13", "last year", (2026, 0)):
        with pytest.raises(ValueError):
            quarters_of(bad)


def test_grid_ratings_rows_for_the_league_tables(grid, levels):
    other = GridFactory(community=grid.community, code="LY-02", name="第二网格", sort_order=1)
    elsewhere = GridFactory(code="HT-01", name="第一网格")
    GridRating.objects.create(grid=grid, year=2026, quarter=2, level=levels[4], note="及时")
    GridRating.objects.create(grid=other, year=2026, quarter=2, level=levels[5])
    GridRating.objects.create(grid=elsewhere, year=2026, quarter=2, level=levels[3])
    GridRating.objects.create(grid=grid, year=2026, quarter=1, level=levels[3])
    rows = grid_ratings("2026-Q2")
    assert [(r.community, r.grid, r.stars, r.level) for r in rows] == [
        ("柳荫社区", "第二网格", 5, "五星网格"),
        ("柳荫社区", "第一网格", 4, "四星网格"),
        (elsewhere.community.name, "第一网格", 3, "三星网格"),
    ]
    assert rows[1].period == "2026年第二季度" and rows[1].note == "及时" and rows[1].street == "柳荫街道"
    assert rows[1].url == f"/grid-worker/?grid={grid.pk}"
    assert [(r.quarter, r.grid) for r in grid_ratings("2026", community=grid.community)] == [
        (1, "第一网格"),
        (2, "第二网格"),
        (2, "第一网格"),
    ]
    assert grid_ratings("2025-Q4") == []


def test_admin_lists_of_ratings_and_levels_open_in_chinese(admin_client, grid, levels):
    GridRating.objects.create(grid=grid, year=2026, quarter=1, level=levels[5])
    listing = admin_client.get("/admin/snippets/places/gridrating/")
    assert listing.status_code == 200 and "2026年第一季度" in listing.content.decode()
    assert "五星网格" in admin_client.get("/admin/snippets/places/gridratinglevel/").content.decode()
    edit = admin_client.get(f"/admin/snippets/places/community/edit/{grid.community.pk}/").content.decode()
    assert "大党委成员" in edit and "每月轮值主席" in edit
