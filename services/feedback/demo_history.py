"""The demo's earlier tickets: about a year of finished reports before the detailed recent ones.

The recent demo tickets (demo_data.TICKETS) are few and cover the last weeks; the league tables
(晾晒评议) compare departments and communities over months, quarters and years, which needs the
volume a district really has. These tickets are generated (fixed seed, so every load is the same):
each went through 受理 → 派单 → 签收 → 办理 → 答复 → 评价 in office hours, a few were rated 不满意
and handled again. Departments differ in how quickly they acknowledge and close, so the tables
have something to say. Residents' names and phones are not generated: these reports carry none.
"""

import datetime
import random

from django.utils import timezone

from .calendar import add_working_days, is_working_day
from .models import Rating, Status, Ticket, TicketEvent

FIRST_DAY_AGO = 430  # about fourteen months back
LAST_DAY_AGO = 60  # the detailed demo tickets cover the last 55 days
PER_DAY = 1.4  # reports a day on average (fewer at weekends)
SEED = "demo-history"

# How each department works: (share acknowledged on the day, closing speed: share of the deadline
# used on average, share of residents satisfied). Written to differ, not to single anyone out.
DEPARTMENT_HABITS = {
    "cgj": (0.92, 0.55, 0.90),
    "wyk": (0.70, 0.95, 0.72),
    "tzsb": (0.97, 0.45, 0.95),
    "hjws": (0.88, 0.70, 0.86),
    "jtj": (0.80, 0.85, 0.80),
    "sthj": (0.85, 0.75, 0.83),
    "jjdd": (0.90, 0.60, 0.88),
    "mzsq": (0.95, 0.50, 0.93),
    "sjzy": (0.93, 0.55, 0.91),
}
CATEGORY_WEIGHTS = {"parking": 5, "garbage": 4, "elevator": 2, "property": 5, "road": 4, "noise": 3, "other": 2}
OTHER_DEPARTMENTS = ["mzsq", "sjzy", "jjdd"]

PLACES = [
    "北门",
    "南门",
    "3幢楼下",
    "东侧围墙边",
    "菜场门口",
    "幼儿园旁",
    "公交站台",
    "老年活动室外",
    "地下车库入口",
    "小公园",
]
PROBLEMS = {
    "parking": [
        ("消防通道被私家车占用", "已对违停车辆贴单告知并加装隔离桩"),
        ("一辆僵尸车停放半年", "已联系车主挪走车辆"),
        ("电动车占用盲道停放", "已清理并划定电动车停放区"),
    ],
    "garbage": [
        ("垃圾桶满溢无人清运", "已调整清运时间为每日两次"),
        ("分类垃圾混装混运", "已约谈清运单位并加强督查"),
        ("投放点异味大", "已清洗投放点并增加除臭频次"),
    ],
    "elevator": [
        ("电梯运行时异响", "已督促维保单位更换导靴"),
        ("电梯年检标志过期", "已完成年检并张贴新合格证"),
    ],
    "property": [
        ("楼道灯坏了很久没人修", "已督促物业更换灯具"),
        ("单元门禁损坏", "已督促物业修复门禁"),
        ("公共绿地被占用种菜", "已协调居民恢复绿地"),
    ],
    "road": [
        ("路灯不亮", "已更换路灯光源"),
        ("人行道地砖松动", "已重新铺设地砖"),
        ("井盖破损", "已更换井盖"),
    ],
    "noise": [
        ("夜间施工噪音大", "已责令施工单位停止夜间作业"),
        ("商铺音响外放扰民", "已约谈商户并调低音量"),
    ],
    "other": [
        ("建议增设休息座椅", "已增设两组座椅"),
        ("希望增加便民服务时间", "已将周六上午纳入服务时间"),
    ],
}


RATING_NOTES = {Rating.SATISFIED: "满意", Rating.BASIC: "基本满意"}


def _at(day, start, end, rng):
    """A moment on ``day`` between two times (hours as floats), in the site's time zone."""
    minutes = rng.randint(int(start * 60), int(end * 60))
    naive = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    return timezone.make_aware(naive)


def _next_working_day(day):
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _office_time_after(moment, rng, min_hours, max_hours):
    """Some hours after ``moment``, moved into office hours (8:40–17:30) on a working day."""
    target = timezone.localtime(moment + datetime.timedelta(hours=rng.uniform(min_hours, max_hours)))
    day = target.date()
    hour = target.hour + target.minute / 60
    if hour > 17.5:
        day += datetime.timedelta(days=1)
    if not is_working_day(day) or hour > 17.5 or hour < 8.7:
        day = _next_working_day(day)
        return _at(day, 8.7, 11.5, rng)
    return target.replace(second=0, microsecond=0)


