"""Case, brand and model community pages as a visitor sees them, and the case print view."""

import pytest

from .conftest import publish
from .factories import (
    BrandProjectPageFactory,
    CaseStudyPageFactory,
    CommunityFactory,
    GridFactory,
    ModelCommunityPageFactory,
    StreetFactory,
    section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(case_index, brand_index, community_index):
    """A street with a community, a brand, a case and a model community that point at each other."""
    street = StreetFactory(name="柳荫街道", slug="liuyin")
    community = CommunityFactory(street=street, name="柳荫社区", slug="liuyin-sq", households=2860, party_members=312)
    GridFactory(community=community, name="第一网格", party_branch="第一网格党支部")
    GridFactory(community=community, name="第二网格")
    brand = BrandProjectPageFactory(parent=brand_index, title="红色物业", slug="hongse-wuye")
    brand.communities = [community]
    brand = publish(brand)
    case = CaseStudyPageFactory(
        parent=case_index,
        title="红色物业破解三无小区难题",
        slug="hongse",
        street=street,
        body=[
            section("background", "老旧小区没有物业。"),
            section("practice", "支部建在小区上。"),
            section(
                "results",
                "成效明显。",
                figure_rows=[("“三无”小区", 526, 66, "个", 2024), ("小蜜蜂驿站", 0, 36, "个", 2024)],
            ),
            section("lessons", "关键在于三方联动。", heading="几点体会"),
        ],
    )
    case.communities = [community]
    case.related_brands = [brand]
    case.tags.set(["红色物业", "物业治理"], clear=True)
    case = publish(case)
    model = ModelCommunityPageFactory(parent=community_index, title="柳荫社区", slug="liuyin", community=community)
    model.structure = [
        {
            "type": "level",
            "value": {"level": "household", "name": "党员中心户", "count": 112, "description": "联系十户"},
        }
    ]
    model.honours = [{"type": "honour", "value": {"year": 2023, "title": "区级示范社区", "awarded_by": "区委"}}]
    model = publish(model)
    return {"street": street, "community": community, "brand": brand, "case": case, "model": model}


def test_case_page_shows_sections_in_order_with_computed_figures(client, linked):
    html = client.get("/cases/hongse/").content.decode()
    positions = [html.index(title) for title in ("背景动因", "主要做法", "取得成效", "几点体会")]
    assert positions == sorted(positions), "sections keep the editor's order; a custom heading replaces 经验启示"
    assert "经验启示" not in html
    assert "526 → 66" in html and "下降 87.5%" in html
    assert "0 → 36" in html and "新增 36个" in html, "before = 0: the number that is new, no percentage"
    assert "来源：云溪区委组织部" in html and "2024年6月18日" in html
    assert 'href="/brands/hongse-wuye/"' in html, "related brand is linked"
    assert 'href="/communities/liuyin/"' in html, "community links to its model community page"
    assert 'href="/cases/?theme=%E7%BA%A2%E8%89%B2%E7%89%A9%E4%B8%9A"' in html, "theme links filter the index"


def test_print_view_is_a_clean_document_with_each_figure_once(client, linked):
    response = client.get("/cases/hongse/print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "main-nav" not in html and "site-footer" not in html
    assert html.count("526 → 66") == 1 and html.count("下降 87.5%") == 1, "key figures are printed once"
    assert html.index("取得成效") < html.index("526 → 66")
    assert 'name="robots" content="noindex"' in html
    assert "本页地址" in html


def test_case_page_links_to_its_print_view(client, linked):
    assert 'href="/cases/hongse/print/"' in client.get("/cases/hongse/").content.decode()


def test_brand_page_lists_cases_communities_and_model_communities(client, linked):
    html = client.get("/brands/hongse-wuye/").content.decode()
    assert "红色物业破解三无小区难题" in html and 'href="/cases/hongse/"' in html
    assert "柳荫社区" in html
    assert "中共柳荫街道工作委员会" in html


def test_brand_without_cases_says_so(client, brand_index):
    publish(BrandProjectPageFactory(parent=brand_index, slug="lonely"))
    assert "本品牌暂无已发布的典型案例" in client.get("/brands/lonely/").content.decode()


def test_model_community_reads_figures_from_places_and_lists_brands_cases_honours(client, linked):
    html = client.get("/communities/liuyin/").content.decode()
    assert "2860" in html and "312" in html, "households and party members come from the Community"
    assert "2 个网格" in html and "第一网格党支部" in html
    assert "党员中心户" in html and "112 个" in html
    assert 'href="/brands/hongse-wuye/"' in html, "brand involving the community is listed"
    assert 'href="/cases/hongse/"' in html
    assert "区级示范社区" in html


def test_model_community_shows_each_grids_latest_rating_and_links_the_roster(client, linked):
    from services.places.models import GridRating, GridRatingLevel

    first, second = linked["community"].grids.order_by("name")
    five = GridRatingLevel.objects.create(stars=5, name="五星网格", criteria="满意率不低于95%")
    three = GridRatingLevel.objects.create(stars=3, name="三星网格", criteria="按时办结率不低于80%")
    GridRating.objects.create(grid=first, year=2026, quarter=1, level=three)
    GridRating.objects.create(grid=first, year=2026, quarter=2, level=five)
    html = client.get("/communities/liuyin/").content.decode()
    assert '五星网格</span> <span class="meta">（2026年第二季度）' in html
    assert "三星网格" not in html, "only the latest rating of a grid is shown"
    assert html.count("—</td>") == 1, "the unrated second grid shows a dash"
    assert 'href="/community/liuyin-sq/#c-rosters"' in html


def test_model_community_without_a_linked_community_still_renders(client, community_index):
    publish(ModelCommunityPageFactory(parent=community_index, slug="alone", introduction="尚未关联社区"))
    response = client.get("/communities/alone/")
    assert response.status_code == 200
    assert "尚未关联社区" in response.content.decode()


def test_draft_case_is_not_listed_or_linked(client, linked, case_index):
    draft = CaseStudyPageFactory(parent=case_index, slug="draft", title="未发布的案例", live=False)
    draft.related_brands = [linked["brand"]]
    draft.save()
    assert "未发布的案例" not in client.get("/cases/").content.decode()
    assert "未发布的案例" not in client.get("/brands/hongse-wuye/").content.decode()


@pytest.fixture
def community_without_model_page(linked):
    """A second community on the case and the brand, with no model community page of its own."""
    other = CommunityFactory(street=linked["street"], name="望湖社区", slug="wanghu-sq")
    for page in (linked["case"], linked["brand"]):
        page.communities = [linked["community"], other]
        publish(page)
    return other


def chip(html, name):
    """The markup of the chip showing ``name``."""
    return next(part for part in html.split("<li>") if name in part and "chip" in part)


def test_community_chips_link_the_model_page_else_the_places_community_page(client, community_without_model_page):
    for url in ("/cases/hongse/", "/brands/hongse-wuye/"):
        html = client.get(url).content.decode()
        assert 'href="/communities/liuyin/"' in chip(html, "柳荫社区"), "a model community page comes first"
        assert 'href="/community/wanghu-sq/"' in chip(html, "望湖社区"), "else the places app's community page"


def test_community_chip_is_plain_text_when_places_has_no_page_for_it(client, community_without_model_page, monkeypatch):
    from django.urls import NoReverseMatch

    from services.places.models import Community

    def no_route(self):
        raise NoReverseMatch("places:community")

    monkeypatch.setattr(Community, "get_absolute_url", no_route)
    html = client.get("/cases/hongse/").content.decode()
    assert '<span class="chip">柳荫街道 · 望湖社区</span>' in html
    assert 'href="/communities/liuyin/"' in chip(html, "柳荫社区")
