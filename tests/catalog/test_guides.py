"""Service guide pages: structured fields, print view, QR codes, journeys, review dates, search text."""

import datetime
import io

import pytest
import zxingcpp
from PIL import Image

from services.catalog.models import GuideFAQ, GuideMaterial, GuideStep, StepByStepPage

from .factories import ServiceGuidePageFactory, StepByStepPageFactory


@pytest.fixture
def guide(catalog, categories, item_types):
    page = ServiceGuidePageFactory(
        parent=catalog,
        title="高龄津贴申领",
        slug="longevity",
        summary="80周岁以上老人按月领取高龄津贴。",
        category=categories["elderly"],
        item_type=item_types["assisted"],
        eligibility="本区户籍\n年满80周岁",
        fee="不收费",
        time_limit_days=10,
        legal_basis="《中华人民共和国老年人权益保障法》第三十三条",
        contact_phone="0571-8690 2345",
        department="区民政局（社区受理）",
        location_text="社区党群服务中心一楼",
    )
    page.materials = [
        GuideMaterial(name="居民身份证", form="original", copies=1, sort_order=0),
        GuideMaterial(name="银行卡", form="copy", copies=2, notes="用于发放补贴", optional=True, sort_order=1),
    ]
    page.steps = [
        GuideStep(title="提出申请", where="社区服务窗口", duration="10分钟", sort_order=0),
        GuideStep(title="审核发放", where="区民政局", duration="约10个工作日", sort_order=1),
    ]
    page.faqs = [GuideFAQ(question="家属能代办吗？", answer="可以，带上双方身份证。", sort_order=0)]
    page.save_revision().publish()
    return page


def test_guide_shows_every_structured_field(client, guide):
    html = client.get("/services/longevity/").content.decode()
    for text in [
        "高龄津贴申领",
        "年满80周岁",
        "居民身份证",
        "银行卡",
        "复印件 · 2份",
        "视情况提供",
        "用于发放补贴",
        "提出申请",
        "社区服务窗口",
        "约10个工作日",
        "10个工作日",
        "不收费",
        "《中华人民共和国老年人权益保障法》第三十三条",
        'href="tel:0571-86902345"',
        "家属能代办吗？",
        "这个页面有用吗？",
        "GovernmentService",
    ]:
        assert text in html, text


def test_time_limit_zero_reads_done_on_the_spot(guide):
    guide.time_limit_days = 0
    guide.time_limit_note = "材料齐全的"
    assert guide.time_limit_display() == "当场办结（材料齐全的）"


def test_refused_certificate_page_explains_the_alternative(client, catalog, categories, item_types):
    page = ServiceGuidePageFactory(
        parent=catalog,
        title="无犯罪记录证明",
        slug="no-record",
        category=categories["hukou"],
        item_type=item_types["refused"],
        alternative="向公安派出所申请。",
    )
    page.save_revision().publish()
    html = client.get("/services/no-record/").content.decode()
    assert "社区不出具此证明" in html and "向公安派出所申请。" in html
    assert "办结时限" not in html


