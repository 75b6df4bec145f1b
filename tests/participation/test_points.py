"""The points ledger: derived balances, awards, redemptions, stock, station staff, and the public page."""

import threading

import pytest
from django.db import connection

from services.participation import points
from services.participation.models import EarningRule, ExchangeItem, PointEntry, Redemption, Resident, StationStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    return Resident.objects.create(phone="13912345678", display_name="张建华")


@pytest.fixture
def item(station):
    return ExchangeItem.objects.create(name="洗衣液一瓶", points=50, station=station, stock=2)


def signed_in(client, resident):
    session = client.session
    session["resident_id"] = resident.pk
    session.save()
    return client


def test_balance_is_derived_from_the_ledger_and_corrections_are_new_entries(resident):
    first = points.award(resident, 30, "参加社区清洁活动")
    points.award(resident, 20, "微心愿认领完成")
    points.award(resident, -10, "更正：清洁活动按20分计", corrects=first)
    assert points.balance(resident) == 40
    assert PointEntry.objects.count() == 3


def test_ledger_entries_cannot_be_changed_or_deleted(resident):
    from django.core.exceptions import ValidationError

    entry = points.award(resident, 30, "参加社区清洁活动")
    entry.points = 300
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert points.balance(resident) == 30


def test_balance_never_goes_negative(resident):
    points.award(resident, 10, "参加活动")
    with pytest.raises(points.PointsError):
        points.award(resident, -20, "更正")
    assert points.balance(resident) == 10


def test_redeem_takes_points_and_stock_and_gives_a_code(client, resident, item):
    points.award(resident, 120, "志愿服务")
    response = signed_in(client, resident).post(f"/points/items/{item.pk}/redeem/")
    assert response.status_code == 302 and response["Location"] == "/me/"
    redemption = Redemption.objects.get()
    html = client.get("/me/").content.decode()
    assert redemption.code in html and "兑换成功" in html
    assert points.balance(resident) == 70
    item.refresh_from_db()
    assert item.stock == 1


def test_not_enough_points_is_a_chinese_message(client, resident, item):
    points.award(resident, 10, "志愿服务")
    signed_in(client, resident).post(f"/points/items/{item.pk}/redeem/")
    assert "积分不足" in client.get("/points/").content.decode()
    assert Redemption.objects.count() == 0 and points.balance(resident) == 10


def test_out_of_stock(client, resident, item):
    points.award(resident, 500, "志愿服务")
    ExchangeItem.objects.filter(pk=item.pk).update(stock=0)
    signed_in(client, resident).post(f"/points/items/{item.pk}/redeem/")
    assert Redemption.objects.count() == 0 and points.balance(resident) == 500


def test_redeeming_needs_signing_in(client, item):
    response = client.post(f"/points/items/{item.pk}/redeem/")
    assert response.status_code == 302 and response["Location"].startswith("/me/?next=")


def test_staff_see_and_hand_over_only_their_stations_redemptions(client, resident, item, station, django_user_model):
    from tests.places.factories import make_station

    other_station = make_station(station.get_parent(), title="望湖社区小蜜蜂驿站")
    other_item = ExchangeItem.objects.create(name="理发一次", points=30, station=other_station, stock=5)
    points.award(resident, 500, "志愿服务")
    mine = points.redeem(resident, item.pk)
    theirs = points.redeem(resident, other_item.pk)
    staff = django_user_model.objects.create_user("liuyin", "l@example.cn", "pw-liuyin-123")
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    StationStaff.objects.create(user=staff, station=station)
    client.force_login(staff)
    html = client.get("/admin/points/redemptions/").content.decode()
    assert mine.code in html and theirs.code not in html
    client.post(f"/admin/points/redemptions/{theirs.pk}/collect/")
    client.post(f"/admin/points/redemptions/{mine.pk}/collect/")
    assert Redemption.objects.get(pk=mine.pk).status == "collected"
    assert Redemption.objects.get(pk=theirs.pk).status == "waiting"


def test_cancelling_refunds_points_and_stock(admin_client, resident, item):
    points.award(resident, 100, "志愿服务")
    redemption = points.redeem(resident, item.pk)
    admin_client.post(f"/admin/points/redemptions/{redemption.pk}/cancel/")
    item.refresh_from_db()
    assert points.balance(resident) == 100 and item.stock == 2
    assert Redemption.objects.get().status == "cancelled"


def test_staff_award_points_by_a_rule(admin_client, resident, station):
    rule = EarningRule.objects.create(name="参加活动并经站点确认", points=10)
    admin_client.post(
        "/admin/points/award/", {"phone": resident.phone, "rule": rule.pk, "station": station.pk, "note": "3月读书会"}
    )
    entry = PointEntry.objects.get()
    assert (entry.points, entry.reason, entry.created_by.username) == (10, "参加活动并经站点确认：3月读书会", "admin")


