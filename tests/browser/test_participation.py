"""Taking part on a phone: sign in with the texted code, see 我的, exchange points; station staff hand it over."""

import re

import pytest

from tests.browser.conftest import PageProblems, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "13912340000"


def texted_code():
    from services.participation import sms

    return re.search(r"\d{6}", sms.outbox[-1][1]).group()


def test_resident_signs_in_exchanges_points_and_staff_hand_it_over(live_server, demo_site, phone, browser):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from services.participation import points, sms
    from services.participation.models import ExchangeItem, Resident, StationStaff

    sms.outbox.clear()
    problems = PageProblems(phone)
    phone.goto(f"{live_server.url}/me/")
    assert_accessible(phone, "sign in")
    phone.get_by_label("手机号码").fill(PHONE)
    phone.get_by_role("button", name="发送验证码").click()
    phone.get_by_label("短信验证码").fill(texted_code())
    phone.get_by_role("button", name="登录").click()
    phone.get_by_role("heading", name="我的", level=1).wait_for()
    assert "139****0000" in phone.content()

    item = ExchangeItem.objects.select_related("station").filter(stock__gt=0).order_by("points").first()
    points.award(Resident.objects.get(phone=PHONE), item.points + 5, "参加站点活动并现场签到")
    phone.goto(f"{live_server.url}/points/")
    assert_accessible(phone, "points")
    phone.locator(f"#item-{item.pk}").get_by_role("button", name="兑换").click()
    phone.get_by_text("兑换成功").wait_for()
    code = phone.locator("[data-code]").first.inner_text()
    assert phone.locator("[data-balance]").inner_text() == "5"
    problems.assert_none("on the resident's pages")

    staff = get_user_model().objects.create_user("zhanwu", "z@example.cn", "pw-zhanwu-2026")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    StationStaff.objects.create(user=staff, station=item.station)
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    desk = context.new_page()
    desk.goto(f"{live_server.url}/admin/login/")
    desk.fill("#id_username", "zhanwu")
    desk.fill("#id_password", "pw-zhanwu-2026")
    desk.get_by_role("button", name="登录").click()
    desk.goto(f"{live_server.url}/admin/points/redemptions/?code={code}")
    desk.locator(f"tr[data-code='{code}']").get_by_role("button", name="确认发放").click()
    desk.get_by_text(f"{code}：已发放").wait_for()
    context.close()

    phone.goto(f"{live_server.url}/me/")
    assert "已领取" in phone.locator("[data-redemptions]").inner_text()
