"""The feedback loop in a real browser: a resident reports on a phone, staff and the department act in the
admin, the resident tracks and rates 不满意 (which reopens the ticket); axe-core on the public pages."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.browser.conftest import assert_accessible
from tests.feedback.factories import (
    CategoryFactory,
    CommunityFactory,
    DepartmentFactory,
    GridFactory,
    image_bytes,
    make_wish,
)
from tests.support.two_factor import browser_admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_home(transactional_db, request):
    """The home page; rebuilds Wagtail's locale and root page when an earlier transactional test flushed them."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
        Page.add_root(title="Root", slug="root")
    return request.getfixturevalue("home_page")


@pytest.fixture
def loop_setup(site_home, django_user_model):
    community = CommunityFactory(name="柳荫社区", slug="liuyin")
    GridFactory(community=community, name="第一网格", code="LY-01")
    department = DepartmentFactory(name="区城市管理执法局", code="cgj")
    CategoryFactory(name="乱停车", code="parking", default_department=department)
    centre = Group.objects.create(name="诉求受理中心")
    centre.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="manage_tickets")
    )
    staff = django_user_model.objects.create_user("centre", password="pw-centre-123")
    staff.groups.add(centre)
    officer = django_user_model.objects.create_user("officer", password="pw-officer-123")
    officer.groups.add(department.group)
    return {"community": community, "department": department}


def admin_login(page, base, username, password):
    browser_admin_login(page, base, username, password)