def test_public_page_lists_rules_items_and_an_opt_in_honour_roll_with_masked_names(client, resident, item):
    EarningRule.objects.create(name="参加活动并经站点确认", points=10)
    hidden = Resident.objects.create(phone="13700000000", display_name="李四")
    points.award(resident, 80, "志愿服务")
    points.award(hidden, 90, "志愿服务")
    Resident.objects.filter(pk=resident.pk).update(on_honour_roll=True)
    html = client.get("/points/").content.decode()
    assert "参加活动并经站点确认" in html and "洗衣液一瓶" in html and "柳荫社区党群服务中心" in html
    assert "张**" in html and "张建华" not in html and "李*" not in html
    assert "13912345678" not in html


def test_a_refund_is_not_counted_as_points_earned(admin_client, resident, item):
    Resident.objects.filter(pk=resident.pk).update(on_honour_roll=True)
    points.award(resident, 80, "志愿服务")
    redemption = points.redeem(resident, item.pk)
    admin_client.post(f"/admin/points/redemptions/{redemption.pk}/cancel/")
    admin_client.post(f"/admin/points/redemptions/{redemption.pk}/cancel/")  # twice: refunded once
    assert points.balance(resident) == 80
    assert points.honour_roll() == [("张**", 80)]
    row = admin_client.get("/admin/points/balances/").content.decode().split(f'data-resident="{resident.pk}">')[1]
    assert row.split("</tr>")[0].startswith("<td>13912345678</td><td>张**</td><td>80</td><td>0</td>")


@pytest.mark.django_db(transaction=True)
def test_two_redemptions_of_the_last_item_never_both_succeed(home_page, station):
    """Parallel requests: the last item and one balance are spent once (SQLite here; PostgreSQL in CI)."""
    buyers = [Resident.objects.create(phone=f"1390000000{n}") for n in range(6)]
    item = ExchangeItem.objects.create(name="环保袋", points=10, station=station, stock=3)
    for buyer in buyers:
        points.award(buyer, 15, "志愿服务")  # enough for one, not two
    results = []

    def attempt(buyer):
        try:
            points.redeem(buyer, item.pk)
            results.append("ok")
        except points.PointsError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(b,)) for b in buyers for _twice in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    item.refresh_from_db()
    assert results.count("ok") == 3 and item.stock == 0
    assert Redemption.objects.count() == 3
    assert all(points.balance(b) >= 0 for b in buyers)
    assert sum(points.balance(b) for b in buyers) == 6 * 15 - 3 * 10


@pytest.mark.django_db(transaction=True)
def test_parallel_http_requests_never_oversell_or_overspend(live_server, home_page, station):
    """Twelve exchanges sent at once over HTTP (two per resident, stock for three): three succeed, none is lost."""
    import http.client
    import re
    import urllib.parse

    from django.contrib.sessions.backends.db import SessionStore

    buyers = [Resident.objects.create(phone=f"1370000000{n}") for n in range(6)]
    item = ExchangeItem.objects.create(name="环保袋", points=10, station=station, stock=3)
    sessions = []
    for buyer in buyers:
        points.award(buyer, 15, "志愿服务")  # enough for one exchange, not two
        session = SessionStore()
        session["resident_id"] = buyer.pk
        session.create()
        sessions.append(session.session_key)
    port = int(live_server.url.rsplit(":", 1)[1])
    statuses = []

    def exchange(session_key):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/me/", headers={"Cookie": f"sessionid={session_key}"})
        response = conn.getresponse()
        html = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        conn.request(
            "POST",
            f"/points/items/{item.pk}/redeem/",
            body=urllib.parse.urlencode({"csrfmiddlewaretoken": token}),
            headers={
                "Cookie": f"sessionid={session_key}; csrftoken={cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{live_server.url}/points/",
            },
        )
        answer = conn.getresponse()
        answer.read()
        statuses.append((answer.status, answer.getheader("Location")))
        conn.close()

    threads = [threading.Thread(target=exchange, args=(key,)) for key in sessions for _twice in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    item.refresh_from_db()
    assert sorted(statuses) == [(302, "/me/")] * 3 + [(302, "/points/")] * 9, "3 exchanged, 9 told why not"
    assert item.stock == 0 and Redemption.objects.count() == 3
    assert PointEntry.objects.filter(redemption__isnull=False).count() == 3
    assert all(points.balance(b) >= 0 for b in buyers)
    assert sum(points.balance(b) for b in buyers) == 6 * 15 - 3 * 10


def test_my_page_links_to_my_bookings_and_sign_ups(client, resident):
    html = signed_in(client, resident).get("/me/").content.decode()
    assert '<a href="/me/bookings/">我的预约与报名</a>' in html
