"""Rooms and sign-ups on a phone: book a free slot, join a full activity's waiting list, and see it move up
when a resident with a place cancels (the promoted resident is texted)."""

import re

import pytest

from tests.browser.conftest import PageProblems, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, number):
    from services.participation import sms

    page.goto(f"{base_url}/me/")
    page.get_by_label("手机号码").fill(number)
    page.get_by_role("button", name="发送验证码").click()
    page.get_by_label("短信验证码").fill(re.search(r"\d{6}", sms.outbox[-1][1]).group())
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的", level=1).wait_for()


def test_resident_books_a_room_on_a_phone(live_server, demo_site, phone):
    from services.bookings.demo import free_slot
    from services.bookings.models import Room, RoomBooking

    problems = PageProblems(phone)
    room = Room.objects.filter(bookings__isnull=False).select_related("station").first()
    slot = free_slot(room, skip=5)
    sign_in(phone, live_server.url, "13912340001")
    phone.goto(f"{live_server.url}{room.station.url}")
    phone.get_by_role("link", name="预约活动室").click()
    phone.get_by_label("活动室").select_option(str(room.pk))
    phone.get_by_label("日期").select_option(slot.date.isoformat())
    phone.get_by_role("button", name="查看空闲时段").click()
    assert_accessible(phone, "book a room")
    phone.get_by_label(re.compile(re.escape(slot.label))).check()
    phone.get_by_label("用途").fill("楼道微更新方案讨论")
    phone.get_by_label("人数").fill("8")
    phone.get_by_role("button", name="提交预约").click()
    phone.get_by_role("heading", name="我的预约与报名", level=1).wait_for()
    assert "楼道微更新方案讨论" in phone.locator("[data-bookings]").inner_text()
    assert "待审核" in phone.locator("[data-bookings]").inner_text()
    booking = RoomBooking.objects.get(purpose="楼道微更新方案讨论")
    assert (booking.room, booking.date, booking.start_time) == (room, slot.date, slot.start)
    problems.assert_none("while booking a room")


def test_waiting_list_moves_up_when_a_resident_cancels(live_server, demo_site, phone, browser):
    from services.bookings import signups
    from services.bookings.models import Activity, SignUp
    from services.participation import sms

    problems = PageProblems(phone)
    full = next(a for a in Activity.objects.order_by("date", "start_time") if signups.counts(a) == (4, 2))
    sign_in(phone, live_server.url, "13912340002")
    phone.goto(f"{live_server.url}/activities/")
    assert_accessible(phone, "activities open for sign-up")
    phone.get_by_role("link", name=full.title).first.click()
    assert_accessible(phone, "activity sign-up")
    phone.get_by_role("button", name="报名候补").click()
    assert "排第3位" in phone.locator("[data-sign-up-state]").inner_text()

    # A resident with a place (周海燕, the first to sign up) cancels on her own phone.
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True)
    other = context.new_page()
    sign_in(other, live_server.url, "13900002001")
    hers = SignUp.objects.get(activity=full, resident__phone="13900002001")
    other.goto(f"{live_server.url}/me/bookings/")
    other.locator(f"[data-sign-up='{hers.pk}']").get_by_role("button", name="取消").click()
    assert "已取消" in other.locator(f"[data-sign-up='{hers.pk}']").inner_text()
    context.close()

    # The first waiting resident (吴晓红) has the place and was texted; this resident moved up to second.
    assert sms.outbox[-1][0] == "13900002005" and "候补转为正式报名" in sms.outbox[-1][1]
    phone.reload()
    assert "排第2位" in phone.locator("[data-sign-up-state]").inner_text()
    assert signups.counts(full) == (4, 2)
    problems.assert_none("while signing up")