def test_report_dispatch_reply_track_and_reopen(live_server, loop_setup, phone, browser):
    base = live_server.url
    # 1. The resident files a report with a photo on a phone.
    phone.goto(base + "/feedback/")
    assert_accessible(phone, "report form (phone)")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_label("问题类别").select_option(label="乱停车")
    phone.locator("#id_community").select_option(label=f"{loop_setup['community'].street.name} · 柳荫社区")
    phone.get_by_label("具体位置").fill("柳荫小区北门消防通道")
    phone.get_by_label("问题描述").fill("北门消防通道每天晚上都停满私家车，救护车进不来。")
    phone.get_by_label("现场照片（选填，最多 3 张）").set_input_files(
        [{"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(size=(640, 480))}]
    )
    phone.get_by_label("您的姓名").fill("王建国")
    phone.get_by_label("手机号码").fill("13812345678")
    phone.get_by_label("我已阅读上方的个人信息保护说明").check()
    phone.get_by_role("button", name="提交诉求").click()
    receipt = phone.locator("[data-ticket-number]")
    number = receipt.inner_text()
    assert number.startswith("FK")
    box = receipt.bounding_box()
    assert box["height"] < 2 * float(receipt.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 30"))
    assert receipt.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    assert phone.locator(".photo-list img").count() == 1
    assert "13812345678" not in phone.content()
    assert_accessible(phone, "tracking page (phone)")

    # 2. The acceptance centre accepts and dispatches in the admin.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    staff = context.new_page()
    admin_login(staff, base, "centre", "pw-centre-123")
    staff.goto(base + "/admin/feedback/tickets/")
    staff.get_by_role("link", name=number).click()
    staff.locator("[data-action-button=accept]").click()
    assert staff.locator("[data-status]").inner_text() == "已受理"
    staff.locator("select[name=department]").select_option(label="区城市管理执法局")
    staff.locator("[data-action-button=dispatch]").click()
    assert staff.locator("[data-status]").inner_text() == "已派单"
    context.close()

    # 3. The department replies.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    officer = context.new_page()
    admin_login(officer, base, "officer", "pw-officer-123")
    officer.goto(base + "/admin/feedback/tickets/")
    officer.get_by_role("link", name=number).click()
    officer.locator("#reply-text").fill("执法队员已到场劝离车辆，并张贴禁停告知书。")
    officer.locator("[data-action-button=reply]").click()
    assert officer.locator("[data-status]").inner_text() == "已答复"
    context.close()

    # 4. The resident tracks the report by number + last four digits and rates it 不满意.
    phone.goto(base + "/feedback/track/")
    assert_accessible(phone, "tracking lookup (phone)")
    phone.get_by_label("诉求编号").fill(number)
    phone.get_by_label("手机号后 4 位").fill("5678")
    phone.get_by_role("button", name="查询").click()
    assert "执法队员已到场劝离车辆" in phone.locator("[data-reply]").inner_text()
    phone.get_by_role("radio", name="不满意", exact=True).check()
    phone.get_by_label("评价说明（选择不满意时必填）").fill("第二天晚上又停满了。")
    phone.get_by_role("button", name="提交评价").click()
    assert phone.locator("[data-status]").inner_text() == "重新办理"
    assert "第二天晚上又停满了" in phone.locator(".timeline").inner_text()


def test_wishes_board_is_accessible_and_claimable(live_server, site_home, phone):
    community = CommunityFactory(name="望湖社区", slug="wanghu")
    make_wish(community, title="一台助行器")
    make_wish(community, title="一副老花镜", status="fulfilled", fulfilment_note="已送到")
    phone.goto(live_server.url + "/wishes/")
    assert_accessible(phone, "wishes board (phone)")
    phone.get_by_role("link", name="一台助行器").click()
    phone.get_by_label("您的姓名").fill("刘志强")
    phone.get_by_label("手机号码").fill("13655556666")
    phone.get_by_role("button", name="我来认领").click()
    assert "感谢您认领心愿" in phone.content()
    assert "13655556666" not in phone.content()
    assert_accessible(phone, "wish detail (phone)")


def test_report_form_in_elderly_mode(live_server, loop_setup, phone):
    phone.goto(live_server.url + "/elder-mode/?on=1&next=/feedback/")
    phone.wait_for_url("**/feedback/")
    assert phone.locator("html.elder").count() == 1
    height = phone.evaluate(
        "document.querySelector('.feedback-form button[type=submit]').getBoundingClientRect().height"
    )
    assert height >= 60
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(phone, "report form (elderly mode)")


def test_tapping_the_map_sets_the_pin(live_server, loop_setup, phone):
    phone.goto(live_server.url + "/feedback/")
    phone.locator("[data-pin-map].leaflet-container").wait_for()
    phone.locator("[data-pin-map]").click()
    lat = float(phone.locator("#id_latitude").input_value())
    lng = float(phone.locator("#id_longitude").input_value())
    assert 20 < lat < 45 and 100 < lng < 130
    assert phone.locator(".leaflet-marker-icon").count() == 1
    # No base map is configured here: the page says so, and the pin can still be dragged.
    assert phone.get_by_text("本地图未配置底图").is_visible()
    pin = phone.locator(".leaflet-marker-icon").bounding_box()
    x, y = pin["x"] + pin["width"] / 2, pin["y"] + pin["height"] - 4
    phone.mouse.move(x, y)
    phone.mouse.down()
    phone.mouse.move(x + 40, y + 30, steps=8)
    phone.mouse.up()
    assert float(phone.locator("#id_longitude").input_value()) > lng
    assert float(phone.locator("#id_latitude").input_value()) < lat


def test_the_chosen_categorys_questions_appear_and_are_stored(live_server, loop_setup, phone):
    from services.feedback.models import CategoryQuestion, Ticket

    elevator = CategoryFactory(name="电梯故障", code="elevator", sort_order=1)
    CategoryQuestion.objects.create(
        category=elevator, code="trapped", question="是否有人被困？", datatype="singlevaluelist", required=True,
        choices="yes|有人被困\nno|无人被困",
    )  # fmt: skip
    phone.goto(live_server.url + "/feedback/")
    questions = phone.locator(f"fieldset[data-category='{elevator.pk}']")
    assert not questions.is_visible()  # no category chosen yet
    phone.get_by_label("问题类别").select_option(label="电梯故障")
    assert questions.is_visible()
    assert_accessible(phone, "report form with a category's questions (phone)")
    phone.locator("#id_community").select_option(label=f"{loop_setup['community'].street.name} · 柳荫社区")
    phone.get_by_label("问题描述").fill("3号楼电梯停在两层之间，门打不开。")
    phone.get_by_label("您的姓名").fill("王建国")
    phone.get_by_label("手机号码").fill("13812345678")
    phone.get_by_label("我已阅读上方的个人信息保护说明").check()
    phone.get_by_role("button", name="提交诉求").click()
    # The required answer is missing: the server asks for it and the fieldset stays open.
    assert "请回答：是否有人被困？" in phone.locator("form.feedback-form").inner_text()
    assert questions.is_visible()
    phone.get_by_label("是否有人被困？（必填）").select_option(label="有人被困")
    phone.get_by_label("我已阅读上方的个人信息保护说明").check()
    phone.get_by_role("button", name="提交诉求").click()
    phone.locator("[data-ticket-number]").wait_for()
    assert "有人被困" in phone.locator("[data-answers]").inner_text()
    assert Ticket.objects.get().attributes == {"trapped": "yes"}
