"""The service catalog in a real browser: a resident on a phone finds a guide, reads the materials, prints it,
scans its QR code and answers 有用吗; the need form and the three lists; axe-core on every page."""

import io
import re

import pytest
import zxingcpp
from PIL import Image

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_phone_user_finds_a_guide_prints_it_and_answers_useful(live_server, demo_site, phone):
    from services.catalog.models import UsefulnessVote

    base = live_server.url
    phone.goto(base + "/")
    phone.locator("a.entry--services").click()
    phone.wait_for_url("**/services/")
    assert phone.get_by_role("heading", level=1).inner_text() == "办事服务"
    assert no_horizontal_scroll(phone)
    assert_accessible(phone, "catalog (phone)")

    # Browse by category: 救助帮扶 shows only its items.
    phone.locator(".category-tile", has_text="救助帮扶").click()
    phone.wait_for_url(re.compile(r".*category=jiuzhu.*"))
    assert phone.locator("#guides-title").inner_text() == "救助帮扶"
    titles = phone.locator(".guide-item__link").all_inner_texts()
    assert "最低生活保障申请" in titles and "高龄津贴申领" not in titles

    # Open the guide and read the materials.
    phone.get_by_role("link", name="最低生活保障申请").first.click()
    phone.wait_for_url("**/services/minimum-living-allowance/")
    materials = phone.get_by_role("heading", name="所需材料")
    materials.scroll_into_view_if_needed()
    assert materials.is_visible()
    names = phone.locator(".material__name").all_inner_texts()
    assert names[:2] == ["居民身份证", "户口簿"]
    assert phone.locator(".key-facts").inner_text().count("不收费") == 1
    assert no_horizontal_scroll(phone)

    # It applies in every community: where to go is the service centres, with a finder for the nearest.
    where = phone.locator("#where")
    where.locator("summary").click()
    assert where.locator(".guide-station").count() == 9
    assert where.get_by_role("button", name="查找最近的服务中心").is_visible()
    assert_accessible(phone, "guide (phone)")

    # The QR code, as the browser renders the SVG, decodes to this page's absolute URL.
    qr = phone.locator(".guide-qr img")
    qr.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    assert [r.text for r in decoded] == [base + "/services/minimum-living-allowance/"]

    # The print view fits on one A4 page.
    phone.get_by_role("link", name="打印版").click()
    phone.wait_for_url("**/print/")
    assert phone.locator(".print-materials").is_visible()
    assert_accessible(phone, "guide print view (phone)")
    pdf = phone.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    phone.get_by_role("link", name="返回办事指南").click()

    # 这个页面有用吗？ — 没用, with what was missing.
    phone.get_by_text("告诉我们还缺什么（选填）").click()
    phone.get_by_label("还缺少什么信息").fill("没写周末能不能办理")
    phone.get_by_role("button", name="没用").click()
    phone.wait_for_url(re.compile(r".*useful=thanks.*"))
    assert phone.get_by_role("status").filter(has_text="感谢您的反馈").is_visible()
    vote = UsefulnessVote.objects.get()
    assert vote.useful is False and vote.missing == "没写周末能不能办理"


def test_journey_side_navigation_highlights_the_current_step(live_server, demo_site, desktop):
    desktop.goto(live_server.url + "/services/newborn/")
    assert_accessible(desktop, "step-by-step journey")
    desktop.get_by_role("link", name="新生儿出生登记（落户）").click()
    nav = desktop.locator("nav.journey-nav")
    current = nav.locator('[aria-current="step"]')
    assert current.count() == 1 and "申报出生登记（落户）" in current.inner_text()
    assert nav.is_visible() and nav.bounding_box()["x"] > 640  # beside the guide on a desktop
    assert_accessible(desktop, "guide in a journey (desktop)")


def test_resident_submits_a_need_after_fixing_errors(live_server, demo_site, phone):
    from services.catalog.models import Need

    before = Need.objects.count()
    phone.goto(live_server.url + "/services/needs/")
    assert_accessible(phone, "needs board (phone)")
    assert "13800000001" not in phone.content()
    phone.get_by_role("link", name="我要提需求").first.click()
    phone.wait_for_url("**/needs/new/")
    assert_accessible(phone, "need form (phone)")
    phone.get_by_label("需求标题").fill("<b>楼道灯坏了</b>")
    phone.get_by_label("联系电话").fill("123")
    phone.get_by_role("button", name="提交").click()
    errors = phone.locator("#form-errors")
    assert errors.is_visible() and "请选择所在社区。" in errors.inner_text()
    assert phone.get_by_label("需求标题").input_value() == "<b>楼道灯坏了</b>"
    assert_accessible(phone, "need form with errors (phone)")
    phone.locator("#id_community").select_option(index=1)
    phone.get_by_label("需求描述").fill("3幢2单元楼道灯坏了一个星期，老人晚上下楼看不清。")
    phone.get_by_label("联系电话").fill("13912345678")
    phone.get_by_role("button", name="提交").dblclick()
    phone.wait_for_url("**/needs/thanks/")
    assert "XQ" in phone.locator(".alert--success").inner_text()
    assert Need.objects.count() == before + 1
    need = Need.objects.order_by("-pk").first()
    assert need.moderation == "pending" and need.title == "<b>楼道灯坏了</b>"


def test_boards_and_elderly_mode(live_server, demo_site, phone):
    phone.goto(live_server.url + "/elder-mode/?on=1&next=/services/projects/")
    assert phone.locator("html.elder").count() == 1
    assert_accessible(phone, "projects board (elderly mode)")
    phone.get_by_label("状态").select_option(label="已完成")
    phone.get_by_role("button", name="查看").click()
    statuses = phone.locator(".board-card .status").all_inner_texts()
    assert statuses and set(statuses) == {"已完成"}
    title = phone.locator(".board-card__title a").first
    name = title.inner_text()
    title.click()
    phone.wait_for_url(re.compile(r".*/services/projects/\d+/$"))
    assert phone.get_by_role("heading", level=1).inner_text() == name
    assert phone.locator(".status-history li").last.inner_text().endswith("已完成")
    assert_accessible(phone, "project page (elderly mode)")
    phone.goto(live_server.url + "/services/resources/")
    assert_accessible(phone, "resources board (elderly mode)")
    phone.goto(live_server.url + "/services/")
    tiles = phone.locator(".category-tile")
    first, second = tiles.nth(0).bounding_box(), tiles.nth(1).bounding_box()
    assert second["y"] > first["y"]  # one column in elderly mode
    assert first["height"] >= 60