def test_print_view_is_compact_and_links_back(client, guide):
    response = client.get("/services/longevity/print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="print-materials"' in html and "居民身份证" in html and "提出申请" in html
    assert 'name="robots" content="noindex"' in html
    assert "http://testserver/services/longevity/" in html  # canonical and footer address
    assert "这个页面有用吗" not in html


def test_png_qr_code_decodes_to_the_guide_absolute_url(client, guide):
    response = client.get(f"/services/qr/{guide.pk}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert [r.text for r in results] == ["http://testserver/services/longevity/"]


def test_svg_qr_code_is_a_standalone_svg(client, guide):
    """The SVG is decoded after rendering in Chromium in tests/browser/test_catalog.py."""
    from xml.etree import ElementTree

    response = client.get(f"/services/qr/{guide.pk}.svg")
    assert response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "http://testserver/services/longevity/" in response.content.decode()


def test_qr_of_unpublished_or_unknown_guide_is_404(client, guide):
    assert client.get("/services/qr/999999.png").status_code == 404
    guide.unpublish()
    assert client.get(f"/services/qr/{guide.pk}.png").status_code == 404


def test_journey_lists_steps_and_member_guides_show_side_navigation(client, catalog, guide, categories, item_types):
    other = ServiceGuidePageFactory(
        parent=catalog, title="老年人优待证申领", slug="senior-card", category=categories["elderly"]
    )
    other.save_revision().publish()
    journey = StepByStepPageFactory(
        parent=catalog,
        title="老年人关爱服务一件事",
        slug="elderly",
        steps=[
            {"type": "step", "value": {"title": "申领优待证", "when": "满60周岁", "summary": "", "guides": [other.pk]}},
            {
                "type": "step",
                "value": {"title": "申领高龄津贴", "when": "满80周岁", "summary": "", "guides": [guide.pk]},
            },
        ],
    )
    journey.save_revision().publish()

    html = client.get("/services/elderly/").content.decode()
    assert html.index("申领优待证") < html.index("申领高龄津贴")
    assert 'href="/services/longevity/"' in html

    html = client.get("/services/longevity/").content.decode()
    assert "本事项是“老年人关爱服务一件事”的第2步" in html
    nav = html.split('class="journey-nav"')[1].split("</nav>")[0]
    current = nav.split('aria-current="step"')
    assert len(current) == 2 and "申领高龄津贴" in current[1].split("</li>")[0]
    assert StepByStepPage.journeys_containing(other)[0]["current"] == 1


def test_search_text_is_plain_text_of_the_structured_fields(guide):
    text = guide.search_text()
    for part in ["高龄津贴申领", "年满80周岁", "银行卡 用于发放补贴", "审核发放", "不收费", "家属能代办吗？"]:
        assert part in text
    assert "<" not in text


def test_review_overdue_after_twelve_months(guide):
    today = datetime.date(2026, 6, 1)
    guide.last_reviewed = datetime.date(2025, 5, 1)
    assert guide.is_review_overdue(today)
    guide.last_reviewed = datetime.date(2025, 7, 1)
    assert not guide.is_review_overdue(today)


def test_pinyin_key_is_stored_on_save(guide):
    assert guide.pinyin_key.startswith("gao ling jin tie")


@pytest.fixture
def centres(home_page):
    """A station index with the service centres of two communities and one rider post."""
    from services.places.models import StationIndexPage
    from tests.places.factories import make_station

    from .factories import CommunityFactory

    index = StationIndexPage(title="服务站点", slug="stations")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    liuyin = CommunityFactory(name="柳荫社区", slug="liuyin")
    wanghu = CommunityFactory(name="望湖社区", slug="wanghu")
    return {
        "liuyin": make_station(
            index, title="柳荫社区党群服务中心", kind="centre", community=liuyin, address="柳荫路10号"
        ),
        "wanghu": make_station(
            index, title="望湖社区党群服务中心", kind="centre", community=wanghu, address="望湖路31号"
        ),
        "rider": make_station(index, title="小蜜蜂骑手驿站", kind="rider", community=liuyin),
    }


def where_section(html):
    return html.split('id="where"')[1].split("</section>")[0]


def test_guide_for_the_whole_district_lists_every_service_centre(client, guide, centres):
    where = where_section(client.get("/services/longevity/").content.decode())
    assert "全区各社区党群服务中心均可办理" in where
    assert "柳荫社区党群服务中心" in where and "望湖社区党群服务中心" in where and "望湖路31号" in where
    assert "小蜜蜂骑手驿站" not in where
    assert "开放中" in where  # open around the clock, worked out on each request
    assert 'action="/stations/"' in where and 'name="kind" value="centre"' in where  # nearest centre first
    assert 'href="/stations/?kind=centre"' in where


def test_guide_of_some_communities_lists_only_their_centres(client, guide, centres):
    guide.communities = [centres["wanghu"].community]
    guide.save_revision().publish()
    where = where_section(client.get("/services/longevity/").content.decode())
    assert "以下社区的党群服务中心可以办理" in where
    assert "望湖社区党群服务中心" in where and "柳荫社区党群服务中心" not in where


def test_community_from_the_catalog_filter_puts_its_centre_first(client, guide, centres):
    html = client.get("/services/?community=wanghu").content.decode()
    assert 'href="/services/longevity/?community=wanghu#where"' in html
    where = where_section(client.get("/services/longevity/?community=wanghu").content.decode())
    mine, others = where.split("<details", 1)
    assert "望湖社区党群服务中心" in mine and "您所在社区" in mine
    assert "柳荫社区党群服务中心" in others and "柳荫社区党群服务中心" not in mine


def test_linked_stations_replace_the_centres(client, guide, centres):
    guide.stations = [centres["rider"]]
    guide.save_revision().publish()
    where = where_section(client.get("/services/longevity/").content.decode())
    assert "小蜜蜂骑手驿站" in where and "望湖社区党群服务中心" not in where


def test_refused_certificate_sends_nobody_to_a_centre(client, catalog, categories, item_types, centres):
    ServiceGuidePageFactory(
        parent=catalog, slug="no-record", category=categories["hukou"], item_type=item_types["refused"]
    ).save_revision().publish()
    assert "党群服务中心" not in client.get("/services/no-record/").content.decode()


def test_whether_a_centre_is_open_follows_the_clock_between_visits(client, guide, centres, monkeypatch):
    """The where-to-go section is cached, but a resident at 18:00 is not told a 9-to-5 centre is open."""
    from services.places import hours as hours_logic
    from tests.places.factories import make_station

    from .factories import CommunityFactory

    make_station(
        centres["liuyin"].get_parent(),
        title="湖滨社区党群服务中心",
        hours="周一至周五 09:00-17:00",
        kind="centre",
        community=CommunityFactory(name="湖滨社区", slug="hubin"),
    )
    monday = datetime.datetime(2026, 11, 23, 10, 0)  # a Monday with no holiday, local time
    monkeypatch.setattr(hours_logic, "local_now", lambda: monday)
    morning = where_section(client.get("/services/longevity/").content.decode())
    assert morning.count("开放中") == 3  # two centres open around the clock, one open 9 to 5
    monkeypatch.setattr(hours_logic, "local_now", lambda: monday.replace(hour=18))
    evening = where_section(client.get("/services/longevity/").content.decode())
    assert evening.count("开放中") == 2 and evening.count("已关闭") == 1
