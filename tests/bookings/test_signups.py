"""Activities with sign-up: places, the waiting list moving up, reminders, check-in points, the calendar file."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from services.bookings import signups
from services.bookings.models import SignUp
from services.participation import points, sms
from services.participation.models import EarningRule, PointEntry
from tests.bookings.conftest import make_activity, make_resident, signed_in, staff_user

pytestmark = pytest.mark.django_db


def test_places_then_waiting_list_then_full(client, station):
    activity = make_activity(station, capacity=2, waiting_list=1)
    residents = [make_resident(f"1390000000{n}") for n in range(4)]
    url = activity.get_absolute_url()
    page = client.get(url).content.decode()
    assert "老年人智能手机课堂" in page and "用手机号登录后报名" in page
    for resident in residents[:2]:
        signed_in(client, resident).post(f"{url}sign-up/")
    signed_in(client, residents[2]).post(f"{url}sign-up/", follow=True)
    page = client.get(url).content.decode()
    assert "您在候补名单中排第1位" in page
    response = signed_in(client, residents[3]).post(f"{url}sign-up/", follow=True)
    assert "名额和候补都已满" in response.content.decode()
    assert [s.status for s in SignUp.objects.order_by("pk")] == ["confirmed", "confirmed", "waiting"]
    again = signed_in(client, residents[0]).post(f"{url}sign-up/", follow=True)
    assert "您已报名成功" in again.content.decode() and SignUp.objects.count() == 3


def test_cancelling_moves_the_first_waiting_resident_up_and_tells_them(client, station):
    activity = make_activity(station, capacity=1, waiting_list=2)
    first, second, third = (make_resident(f"1390000000{n}") for n in range(3))
    mine = signups.sign_up(first, activity)
    signups.sign_up(second, activity)
    signups.sign_up(third, activity)
    signed_in(client, first).post(f"/me/sign-ups/{mine.pk}/cancel/")
    statuses = dict(SignUp.objects.values_list("resident__phone", "status"))
    assert statuses == {"13900000000": "cancelled", "13900000001": "confirmed", "13900000002": "waiting"}
    assert sms.outbox[-1][0] == "13900000001" and "候补转为正式报名" in sms.outbox[-1][1]
    page = signed_in(client, third).get(activity.get_absolute_url()).content.decode()
    assert "排第1位" in page
    # A waiting resident who gives up moves nobody up.
    sms.outbox.clear()
    signups.cancel(SignUp.objects.get(resident=third, status="waiting"))
    assert sms.outbox == []


def test_signing_up_needs_signing_in_and_an_open_future_activity(client, station):
    activity = make_activity(station)
    response = client.post(f"{activity.get_absolute_url()}sign-up/")
    assert response.status_code == 302 and response["Location"].startswith("/me/?next=")
    activity.sign_up_open = False
    activity.save()
    with pytest.raises(signups.SignUpError):
        signups.sign_up(make_resident(), activity)
    past = make_activity(station, when=timezone.localtime() - datetime.timedelta(hours=2), title="昨日讲座")
    with pytest.raises(signups.SignUpError):
        signups.sign_up(make_resident("13900000009"), past)
    assert SignUp.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_never_exceed_places_or_the_waiting_list(station):
    """Twelve residents at once for 3 places and 2 waiting (SQLite here; PostgreSQL in the PostgreSQL run)."""
    activity = make_activity(station, capacity=3, waiting_list=2)
    residents = [make_resident(f"1390000{n:04d}") for n in range(12)]
    outcomes = []
    barrier = threading.Barrier(len(residents))

    def attempt(resident):
        try:
            barrier.wait(timeout=10)
            outcomes.append(signups.sign_up(resident, activity).status)
        except signups.SignUpError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(r,)) for r in residents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["confirmed"] * 3 + ["refused"] * 7 + ["waiting"] * 2
    assert SignUp.objects.filter(status="confirmed").count() == 3
    assert SignUp.objects.filter(status="waiting").count() == 2


def test_check_in_awards_points_once(client, station, django_user_model):
    rule = EarningRule.objects.create(name="参加站点活动并现场签到", kind="activity", points=10)
    activity = make_activity(station, rule=rule)
    resident = make_resident()
    row = signups.sign_up(resident, activity)
    client.force_login(staff_user(django_user_model, station))
    desk = client.get(f"/admin/bookings/activities/{activity.pk}/").content.decode()
    assert "139****5678" in desk and "13912345678" not in desk
    first = client.post(f"/admin/bookings/sign-ups/{row.pk}/check-in/", follow=True)
    assert "记10积分" in first.content.decode()
    client.post(f"/admin/bookings/sign-ups/{row.pk}/check-in/")
    assert points.balance(resident) == 10
    entry = PointEntry.objects.get(resident=resident)
    assert entry.rule == rule and entry.station_id == station.pk and "老年人智能手机课堂" in entry.reason
    mine = signed_in(client, resident).get("/me/").content.decode()
    assert "老年人智能手机课堂" in mine  # the points history names the activity


def test_staff_of_another_station_cannot_check_in(client, station, other_station, django_user_model):
    rule = EarningRule.objects.create(name="参加站点活动并现场签到", kind="activity", points=10)
    row = signups.sign_up(make_resident(), make_activity(station, rule=rule))
    client.force_login(staff_user(django_user_model, other_station, "xinhe"))
    assert client.get(f"/admin/bookings/activities/{row.activity_id}/").status_code == 404
    assert client.post(f"/admin/bookings/sign-ups/{row.pk}/check-in/").status_code == 404
    assert "老年人智能手机课堂" not in client.get("/admin/bookings/activities/").content.decode()
    assert PointEntry.objects.count() == 0


def test_reminders_go_out_once_within_24_hours(station):
    soon = make_activity(station, when=timezone.localtime().replace(second=0) + datetime.timedelta(hours=20))
    later = make_activity(station, title="消防演练", when=timezone.localtime() + datetime.timedelta(days=3))
    resident = make_resident()
    signups.sign_up(resident, soon)
    signups.sign_up(resident, later)
    call_command("send_activity_reminders", verbosity=0)
    call_command("send_activity_reminders", verbosity=0)
    assert len(sms.outbox) == 1
    assert sms.outbox[0][0] == "13912345678" and "老年人智能手机课堂" in sms.outbox[0][1]


def test_the_periodic_runner_sends_the_reminders():
    from portal.management.commands.run_periodic import jobs

    assert "send_activity_reminders" in [name for name, _every, _run in jobs()]


def test_editing_the_schedule_entry_moves_the_activity_and_the_calendar_keeps_working(client, station):
    activity = make_activity(station)
    entry = activity.schedule_entry
    entry.title = "老年人智能手机课堂（第二期）"
    entry.save()
    activity.refresh_from_db()
    assert activity.title == "老年人智能手机课堂（第二期）"
    calendar = client.get(f"/stations/{station.pk}/activities.ics")
    assert calendar.status_code == 200 and "SUMMARY:老年人智能手机课堂（第二期）" in calendar.content.decode()


def test_station_page_links_sign_up_and_rooms(client, station, room):
    activity = make_activity(station)
    page = client.get(station.url).content.decode()
    assert activity.get_absolute_url() in page and "报名" in page
    assert f"/stations/{station.pk}/book/" in page and "二楼多功能活动室" in page


def test_search_finds_activities_open_for_sign_up(client, station, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_activity(station, title="社区书法兴趣班")
        closed = make_activity(station, title="社区书法展览布展")
        closed.sign_up_open = False
        closed.save()
    data = client.get("/api/v1/search/", {"q": "书法", "type": "activity"}).json()
    assert [r["title"] for r in data["results"]] == ["社区书法兴趣班"]
    assert data["results"][0]["type"] == "activity"
    assert client.get("/activities/").content.decode().count("社区书法兴趣班") == 1
    described = client.get("/api/v1/openapi.json").json()
    parameters = described["paths"]["/api/v1/search/"]["get"]["parameters"]
    assert "activity" in next(p for p in parameters if p["name"] == "type")["schema"]["enum"]