def _resident_time_after(moment, rng, min_hours, max_hours):
    """Some hours after ``moment``, in the hours residents write (7:40–21:20)."""
    target = timezone.localtime(moment + datetime.timedelta(hours=rng.uniform(min_hours, max_hours)))
    hour = target.hour + target.minute / 60
    if 7.67 <= hour <= 21.3:
        return target.replace(second=0, microsecond=0)
    day = target.date() + (datetime.timedelta(days=1) if hour > 21.3 else datetime.timedelta())
    return _at(day, 7.7, 10, rng)


def load_history(departments, categories, communities, centre_user=None):
    """Create the earlier tickets once; returns how many were created (0 when they exist already)."""
    if not communities or Ticket.objects.filter(idempotency_key__startswith="demo-history-").exists():
        return 0
    rng = random.Random(SEED)
    today = timezone.localdate()
    codes = [code for code in CATEGORY_WEIGHTS if code in categories]
    weights = [CATEGORY_WEIGHTS[code] for code in codes]
    tickets, timelines, used_replies, counters = [], [], set(), {}
    for days_ago in range(FIRST_DAY_AGO, LAST_DAY_AGO - 1, -1):
        day = today - datetime.timedelta(days=days_ago)
        expected = PER_DAY * (0.6 if day.weekday() >= 5 else 1.15)
        for _n in range(int(expected) + (1 if rng.random() < expected % 1 else 0)):
            code = rng.choices(codes, weights)[0]
            category = categories[code]
            dept_code = rng.choice(OTHER_DEPARTMENTS) if code == "other" else category.default_department.code
            department = departments[dept_code]
            community = rng.choices(communities, [max(c.households, 1) for c in communities])[0]
            ticket, timeline = _one(rng, day, category, department, community, dept_code, used_replies, counters)
            tickets.append(ticket)
            timelines.append(timeline)
    Ticket.objects.bulk_create(tickets, batch_size=500)
    _record_counters(counters)
    created = {t.idempotency_key: t for t in Ticket.objects.filter(idempotency_key__startswith="demo-history-")}
    events = []
    for ticket, timeline in zip(tickets, timelines, strict=True):
        saved = created[ticket.idempotency_key]
        for action, moment, from_status, to_status, note, actor in timeline:
            events.append(
                TicketEvent(
                    ticket=saved,
                    action=action,
                    created_at=moment,
                    from_status=from_status,
                    to_status=to_status,
                    note=note,
                    actor=centre_user if actor == "centre" else None,
                    actor_label=actor if actor not in ("centre", "") else "",
                    department=saved.department if action in ("dispatch", "acknowledged") else None,
                    public=True,
                )
            )
    TicketEvent.objects.bulk_create(events, batch_size=1000)
    return len(tickets)


def _record_counters(counters):
    """Keep each day's ticket counter past the numbers used here, so a later number never collides."""
    from .models import DailyCounter

    for day, last in counters.items():
        counter, _created = DailyCounter.objects.get_or_create(day=day, defaults={"last": last})
        if counter.last < last:
            DailyCounter.objects.filter(day=day).update(last=last)


