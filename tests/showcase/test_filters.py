"""Index pages: filters by theme, street and year, unknown values, cards and pagination."""

import datetime

import pytest

from .conftest import publish
from .factories import BrandProjectPageFactory, CaseStudyPageFactory, CommunityFactory, StreetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(case_index):
    liuyin = StreetFactory(name="柳荫街道", slug="liuyin")
    wanghu = StreetFactory(name="望湖街道", slug="wanghu")
    wanghu_community = CommunityFactory(street=wanghu, name="湖滨社区")
    specs = [
        ("网格案例", datetime.date(2023, 5, 1), liuyin, [], ["网格化管理"]),
        ("物业案例", datetime.date(2024, 6, 1), None, [wanghu_community], ["红色物业"]),
        ("骑手案例", datetime.date(2024, 9, 1), wanghu, [], ["新就业群体", "网格化管理"]),
    ]
    for title, date, street, communities, themes in specs:
        page = CaseStudyPageFactory(parent=case_index, title=title, date=date, street=street)
        page.communities = communities
        page.tags.set(themes, clear=True)
        publish(page)


def titles(response):
    return [item.title for item in response.context["items_page"].object_list]


def test_index_lists_every_case_newest_first_with_headline_figure(client, cases):
    response = client.get("/cases/")
    assert titles(response) == ["骑手案例", "物业案例", "网格案例"]
    html = response.content.decode()
    assert "共 3 条" in html
    assert "526 → 66，下降 87.5%" in html, "cards carry the headline figure"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=网格化管理", ["骑手案例", "网格案例"]),
        ("region=wanghu", ["骑手案例", "物业案例"]),  # by the case's street or its communities' street
        ("year=2024", ["骑手案例", "物业案例"]),
        ("theme=网格化管理&year=2023", ["网格案例"]),
    ],
)
def test_filters_narrow_the_list(client, cases, query, expected):
    assert titles(client.get(f"/cases/?{query}")) == expected


@pytest.mark.parametrize("query", ["theme=不存在的主题", "year=abcd", "year=1999", "region=../../etc", "page=abc"])
def test_unknown_filter_values_are_reported_not_fatal(client, cases, query):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert len(titles(response)) == 3, "an unknown value is ignored, not turned into an empty list"
    if not query.startswith("page"):
        assert "以下筛选条件无法识别，已忽略" in response.content.decode()


def test_selected_filter_stays_selected_in_the_form(client, cases):
    html = client.get("/cases/?region=liuyin").content.decode()
    assert '<option value="liuyin" selected>柳荫街道</option>' in html


def test_pagination_twelve_per_page_and_out_of_range_page(client, case_index):
    for n in range(14):
        publish(CaseStudyPageFactory(parent=case_index, date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n)))
    first = client.get("/cases/")
    assert len(titles(first)) == 12
    assert "第 1 页，共 2 页" in first.content.decode() or 'rel="next"' in first.content.decode()
    assert len(titles(client.get("/cases/?page=2"))) == 2
    assert len(titles(client.get("/cases/?page=99"))) == 2, "past the end shows the last page"


def test_brand_index_filters_by_launch_year_and_theme(client, brand_index):
    for title, year, themes in [("红色物业", 2021, ["物业治理"]), ("小蜜蜂驿站", 2022, ["新就业群体"])]:
        page = BrandProjectPageFactory(parent=brand_index, title=title, launch_year=year)
        page.tags.set(themes, clear=True)
        publish(page)
    assert titles(client.get("/brands/?year=2021")) == ["红色物业"]
    assert titles(client.get("/brands/?theme=新就业群体")) == ["小蜜蜂驿站"]
    assert "2021年创建" in client.get("/brands/").content.decode()


def test_community_index_filters_by_kind(client, community_index):
    from .factories import ModelCommunityPageFactory

    publish(ModelCommunityPageFactory(parent=community_index, title="柳荫社区", kind="community"))
    publish(ModelCommunityPageFactory(parent=community_index, title="翠堤花园小区", kind="compound"))
    assert titles(client.get("/communities/?kind=compound")) == ["翠堤花园小区"]
    assert len(titles(client.get("/communities/?kind=bogus"))) == 2
