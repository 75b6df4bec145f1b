"""The admin in Chinese, per station: staff open sign-up for their own schedule entries and see only their rooms."""

import pytest
from django.contrib.auth.models import Permission

from services.bookings.models import Activity, Room
from services.places.models import StationActivity
from tests.bookings.conftest import make_activity, next_weekday, staff_user

pytestmark = pytest.mark.django_db


def with_snippet_permissions(user):
    for codename in ("add_activity", "change_activity", "view_activity", "add_room", "change_room", "view_room"):
        user.user_permissions.add(Permission.objects.get(content_type__app_label="bookings", codename=codename))
    return user


def test_staff_open_sign_up_for_an_entry_of_their_own_schedule(client, station, other_station, django_user_model):
    import datetime

    day = next_weekday(3)
    mine = StationActivity.objects.create(
        station=station, date=day, start_time=datetime.time(9, 30), end_time=datetime.time(11), title="健康讲座"
    )
    theirs = StationActivity.objects.create(
        station=other_station, date=day, start_time=datetime.time(14), end_time=datetime.time(16), title="骑手茶话会"
    )
    client.force_login(with_snippet_permissions(staff_user(django_user_model, station)))
    form = client.get("/admin/snippets/bookings/activity/add/").content.decode()
    assert "健康讲座" in form and "骑手茶话会" not in form
    assert "名额" in form and "候补名额" in form  # the admin speaks Chinese
    response = client.post(
        "/admin/snippets/bookings/activity/add/",
        {"schedule_entry": theirs.pk, "capacity": 20, "waiting_list": 5, "sign_up_open": "on"},
    )
    assert response.status_code == 200 and Activity.objects.count() == 0  # not a choice for them
    client.post(
        "/admin/snippets/bookings/activity/add/",
        {"schedule_entry": mine.pk, "capacity": 20, "waiting_list": 5, "sign_up_open": "on"},
    )
    activity = Activity.objects.get()
    assert (activity.station_id, activity.title, activity.start_time) == (station.pk, "健康讲座", datetime.time(9, 30))


def test_staff_list_only_their_stations_rooms_and_activities(client, station, other_station, django_user_model):
    Room.objects.create(station=station, name="一楼会议室", kind="meeting", capacity=12)
    Room.objects.create(station=other_station, name="骑手休息室", kind="other", capacity=8)
    make_activity(station, title="健康讲座")
    make_activity(other_station, title="骑手茶话会")
    client.force_login(with_snippet_permissions(staff_user(django_user_model, station)))
    rooms = client.get("/admin/snippets/bookings/room/").content.decode()
    assert "一楼会议室" in rooms and "骑手休息室" not in rooms
    activities = client.get("/admin/snippets/bookings/activity/").content.decode()
    assert "健康讲座" in activities and "骑手茶话会" not in activities
    desk = client.get("/admin/bookings/activities/").content.decode()
    assert "健康讲座" in desk and "骑手茶话会" not in desk


def test_demo_rooms_bookings_and_a_full_activity_with_a_waiting_list(home_page, station):
    import datetime

    from django.utils import timezone

    from services.bookings import demo, signups
    from services.bookings.models import RoomBooking
    from services.participation.models import EarningRule

    EarningRule.objects.create(name="参加站点活动并现场签到", kind="activity", points=10)
    for days in (2, 3):
        StationActivity.objects.create(
            station=station, date=timezone.localdate() + datetime.timedelta(days=days), start_time=datetime.time(14),
            end_time=datetime.time(15, 30), title=f"社区活动{days}",
        )  # fmt: skip
    demo.load(home_page)
    demo.load(home_page)  # idempotent
    assert Room.objects.filter(station=station).count() == 2
    assert sorted(RoomBooking.objects.values_list("status", flat=True)) == [
        "approved", "approved", "declined", "pending"
    ]  # fmt: skip
    full, other = Activity.objects.order_by("date")
    assert signups.counts(full) == (4, 2) and signups.counts(other) == (3, 0)
    assert full.rule.points == 10