def _one(rng, day, category, department, community, dept_code, used_replies, counters):
    """One finished ticket and its timeline: (action, time, from, to, note, actor)."""
    from .league import has_acknowledgement

    acknowledge_same_day, speed, satisfied_share = DEPARTMENT_HABITS.get(dept_code, (0.85, 0.7, 0.85))
    problem, fix = rng.choice(PROBLEMS[category.code])
    place = rng.choice(PLACES)
    submitted = _at(day, 7.7, 21.3, rng)
    counters[day] = counters.get(day, 0) + 1
    number = f"FK{day:%Y%m%d}-{counters[day]:04d}"
    accepted = _office_time_after(submitted, rng, 0.3, 3)
    dispatched = _office_time_after(accepted, rng, 0.2, 1.5)
    acknowledge_by = add_working_days(timezone.localdate(dispatched), 1)
    if rng.random() < acknowledge_same_day:
        acknowledged = _office_time_after(dispatched, rng, 0.2, 4)
    else:
        acknowledged = _at(add_working_days(acknowledge_by, 1), 8.8, 16, rng)  # a day late
    acknowledged = max(acknowledged, dispatched + datetime.timedelta(minutes=7))
    started = _office_time_after(acknowledged, rng, 0.5, 6)
    due = add_working_days(timezone.localdate(dispatched), category.deadline_days)
    working_days = max(1, round(rng.gauss(speed, 0.3) * category.deadline_days))
    replied = _at(add_working_days(timezone.localdate(started), working_days), 9, 17, rng)
    first_reply = replied
    when = timezone.localtime(replied)
    reply = f"经现场核实，{community.name}{place}{problem}的问题，{fix}（{when.month}月{when.day}日）。感谢您的反映。"
    while reply in used_replies:  # the same fix on the same day at the same place: say it differently
        reply = reply.replace("感谢您的反映。", "如仍有问题请再联系我们。", 1) if "感谢" in reply else reply + "。"
    used_replies.add(reply)
    rated = _resident_time_after(replied, rng, 3, 30)
    roll = rng.random()
    reopened = roll > satisfied_share + (1 - satisfied_share) * 0.55
    timeline = [
        ("received", submitted, "", Status.RECEIVED, "", ""),
        ("accept", accepted, Status.RECEIVED, Status.ACCEPTED, "已核实地点，予以受理", "centre"),
        ("dispatch", dispatched, Status.ACCEPTED, Status.DISPATCHED, "请按时限办理并答复居民", "centre"),
    ]
    timeline.append(("acknowledged", acknowledged, Status.DISPATCHED, Status.DISPATCHED, "", f"{department.name}"))
    timeline += [
        ("start", started, Status.DISPATCHED, Status.PROCESSING, "已安排人员现场核实", f"{department.name}"),
        ("reply", replied, Status.PROCESSING, Status.REPLIED, reply, f"{department.name}"),
    ]
    fields = {}
    reopen_count = 0
    if reopened:
        reopen_count = 1
        reply = "经再次核实，" + reply.removeprefix("经现场核实，")
        timeline.append(("rate", rated, Status.REPLIED, Status.REOPENED, "不满意：问题没有彻底解决", "居民"))
        accepted = _office_time_after(rated, rng, 0.5, 3)
        dispatched = _office_time_after(accepted, rng, 0.2, 1.5)
        acknowledged = _office_time_after(dispatched, rng, 0.2, 3)
        acknowledge_by = add_working_days(timezone.localdate(dispatched), 1)
        due = add_working_days(timezone.localdate(dispatched), category.deadline_days)
        replied = _office_time_after(acknowledged, rng, 4, 24 * max(1, working_days // 2))
        rated = _resident_time_after(replied, rng, 3, 30)
        timeline += [
            ("accept", accepted, Status.REOPENED, Status.ACCEPTED, "重新受理", "centre"),
            ("dispatch", dispatched, Status.ACCEPTED, Status.DISPATCHED, "居民不满意，请重新办理", "centre"),
            ("acknowledged", acknowledged, Status.DISPATCHED, Status.DISPATCHED, "", f"{department.name}"),
            ("reply", replied, Status.DISPATCHED, Status.REPLIED, reply, f"{department.name}"),
        ]
        rating = Rating.BASIC
    else:
        rating = Rating.SATISFIED if roll < satisfied_share else Rating.BASIC
    timeline.append(("rate", rated, Status.REPLIED, Status.CLOSED, RATING_NOTES[rating], "居民"))
    if not has_acknowledgement():  # without the acknowledgement step there is no such timeline entry
        timeline = [entry for entry in timeline if entry[0] != "acknowledged"]
    timeline = _distinct_gaps(timeline)
    moments = {}
    for action, moment, *_rest in timeline:
        moments.setdefault(action, []).append(moment)
    first_reply, replied, rated = moments["reply"][0], moments["reply"][-1], moments["rate"][-1]
    if has_acknowledgement():
        acknowledged = moments["acknowledged"][-1]
        fields = {"dispatched_at": moments["dispatch"][-1], "acknowledge_by": acknowledge_by}
        fields["acknowledged_at"] = acknowledged
    ticket = Ticket(
        number=number,
        idempotency_key=f"demo-history-{number}",
        category=category,
        community=community,
        department=department,
        address=f"{community.name}{place}",
        description=f"{place}{problem}，希望尽快处理。",
        name="居民",
        status=Status.CLOSED,
        due_date=due,
        submitted_at=submitted,
        first_replied_at=first_reply,
        replied_at=replied,
        reply=reply,
        rating=rating,
        rated_at=rated,
        closed_at=rated,
        reopen_count=reopen_count,
        **fields,
    )
    return ticket, timeline


def _distinct_gaps(timeline):
    """Move an entry a minute later when its gap to the one before repeats an earlier gap (people are
    not that regular), keeping the order."""
    fixed, gaps = [timeline[0]], set()
    for entry in timeline[1:]:
        moment = max(entry[1], fixed[-1][1] + datetime.timedelta(minutes=1))
        while moment - fixed[-1][1] in gaps:
            moment += datetime.timedelta(minutes=1)
        gaps.add(moment - fixed[-1][1])
        fixed.append((entry[0], moment, *entry[2:]))
    return fixed
