"""Booking station rooms: slots from the opening hours and holidays, one booking per slot, staff decisions."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from services.bookings import rooms
from services.bookings.models import BookingStatus, RoomBooking
from services.bookings.slots import day_slots
from services.participation import sms
from tests.bookings.conftest import make_resident, next_weekday, signed_in, staff_user

pytestmark = pytest.mark.django_db


def slot_key(day, clock="09:00"):
    return f"{day.isoformat()}T{clock}"


def test_slots_follow_opening_hours_weekends_and_public_holidays(room):
    from services.places.models import PublicHoliday

    day = next_weekday(2)
    assert [s.label for s in day_slots(room, day)] == ["09:00—11:00", "11:00—13:00", "13:00—15:00", "15:00—17:00"]
    saturday = day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    assert day_slots(room, saturday) == []
    PublicHoliday.objects.create(date=day, name="国庆节")
    assert day_slots(room, day) == []  # the station closes on public holidays


def test_resident_books_a_slot_and_it_shows_as_taken(client, room):
    resident = make_resident()
    day = next_weekday(2)
    page = signed_in(client, resident).get(f"/stations/{room.station.pk}/book/?room={room.pk}&date={day}")
    assert page.status_code == 200 and "二楼多功能活动室" in page.content.decode()
    response = client.post(
        f"/stations/{room.station.pk}/book/",
        {"room": room.pk, "slot": slot_key(day), "purpose": "楼栋议事会", "attendees": "12"},
    )
    assert response.status_code == 302 and response["Location"] == "/me/bookings/"
    booking = RoomBooking.objects.get()
    assert (booking.resident, booking.status, booking.start_time) == (resident, "pending", datetime.time(9))
    mine = client.get("/me/bookings/").content.decode()
    assert "楼栋议事会" in mine and "待审核" in mine
    slots = {s.label: s.free for s in day_slots(room, day)}
    assert slots["09:00—11:00"] is False and slots["11:00—13:00"] is True


def test_a_taken_slot_is_refused_with_a_chinese_message(client, room):
    day = next_weekday(2)
    rooms.book(make_resident("13900000001"), room, slot_key(day), "读书会", 8)
    signed_in(client, make_resident("13900000002"))
    response = client.post(
        f"/stations/{room.station.pk}/book/",
        {"room": room.pk, "slot": slot_key(day), "purpose": "排练", "attendees": 5},
    )
    assert response.status_code == 400
    assert "刚刚被预约" in response.content.decode()
    assert RoomBooking.objects.count() == 1


def test_bad_input_gets_messages_not_errors(client, room):
    signed_in(client, make_resident())
    url = f"/stations/{room.station.pk}/book/"
    for data in (
        {"room": room.pk, "slot": "garbage", "purpose": "排练", "attendees": 5},
        {"room": room.pk, "slot": slot_key(next_weekday(2), "08:00"), "purpose": "排练", "attendees": 5},
        {"room": room.pk, "slot": slot_key(next_weekday(2)), "purpose": "   ", "attendees": "十"},
        {"room": room.pk, "slot": slot_key(next_weekday(2)), "purpose": "大会", "attendees": 300},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
    assert RoomBooking.objects.count() == 0
    assert client.get("/stations/999999/book/").status_code == 404


def test_booking_needs_signing_in(client, room):
    response = client.post(
        f"/stations/{room.station.pk}/book/",
        {"room": room.pk, "slot": slot_key(next_weekday(2)), "purpose": "排练", "attendees": 5},
    )
    assert response.status_code == 302 and response["Location"].startswith("/me/?next=")
    assert RoomBooking.objects.count() == 0


def test_the_database_refuses_a_second_active_booking_of_a_slot(room):
    day = next_weekday(2)
    first = RoomBooking.objects.create(
        room=room, resident=make_resident("13900000001"), date=day, start_time=datetime.time(9),
        end_time=datetime.time(11), purpose="读书会", attendees=5,
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomBooking.objects.create(
            room=room, resident=make_resident("13900000002"), date=day, start_time=datetime.time(9),
            end_time=datetime.time(11), purpose="排练", attendees=5,
        )  # fmt: skip
    # Once declined or cancelled, the slot may be booked again.
    RoomBooking.objects.filter(pk=first.pk).update(status=BookingStatus.CANCELLED)
    rooms.book(make_resident("13900000003"), room, slot_key(day), "排练", 5)
    assert RoomBooking.objects.filter(status=BookingStatus.PENDING).count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_for_one_slot_book_it_once(room):
    """Twelve residents ask for the same slot at once (SQLite here; PostgreSQL in the PostgreSQL run)."""
    residents = [make_resident(f"1390000{n:04d}") for n in range(12)]
    key = slot_key(next_weekday(2), "13:00")
    outcomes = []
    barrier = threading.Barrier(len(residents))

    def attempt(resident):
        try:
            barrier.wait(timeout=10)
            rooms.book(resident, room, key, "议事会", 6)
            outcomes.append("booked")
        except rooms.BookingError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(r,)) for r in residents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked"] + ["refused"] * 11
    assert RoomBooking.objects.filter(start_time=datetime.time(13)).count() == 1


def test_staff_approve_or_decline_with_a_reason_and_the_resident_is_texted(client, room, django_user_model):
    day = next_weekday(2)
    booking = rooms.book(make_resident(), room, slot_key(day), "楼栋议事会", 12)
    other = rooms.book(make_resident("13900000009"), room, slot_key(day, "11:00"), "合唱排练", 20)
    client.force_login(staff_user(django_user_model, room.station))
    desk = client.get("/admin/bookings/").content.decode()
    assert "139****5678" in desk and "13912345678" not in desk
    assert client.post(f"/admin/bookings/{booking.pk}/approve/").status_code == 302
    booking.refresh_from_db()
    assert booking.status == "approved"
    assert sms.outbox[-1][0] == "13912345678" and "已通过" in sms.outbox[-1][1]
    client.post(f"/admin/bookings/{other.pk}/decline/", {"reason": ""})
    other.refresh_from_db()
    assert other.status == "pending"  # no reason, no decision
    client.post(f"/admin/bookings/{other.pk}/decline/", {"reason": "当天活动室用于社区选举"})
    other.refresh_from_db()
    assert other.status == "declined" and other.reason == "当天活动室用于社区选举"
    assert "当天活动室用于社区选举" in sms.outbox[-1][1]
    assert "当天活动室用于社区选举" in signed_in(client, other.resident).get("/me/bookings/").content.decode()


def test_staff_of_another_station_see_and_handle_nothing_and_views_are_logged(
    client, room, other_station, django_user_model
):
    from wagtail.models import ModelLogEntry

    booking = rooms.book(make_resident(), room, slot_key(next_weekday(2)), "楼栋议事会", 12)
    client.force_login(staff_user(django_user_model, other_station, "xinhe"))
    assert "楼栋议事会" not in client.get("/admin/bookings/").content.decode()
    assert client.post(f"/admin/bookings/{booking.pk}/approve/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == "pending"
    client.force_login(staff_user(django_user_model, room.station, "liuyin"))
    client.get("/admin/bookings/")
    entry = ModelLogEntry.objects.get(action="bookings.personal_data_viewed", object_id=str(booking.pk))
    assert entry.user.username == "liuyin" and entry.data == {"in_full": False}


def test_residents_never_reach_the_admin_desk(client, room):
    signed_in(client, make_resident())
    assert client.get("/admin/bookings/").status_code == 302  # to the admin login


def test_resident_cancels_and_the_slot_is_free_again(client, room):
    day = next_weekday(2)
    resident = make_resident()
    booking = rooms.book(resident, room, slot_key(day), "楼栋议事会", 12)
    signed_in(client, make_resident("13900000005"))
    assert client.post(f"/me/bookings/{booking.pk}/cancel/").status_code == 404  # not theirs
    signed_in(client, resident)
    client.post(f"/me/bookings/{booking.pk}/cancel/")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert {s.label: s.free for s in day_slots(room, day)}["09:00—11:00"] is True
