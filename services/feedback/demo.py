"""Demo content of the feedback loop (ORDER 30): departments and groups, categories, tickets in every status, wishes.

Idempotent: departments, categories and templates are upserted by code/title, tickets by a fixed
idempotency key, wishes by title.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from home.demo_images import draw_scene
from services.places.demo_data import CALENDAR_FROM
from services.places.holiday_seed import seed_holidays
from services.places.models import Community

from .calendar import add_working_days, is_working_day
from .demo_data import (
    CATEGORIES,
    DEPARTMENTS,
    QUESTIONS,
    RATING_COMMENTS,
    REPLIES,
    REPLY_TEMPLATES,
    SENSITIVE_CATEGORIES,
    TICKET_DEPARTMENTS,
    TICKETS,
    WISHES,
)
from .demo_history import load_history
from .models import (
    Category,
    CategoryQuestion,
    Department,
    ReplyTemplate,
    Status,
    Ticket,
    TicketEvent,
    Wish,
    WishClaim,
)
from .photos import sanitise_photo
from .submission import create_ticket
from .workflow import ACCEPT_WITHIN_DAYS, perform

ORDER = 30
CENTRE_GROUP = "诉求受理中心"


def _staff_user(username, first_name, group):
    """A named actor for the demo timeline; it has no usable password, so nobody can log in as it."""
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": first_name})
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(group)
    return user


def load_setup():
    access = Permission.objects.get(codename="access_admin")
    centre, _ = Group.objects.get_or_create(name=CENTRE_GROUP)
    centre.permissions.add(
        access,
        Permission.objects.get(codename="manage_tickets"),
        Permission.objects.get(codename="view_personal_data"),
        # Setup and wish moderation, but no delete: nothing in the loop is ever deleted.
        *Permission.objects.filter(
            content_type__app_label="feedback",
            codename__regex=r"^(add|change|view)_(wish|category|categoryquestion|replytemplate|department)$",
        ),
    )
    departments = {}
    for code, name, email, phone in DEPARTMENTS:
        group, _ = Group.objects.get_or_create(name=f"部门：{name}")
        group.permissions.add(access)
        departments[code], _ = Department.objects.update_or_create(
            code=code, defaults={"name": name, "email": email, "phone": phone, "group": group}
        )
    categories = {}
    for order, (code, name, description, days, dept, keywords) in enumerate(CATEGORIES):
        categories[code], _ = Category.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "deadline_days": days,
                "default_department": departments.get(dept),
                "keywords": keywords,
                "sensitive": code in SENSITIVE_CATEGORIES,
                "sort_order": order,
            },
        )
    for cat, code, question, datatype, required, choices in QUESTIONS:
        CategoryQuestion.objects.update_or_create(
            category=categories[cat],
            code=code,
            defaults={"question": question, "datatype": datatype, "required": required, "choices": choices},
        )
    for cat, title, body in REPLY_TEMPLATES:
        ReplyTemplate.objects.update_or_create(category=categories.get(cat), title=title, defaults={"body": body})
    seed_holidays(since=CALENDAR_FROM)  # the real calendar from the chinesecalendar package, as for a server
    return centre, departments, categories


def _advance(ticket, target, centre_user, dept_user, department, key):
    """Drive a fresh ticket through the workflow to the demo's target state, like staff would."""
    if target == "received":
        return
    if target == "hidden":
        perform(ticket, "hide", centre_user, reason="广告信息，不予受理")
        return
    perform(ticket, "accept", centre_user, note="已核实地点，予以受理")
    if target == "accepted":
        return
    perform(ticket, "dispatch", centre_user, department=department.pk, note="请按时限办理并答复居民")
    if target in ("dispatched", "overdue"):
        return  # not acknowledged (签收) yet
    perform(ticket, "start", dept_user, note="已安排人员现场核实")
    if target == "processing":
        return
    perform(ticket, "reply", dept_user, reply=REPLIES[key])
    if target == "replied":
        return
    if target == "reopened":
        perform(ticket, "rate", as_resident=True, rating="unsatisfied", comment=RATING_COMMENTS[key])
        return
    rating = "basic" if target == "closed_basic" else "satisfied"
    perform(ticket, "rate", as_resident=True, rating=rating, comment=RATING_COMMENTS.get(key, ""))
    if target == "closed_ok":
        perform(ticket, "publish", centre_user, public_text=_public_text(ticket))


