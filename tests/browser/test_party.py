"""Party members' check-in on a phone: sign in, declare, see 待确认; once confirmed, claim a post and report hours."""

import re

import pytest

from tests.browser.conftest import PageProblems, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "13912340020"


def texted_code():
    from services.participation import sms

    return re.search(r"\d{6}", sms.outbox[-1][1]).group()


def test_member_checks_in_on_a_phone_and_serves_once_confirmed(live_server, demo_site, phone):
    from services.participation import sms
    from services.party import service
    from services.party.models import Registration, ServiceRecord, Status

    sms.outbox.clear()
    problems = PageProblems(phone)
    phone.goto(f"{live_server.url}/party/report-in/")
    # Not signed in: sent to sign in, and back to the check-in afterwards.
    phone.get_by_label("手机号码").fill(PHONE)
    phone.get_by_role("button", name="发送验证码").click()
    phone.get_by_label("短信验证码").fill(texted_code())
    phone.get_by_role("button", name="登录").click()
    phone.get_by_role("heading", name="在职党员双报到", level=1).wait_for()
    assert phone.url.endswith("/party/report-in/")
    assert_accessible(phone, "party check-in form")

    phone.get_by_label("真实姓名").fill("林晓东")
    phone.get_by_label("工作单位").fill("区市场监督管理局")
    phone.get_by_label("所在党组织").fill("区市场监督管理局机关第三党支部")
    phone.get_by_label("居住地社区").select_option(index=1)
    problems.assert_none("signing in")
    phone.get_by_role("button", name="提交给社区").click()
    phone.get_by_text("请勾选，确认信息真实").wait_for()  # the box was not ticked: the typed text is kept
    assert problems.failed == [f"400 {live_server.url}/party/report-in/"]  # the form with its errors
    problems.clear()
    assert phone.get_by_label("工作单位").input_value() == "区市场监督管理局"
    phone.get_by_label("本人是中共党员，以上信息真实。").check()
    phone.get_by_role("button", name="提交给社区").click()
    phone.get_by_text("已提交，等待社区确认报到").wait_for()
    assert phone.locator("[data-status]").inner_text() == "待确认"
    registration = Registration.objects.get(resident__phone=PHONE)
    assert registration.status == Status.PENDING and registration.work_unit == "区市场监督管理局"

    service.confirm_registration(registration, None)
    phone.reload()
    assert phone.locator("[data-status]").inner_text() == "已确认"
    assert_accessible(phone, "party check-in confirmed")
    post = phone.locator("[data-needs] li, [data-projects] li").first
    title = post.locator("strong").inner_text()
    post.get_by_role("button", name="认领").click()
    phone.get_by_text(f"已认领：{title}").wait_for()
    phone.get_by_label("服务岗位").select_option(label=title)
    phone.get_by_label("服务时长（小时）").fill("2")
    phone.get_by_label("服务内容").fill("陪独居老人聊天、打扫卫生")
    phone.get_by_role("button", name="提交时长").click()
    phone.get_by_text("已提交，等待社区确认服务时长").wait_for()
    assert "待确认" in phone.locator("[data-services]").inner_text()
    assert ServiceRecord.objects.get(registration=registration).post == title
    problems.assert_none("on the check-in pages")
