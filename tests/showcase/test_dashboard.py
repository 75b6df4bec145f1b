"""The figures dashboard: numbers counted from the database, SVG charts with tables, CSV download."""

import csv
import datetime
import io

import pytest

from .conftest import publish
from .factories import BrandProjectPageFactory, CaseStudyPageFactory, CommunityFactory, GridFactory, StreetFactory

pytestmark = pytest.mark.django_db


def section(response, key):
    return next(s for s in response.context["sections"] if s.key == key)


@pytest.fixture
def showcase_data(case_index, brand_index):
    liuyin = StreetFactory(name="柳荫街道", slug="liuyin", sort_order=1)
    wanghu = StreetFactory(name="望湖街道", slug="wanghu", sort_order=2)
    for street, grids in ((liuyin, 3), (wanghu, 1)):
        community = CommunityFactory(street=street, households=1000)
        for _n in range(grids):
            GridFactory(community=community)
    for themes in (["网格化管理"], ["网格化管理", "红色物业"], ["新就业群体"]):
        page = CaseStudyPageFactory(parent=case_index)
        page.tags.set(themes, clear=True)
        publish(page)
    draft = CaseStudyPageFactory(parent=case_index, live=False)
    draft.tags.set(["网格化管理"], clear=True)
    draft.save()
    brand = BrandProjectPageFactory(parent=brand_index)
    brand.tags.set(["红色物业"], clear=True)
    publish(brand)


def test_grids_cases_and_brands_are_counted_from_the_data(client, showcase_data):
    response = client.get("/figures/")
    assert response.status_code == 200
    grids = section(response, "grids")
    assert grids.rows == [("柳荫街道", 3), ("望湖街道", 1)]
    assert ("户数", 2000, "户") in [(str(a), b, str(c)) for a, b, c in grids.totals]
    cases = section(response, "cases")
    assert cases.rows == [("网格化管理", 2), ("新就业群体", 1), ("红色物业", 1)], "drafts are not counted"
    assert str(cases.totals[0][0]) == "典型案例" and cases.totals[0][1] == 3
    assert section(response, "brands").rows == [("红色物业", 1)]


def test_each_chart_has_text_labels_and_a_table_of_the_same_numbers(client, showcase_data):
    html = client.get("/figures/").content.decode()
    assert html.count('<div class="bar-chart" role="img"') >= 3
    assert 'aria-label="各街道网格数：柳荫街道 3个；望湖街道 1个"' in html
    assert '<span class="bar-chart__label">柳荫街道</span>' in html, "labels are page text, never cut short"
    assert '<th scope="row">柳荫街道</th><td class="num">3</td>' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0], "no script needed"


def test_bars_are_proportional(client, showcase_data):
    chart = section(client.get("/figures/"), "grids").chart
    widths = [bar["width"] for bar in chart["bars"]]
    assert widths[0] == pytest.approx(3 * widths[1], rel=0.01)


def test_empty_site_still_renders(client, home_page):
    response = client.get("/figures/")
    assert response.status_code == 200
    assert "暂无数据" in response.content.decode()


def test_csv_download_has_every_number(client, showcase_data):
    response = client.get("/figures/figures.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "BOM so that spreadsheet programs read the Chinese"
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["板块", "项目", "数值", "单位"]
    assert ["各街道网格数", "柳荫街道", "3", "个"] in rows
    assert ["各主题典型案例数", "网格化管理", "2", "篇"] in rows


def test_stations_by_kind(client, home_page):
    from services.places.models import StationIndexPage
    from services.places.models.stations import StationKind
    from tests.places.factories import make_station

    index = StationIndexPage(title="服务站点", slug="stations")
    home_page.add_child(instance=index)
    make_station(index, title="骑手驿站一", kind="rider")
    make_station(index, title="骑手驿站二", kind="rider")
    make_station(index, title="党群服务中心", kind="centre")
    stations = section(client.get("/figures/"), "stations")
    counts = dict(stations.rows)
    assert counts[str(StationKind.RIDER.label)] == 2 and counts[str(StationKind.CENTRE.label)] == 1
    assert stations.rows[0] == (str(StationKind.RIDER.label), 2), "largest first"
    assert stations.totals[0][1] == 3
    assert sum(counts.values()) == 3, "every kind is listed, zeros included"


def test_guides_by_item_type(client, home_page):
    from tests.catalog.factories import CatalogIndexPageFactory, ItemTypeFactory, ServiceGuidePageFactory

    catalog = CatalogIndexPageFactory(parent=home_page)
    duty = ItemTypeFactory(kind="duty", name="依法履职事项")
    ItemTypeFactory(kind="refused", name="不得出具的证明")
    ServiceGuidePageFactory(parent=catalog, item_type=duty)
    ServiceGuidePageFactory(parent=catalog, item_type=duty)
    guides = section(client.get("/figures/"), "guides")
    assert dict(guides.rows) == {"依法履职事项": 2, "不得出具的证明": 0}


def test_tickets_received_closed_reply_time_and_satisfaction(client, home_page):
    from services.feedback.models import Rating, Status, Ticket
    from tests.feedback.factories import CategoryFactory, make_ticket

    parking = CategoryFactory(name="乱停车")
    tickets = [make_ticket(category=parking) for _n in range(3)]
    submitted = tickets[0].submitted_at
    Ticket.objects.filter(pk=tickets[0].pk).update(
        status=Status.CLOSED, rating=Rating.SATISFIED, first_replied_at=submitted + datetime.timedelta(hours=5)
    )
    tickets_section = section(client.get("/figures/"), "tickets")
    totals = {str(label): value for label, value, _unit in tickets_section.totals}
    assert totals["收到诉求"] == 3 and totals["已办结"] == 1 and totals["已超期"] == 0
    assert totals["平均首次答复用时"] == 5.0
    assert totals["累计答复满意率"] == 100.0
    assert ("乱停车", 3) in tickets_section.rows