def _public_text(ticket):
    where = ticket.community.name if ticket.community else "辖区"
    return f"{where}居民反映：{ticket.description}"


# How long after the previous step each action usually happens, in hours (min, max).
STEP_HOURS = {
    "accept": (0.3, 2.5),
    "dispatch": (0.2, 1.5),
    "start": (2, 20),
    "reply": (20, 70),
    "rate": (3, 30),
    "publish": (2, 24),
    "hide": (0.5, 3),
}
RESIDENT_ACTIONS = {"received", "rate"}
STAFF_HOURS = (datetime.time(8, 30), datetime.time(17, 30))
RESIDENT_HOURS = (datetime.time(7, 30), datetime.time(21, 30))


def _within(moment, hours, working_days_only, rng):
    """``moment`` if it falls inside ``hours`` (on a working day for staff), else the next such time."""
    local = timezone.localtime(moment)
    start, end = hours
    day = local.date()
    if local.time() > end:
        day += datetime.timedelta(days=1)
    elif local.time() >= start and (not working_days_only or is_working_day(day)):
        return moment
    while working_days_only and not is_working_day(day):
        day += datetime.timedelta(days=1)
    opening = datetime.datetime.combine(day, start) + datetime.timedelta(minutes=rng.randint(5, 75))
    return timezone.make_aware(opening)


def _resident_time(day, rng):
    """A daytime or evening moment on ``day`` when a resident might write."""
    minutes = rng.randint(7 * 60 + 40, 21 * 60 + 20)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60)))


def _submitted_at(key, days_ago, now):
    rng = random.Random(f"submitted-{key}")
    moment = _resident_time(timezone.localdate(now) - datetime.timedelta(days=days_ago), rng)
    if moment > now - datetime.timedelta(minutes=20):  # "today" but later than now: the evening before
        moment = _resident_time(timezone.localdate(now) - datetime.timedelta(days=days_ago + 1), rng)
    return moment


def _backdate(ticket, submitted, key):
    """Give the ticket a plausible timeline: staff act in office hours on working days, residents by day
    or in the evening; the ticket's reply, rating, closing times and deadline follow from it."""
    rng = random.Random(f"timeline-{key}")
    now = timezone.now()
    events = list(TicketEvent.objects.filter(ticket=ticket).order_by("created_at", "pk"))
    moment = submitted
    times = {}
    for i, event in enumerate(events):
        if i:
            low, high = STEP_HOURS.get(event.action, (1, 8))
            moment += datetime.timedelta(hours=rng.uniform(low, high))
            if event.action in RESIDENT_ACTIONS:
                moment = _within(moment, RESIDENT_HOURS, False, rng)
            else:
                moment = _within(moment, STAFF_HOURS, True, rng)
            latest = now - datetime.timedelta(minutes=10 * (len(events) - i))
            moment = min(moment, latest).replace(microsecond=0)
        event.created_at = moment
        event.save(update_fields=["created_at"])
        times.setdefault(event.action, moment)
        times[f"last_{event.action}"] = moment
    updates = {"submitted_at": submitted}
    if "reply" in times:
        updates["first_replied_at"] = times["reply"]
        updates["replied_at"] = times["last_reply"]
    if "rate" in times:
        updates["rated_at"] = times["last_rate"]
        if ticket.status == Status.CLOSED:
            updates["closed_at"] = times["last_rate"]
    if "dispatch" in times:  # the acknowledgement (签收) deadline runs from the latest dispatch
        updates["dispatched_at"] = times["last_dispatch"]
        updates["acknowledge_by"] = add_working_days(
            timezone.localdate(times["last_dispatch"]), ticket.category.acknowledge_days
        )
        if ticket.acknowledged_at is not None:
            updates["acknowledged_at"] = times.get("last_acknowledged", times["last_dispatch"])
    if ticket.status == Status.REOPENED and "rate" in times:
        updates["due_date"] = add_working_days(timezone.localdate(times["last_rate"]), ACCEPT_WITHIN_DAYS)
    elif "dispatch" in times:
        updates["due_date"] = add_working_days(timezone.localdate(times["dispatch"]), ticket.category.deadline_days)
    elif "accept" in times:
        updates["due_date"] = add_working_days(timezone.localdate(times["accept"]), ACCEPT_WITHIN_DAYS)
    else:
        updates["due_date"] = add_working_days(timezone.localdate(submitted), ACCEPT_WITHIN_DAYS)
    Ticket.objects.filter(pk=ticket.pk).update(**updates)


