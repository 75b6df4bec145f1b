"""Demo content of the feedback loop (ORDER 30): departments and groups, categories, tickets in every status, wishes.

Idempotent: departments, categories and templates are upserted by code/title, tickets by a fixed
idempotency key, wishes by title.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from home.demo_images import draw_scene
from services.places.models import Community
from services.places.models.holidays import PublicHoliday

from .demo_data import CATEGORIES, DEPARTMENTS, HOLIDAYS_2026, QUESTIONS, REPLY_TEMPLATES, TICKETS, WISHES
from .models import Category, CategoryQuestion, Department, ReplyTemplate, Ticket, TicketEvent, Wish, WishClaim
from .photos import sanitise_photo
from .submission import create_ticket
from .workflow import perform

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
    for date, name, kind in HOLIDAYS_2026:
        PublicHoliday.objects.get_or_create(date=date, defaults={"name": name, "kind": kind})
    return centre, departments, categories


def _advance(ticket, target, centre_user, dept_user, department):
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
        return
    perform(ticket, "start", dept_user, note="已安排人员现场核实")
    if target == "processing":
        return
    template = ReplyTemplate.objects.filter(category=ticket.category).first() or ReplyTemplate.objects.first()
    perform(ticket, "reply", dept_user, reply=template.body)
    if target == "replied":
        return
    if target == "reopened":
        perform(ticket, "rate", as_resident=True, rating="unsatisfied", comment="问题没有解决，晚上照样很吵。")
        return
    rating = "basic" if target == "closed_basic" else "satisfied"
    perform(ticket, "rate", as_resident=True, rating=rating, comment="")
    if target == "closed_ok":
        perform(ticket, "publish", centre_user, public_text=_public_text(ticket))


def _public_text(ticket):
    where = ticket.community.name if ticket.community else "辖区"
    return f"{where}居民反映：{ticket.description}"


def _backdate(ticket, submitted):
    """Spread the demo over the past weeks: shift the ticket's times and its timeline together."""
    shift = timezone.now() - submitted
    events = list(TicketEvent.objects.filter(ticket=ticket).order_by("created_at", "pk"))
    for i, event in enumerate(events):
        event.created_at = submitted + datetime.timedelta(hours=5 * i + 1) if i else submitted
        event.save(update_fields=["created_at"])
    updates = {"submitted_at": submitted}
    for field in ("first_replied_at", "replied_at", "closed_at", "rated_at"):
        if getattr(ticket, field):
            updates[field] = getattr(ticket, field) - shift + datetime.timedelta(hours=5 * len(events))
    if ticket.due_date:
        updates["due_date"] = ticket.due_date - datetime.timedelta(days=shift.days)
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
        department = category.default_department or departments["wyk"]
        submitted = now - datetime.timedelta(days=days_ago, hours=(int(key) * 7) % 11 + 1)
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
        _advance(ticket, target, centre_user, dept_user, department)
        _backdate(Ticket.objects.get(pk=ticket.pk), submitted)
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
    load_wishes()
    if stdout:
        stdout.write(
            f"    诉求类别 {Category.objects.count()} 个，职能部门 {Department.objects.count()} 个，"
            f"新增诉求 {created} 件，微心愿 {Wish.objects.count()} 个"
        )
