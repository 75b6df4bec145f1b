"""Every figure the demo shows on brand, case, community, news and home pages agrees with the demo data.

The whole demo is loaded once per test (as ``make run`` loads it) and each figure is read off the page a
visitor sees, then compared with what the data holds: the station map, the grids, the compounds.
"""

import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Avg

from home import demo
from home.models import NewsPage
from services.places.models import (
    BuildingPartyGroup,
    Community,
    Grid,
    GridWorker,
    PartyMemberHousehold,
    StationIndexPage,
    StationKind,
    StationPage,
)
from services.showcase.models import BrandProjectPage, CaseStudyPage, ModelCommunityPage
from tests.conftest import restore_migration_rows
from tests.places.factories import make_station

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for this module (each test's changes are rolled back), then removed."""
    with django_db_blocker.unblock():
        restore_migration_rows()
        demo.load()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        restore_migration_rows()


@pytest.fixture
def demo_site(_demo_once, db):
    return None


def text_of(client, url):
    html = client.get(url).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def shown_figures(client, page):
    """{label: (before, after, year)} as the page shows its before/after figures."""
    html = client.get(page.url).content.decode()
    found = {}
    for item in re.findall(r'<li class="change-figure[^"]*">(.*?)</li>', html, re.S):
        label = re.search(r'change-figure__label">([^<]+)', item)[1].strip()
        year = re.search(r"（(\d{4})年）", item)
        values = re.sub(r"<[^>]+>", "", re.search(r'change-figure__values">(.*?)</span>\s*<span', item, re.S)[1])
        before, after = (Decimal(v) for v in re.findall(r"[\d.]+", values)[:2])
        found[label] = (before, after, year[1] if year else None)
    return found


def test_bee_station_brand_and_case_count_the_stations_on_the_map(
    client, demo_site, django_capture_on_commit_callbacks
):
    on_map = StationPage.objects.live().public().filter(kind=StationKind.RIDER).count()
    assert on_map > 0
    for page in (
        BrandProjectPage.objects.get(slug="xiaomifeng-yizhan"),
        CaseStudyPage.objects.get(slug="xiaomifeng-qishou-zijiren"),
    ):
        assert shown_figures(client, page)["小蜜蜂驿站"][1] == on_map, page.title
    # Counted, not typed: one more station on the map is one more on the brand page.
    with django_capture_on_commit_callbacks(execute=True):  # the content version moves on commit
        make_station(StationIndexPage.objects.get(), "小蜜蜂驿站（新开）", kind="rider", code="YX-BEE-NEW")
    brand = BrandProjectPage.objects.get(slug="xiaomifeng-yizhan")
    assert shown_figures(client, brand)["小蜜蜂驿站"][1] == on_map + 1


def test_news_states_the_grids_households_and_party_households_the_data_holds(client, demo_site):
    grids = Grid.objects.count()
    average = Grid.objects.aggregate(a=Avg("households"))["a"]
    press = text_of(client, NewsPage.objects.get(slug="press-grid-governance-2026").url)
    claimed = int(re.search(r"每个网格约(\d+)户", press)[1])
    assert abs(claimed - average) <= average * 0.05, (claimed, average)
    assert f"基础网格{grids}个" in press
    assert f"专职网格员{GridWorker.objects.filter(role='grid_worker').count()}名" in press
    report = text_of(client, NewsPage.objects.get(slug="report-grassroots-governance-2025").url)
    assert f"党员中心户{PartyMemberHousehold.objects.count()}户" in report
    assert f"网格党支部{Grid.objects.exclude(party_branch='').count()}个" in report
    assert f"全区{Community.objects.count()}个社区" in report


def test_property_case_counts_compounds_the_district_has(client, demo_site):
    compounds = sum(len(grid.compound_list()) for grid in Grid.objects.all())
    case = CaseStudyPage.objects.get(slug="hongse-wuye-sanwu-xiaoqu")
    figures = shown_figures(client, case)
    sanwu_before, sanwu_after, _year = figures["“三无”小区"]
    assert sanwu_after < sanwu_before <= compounds
    old = re.search(r"建成于2000年以前的住宅小区有(\d+)个", text_of(client, case.url))
    assert old and sanwu_before <= int(old[1]) <= compounds, "the old compounds are counted in digits, within the data"
    # Coverage is a share of the district's compounds: a whole number of compounds, and the compounds
    # left without property management include every "三无" compound.
    for rate, sanwu in zip(figures["物业服务覆盖率"][:2], (sanwu_before, sanwu_after), strict=True):
        managed = rate * compounds / 100
        assert abs(managed - round(managed)) < Decimal("0.05"), rate
        assert sanwu <= compounds - round(managed)


def test_a_figure_shown_on_several_pages_is_the_same_everywhere(client, demo_site):
    seen = defaultdict(set)
    pages = list(BrandProjectPage.objects.live()) + list(CaseStudyPage.objects.live())
    for page in pages:
        for label, figure in shown_figures(client, page).items():
            seen[label].add(figure)
    assert len(seen) > 20
    assert {label: values for label, values in seen.items() if len(values) > 1} == {}


def test_community_pages_count_their_party_structure_from_the_data(client, demo_site):
    for page in ModelCommunityPage.objects.live().filter(kind="community"):
        body = text_of(client, page.url)
        community = page.community
        groups = BuildingPartyGroup.objects.filter(grid__community=community).count()
        households = PartyMemberHousehold.objects.filter(group__grid__community=community).count()
        assert f"楼栋党小组 {groups} 个" in body and f"党员中心户 {households} 个" in body, page.title
        assert f"{community.grids.count()} 个网格" in body
    compound = ModelCommunityPage.objects.get(kind="compound")
    body = text_of(client, compound.url)
    whole = BuildingPartyGroup.objects.filter(grid__community=compound.community).count()
    assert f"楼栋党小组 {whole} 个" not in body, "a compound is not its whole community"
    assert "楼栋党小组 12 个" in body


def test_home_page_figures_are_counted(client, demo_site):
    body = text_of(client, "/")
    stations = StationPage.objects.live().public().count()
    assert re.search(rf"{stations}\s*个\s*服务站点", body), "stations on the home page"
    assert re.search(rf"{Grid.objects.count()}\s*个\s*网格", body)


def test_growth_labels_read_as_a_person_writes_them(client, demo_site):
    counselling = text_of(client, CaseStudyPage.objects.get(slug="xinling-yizhan-xinli-fuwu").url)
    assert "320 → 2860 人次 增长 7.9 倍" in counselling
    elderly = text_of(client, CaseStudyPage.objects.get(slug="yinling-shouhu-dujv-laoren").url)
    assert "25 → 8 分钟 缩短 68%" in elderly
    youth = text_of(client, CaseStudyPage.objects.get(slug="qingnian-yizhan-rencai").url)
    assert "0 → 1840 人次 新增 1840人次" in youth