def load_tickets(centre_group, departments, categories):
    communities = list(Community.objects.order_by("pk")[:4])
    if not communities:
        return 0
    centre_user = _staff_user("demo-centre", "受理员小林", centre_group)
    created_count = 0
    now = timezone.now()
    for key, cat, c_index, address, description, name, phone, days_ago, target in TICKETS:
        category = categories[cat]
        department = departments[TICKET_DEPARTMENTS.get(key, "")] if key in TICKET_DEPARTMENTS else None
        department = department or category.default_department or departments["wyk"]
        submitted = _submitted_at(key, days_ago, now)
        ticket, created = create_ticket(
            idempotency_key=f"demo-{key}",
            submitted_at=submitted,
            category=category,
            community=communities[c_index % len(communities)],
            address=address,
            description=description,
            name=name,
            phone=phone,
            name_public=int(key) % 3 == 0,
            photos=[_photo(int(key))] if int(key) % 4 == 1 else [],
        )
        if not created:
            continue
        dept_user = _staff_user(f"demo-{department.code}", f"{department.name}值班员", department.group)
        _advance(ticket, target, centre_user, dept_user, department, key)
        _backdate(Ticket.objects.get(pk=ticket.pk), submitted, key)
        created_count += 1
    return created_count


def _photo(seed):
    upload = SimpleUploadedFile("demo.jpg", draw_scene(seed + 300, size=(800, 600)), content_type="image/jpeg")
    return sanitise_photo(upload)


def load_wishes():
    communities = list(Community.objects.order_by("pk")[:4])
    if not communities:
        return
    now = timezone.now()
    claimers = [("刘志强", "13655550001"), ("陈红梅", "13655550002"), ("党员先锋队老赵", "13655550003")]
    for i, (title, beneficiary, description, c_index, status) in enumerate(WISHES):
        if Wish.objects.filter(title=title).exists():
            continue
        wish = Wish.objects.create(
            title=title,
            beneficiary=beneficiary,
            description=description,
            community=communities[c_index % len(communities)],
            submitter_name="社区网格员",
            submitter_phone=f"1370000{i:04d}",
            status=status,
            created_at=now - datetime.timedelta(days=30 - i * 2),
            approved_at=None if status == "pending" else now - datetime.timedelta(days=29 - i * 2),
        )
        if status in ("claimed", "fulfilled"):
            name, phone = claimers[i % len(claimers)]
            WishClaim.objects.create(
                wish=wish, name=name, phone=phone, created_at=now - datetime.timedelta(days=20 - i)
            )
        if status == "fulfilled":
            content, _size = _photo(100 + i)
            wish.fulfilment_note = f"{claimers[i % len(claimers)][0][0]}同志已帮助实现心愿，{beneficiary}非常高兴。"
            wish.fulfilment_photo.save(content.name, content, save=False)
            wish.fulfilled_at = now - datetime.timedelta(days=10 - i)
            wish.save()


def load(home, stdout=None):
    """Load the feedback demo (safe to run again)."""
    centre, departments, categories = load_setup()
    created = load_tickets(centre, departments, categories)
    centre_user = get_user_model().objects.filter(username="demo-centre").first()
    created += load_history(departments, categories, list(Community.objects.order_by("pk")), centre_user)
    load_wishes()
    if stdout:
        stdout.write(
            f"    诉求类别 {Category.objects.count()} 个，职能部门 {Department.objects.count()} 个，"
            f"新增诉求 {created} 件，微心愿 {Wish.objects.count()} 个"
        )
