import datetime

import pytest
from django.utils import timezone

from services.participation import sms


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def station_index(home_page):
    from services.places.models import StationIndexPage

    index = StationIndexPage(title="服务站点", slug="stations")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def station(station_index):
    from tests.places.factories import make_station

    return make_station(
        station_index,
        title="柳荫社区党群服务中心",
        hours="周一至周五 09:00-17:00",
        kind="centre",
        holiday_policy="closed",
    )


@pytest.fixture
def other_station(station_index):
    from tests.places.factories import make_station

    return make_station(station_index, title="新河社区党群服务站", hours="周一至周日 08:30-20:30", kind="station")


@pytest.fixture
def room(station):
    from services.bookings.models import Room

    return Room.objects.create(station=station, name="二楼多功能活动室", kind="activity", capacity=30, slot_minutes=120)


def next_weekday(offset=1):
    """The first Monday-to-Friday date at least ``offset`` days from today (Asia/Shanghai)."""
    day = timezone.localdate() + datetime.timedelta(days=offset)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def make_resident(phone="13912345678", name=""):
    from services.participation.models import Resident

    return Resident.objects.create(phone=phone, display_name=name)


def signed_in(client, resident):
    session = client.session
    session["resident_id"] = resident.pk
    session.save()
    return client


def make_activity(station, when=None, capacity=2, waiting_list=1, title="老年人智能手机课堂", **fields):
    """A schedule entry of ``station`` opened for sign-up."""
    from services.bookings.models import Activity
    from services.places.models import StationActivity

    if when is None:
        when = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0) + datetime.timedelta(days=3)
    entry = StationActivity.objects.create(
        station=station,
        date=when.date(),
        start_time=when.time().replace(second=0, microsecond=0),
        end_time=(when + datetime.timedelta(hours=1)).time().replace(second=0, microsecond=0),
        title=title,
        audience="老年居民",
    )
    return Activity.objects.create(schedule_entry=entry, capacity=capacity, waiting_list=waiting_list, **fields)


def staff_user(django_user_model, station, username="zhanwu"):
    from django.contrib.auth.models import Permission

    from services.participation.models import StationStaff

    user = django_user_model.objects.create_user(username, f"{username}@example.cn", "pw-2026-station")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    StationStaff.objects.create(user=user, station=station)
    return user
