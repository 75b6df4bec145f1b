"""Demo content of rooms and sign-ups (ORDER 50, after taking part): rooms at the party and masses service
centres and stations with a few bookings (approved, waiting, one declined with its reason), and the coming
activities of two centres opened for sign-up, one of them full with residents on the waiting list.

Idempotent: rooms are upserted by station and name; bookings and sign-ups are written only when their room or
activity is first created, so later runs keep what residents and staff did since.
"""

import datetime

from django.utils import timezone

from services.participation.models import EarningRule, Resident
from services.places.models import StationActivity, StationKind, StationPage

from . import rooms, signups
from .models import Activity, BookingStatus, Room, RoomBooking, RoomKind, SignUpStatus
from .slots import bookable_days, day_slots

ORDER = 50

# (station kind, room name, kind, seats, slot minutes, equipment and rules)
ROOMS = [
    (
        StationKind.CENTRE,
        "一楼多功能活动室",
        RoomKind.ACTIVITY,
        40,
        120,
        "投影仪、音响、折叠桌椅40套；活动结束请恢复桌椅。",
    ),
    (
        StationKind.CENTRE,
        "二楼议事会议室",
        RoomKind.MEETING,
        16,
        60,
        "圆桌、白板、视频会议设备；适合楼栋议事会、业委会例会。",
    ),
    (StationKind.STATION, "党建书屋", RoomKind.READING, 12, 120, "藏书约两千册，可开展读书会、亲子阅读；请保持安静。"),
]
# Residents of the demo (139 0000 2xxx), with the bookings and sign-ups below.
RESIDENTS = [
    ("13900002001", "周海燕"),
    ("13900002002", "钱立新"),
    ("13900002003", "孙美华"),
    ("13900002004", "李国强"),
    ("13900002005", "吴晓红"),
    ("13900002006", "郑卫东"),
]
# (resident index, room index at the station, purpose, people, what staff did, reason)
BOOKINGS = [
    (0, 0, "楼栋议事会：讨论加装电梯意见征集", 25, BookingStatus.APPROVED, ""),
    (1, 1, "小区业委会月度例会", 9, BookingStatus.PENDING, ""),
    (2, 0, "广场舞队冬季排练", 30, BookingStatus.DECLINED, "当天活动室已安排社区消防安全培训，请改约其他时段。"),
    (3, 1, "老年协会换届筹备会", 12, BookingStatus.APPROVED, ""),
]


def demo_residents():
    residents = []
    for phone, name in RESIDENTS:
        resident, _created = Resident.objects.get_or_create(phone=phone, defaults={"display_name": name})
        residents.append(resident)
    return residents


def load_rooms(residents):
    made = 0
    for kind, name, room_kind, seats, minutes, description in ROOMS:
        for station in StationPage.objects.live().filter(kind=kind).order_by("path")[:3]:
            room, created = Room.objects.update_or_create(
                station=station,
                name=name,
                defaults={"kind": room_kind, "capacity": seats, "slot_minutes": minutes, "description": description},
            )
            made += created
    first_centre = StationPage.objects.live().filter(kind=StationKind.CENTRE).order_by("path").first()
    if first_centre is None:
        return made
    centre_rooms = list(first_centre.rooms.order_by("pk"))
    if not centre_rooms or centre_rooms[0].bookings.exists():
        return made
    for n, (who, room_index, purpose, people, outcome, reason) in enumerate(BOOKINGS):
        room = centre_rooms[room_index]
        slot = free_slot(room, skip=n)
        if slot is None:
            continue
        booking = rooms.book(residents[who], room, slot.key, purpose, people)
        if outcome != BookingStatus.PENDING:
            # Staff's decisions, without texting the demo residents.
            RoomBooking.objects.filter(pk=booking.pk).update(status=outcome, reason=reason, handled_at=timezone.now())
    return made


def free_slot(room, skip=0):
    """A free slot from the day after tomorrow on, a different one for each ``skip``."""
    for day in bookable_days(room)[2:]:
        free = [slot for slot in day_slots(room, day) if slot.free]
        if len(free) > skip:
            return free[skip]
        skip -= len(free)
    return None


def load_activities(residents):
    """Open the coming activities of two centres for sign-up; the first is full with two residents waiting."""
    rule = EarningRule.objects.filter(kind="activity", active=True).order_by("pk").first()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    opened = 0
    for centre in StationPage.objects.live().filter(kind=StationKind.CENTRE).order_by("path")[:2]:
        entries = StationActivity.objects.filter(station=centre, date__gte=tomorrow).order_by("date", "start_time")
        for n, entry in enumerate(entries[:2]):
            full = opened == 0
            activity, created = Activity.objects.get_or_create(
                schedule_entry=entry,
                defaults={"capacity": 4 if full else 30, "waiting_list": 3 if full else 10, "rule": rule},
            )
            opened += 1
            if not created:
                continue
            # The full one: four places taken, two waiting; the others: a few early sign-ups.
            for resident in residents[: 6 if full else 2 + n]:
                signups.sign_up(resident, activity)
    return opened


def load(home, stdout=None):
    residents = demo_residents()
    load_rooms(residents)
    opened = load_activities(residents)
    if stdout:
        waiting = sum(1 for a in Activity.objects.all() if signups.counts(a)[1])
        stdout.write(
            f"活动室与报名：{Room.objects.count()} 间活动室，{opened} 个开放报名的活动"
            f"（{waiting} 个有候补，已报名 {Activity.objects.filter(sign_ups__status=SignUpStatus.CONFIRMED).count()} 人次）"
        )
