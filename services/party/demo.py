"""Demo content of the party members' check-in (ORDER 45, after the points rules of participation, ORDER 40):
in-service party members checked in with communities that have open needs and projects, with the posts they
claimed and service hours their community confirmed (which earned points by the 志愿服务每满1小时 rule).

Idempotent: a member whose number is already checked in is left as it is.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from services.participation.models import Resident
from services.places.models import Community

from . import service
from .models import Registration, ServiceRecord, Status

ORDER = 45

# (phone, name, work unit, party organisation, status, [(days ago, hours, what was done, confirmed)])
MEMBERS = [
    (
        "13900002001",
        "刘卫东",
        "区卫生健康局",
        "区卫生健康局机关第一党支部",
        Status.CONFIRMED,
        [(62, "3", "为独居老人测血压、讲解用药", True), (34, "2", "健康知识讲座", True), (5, "2", "入户随访", False)],
    ),
    (
        "13900002002",
        "周晓燕",
        "市第二人民医院",
        "市第二人民医院内科党支部",
        Status.CONFIRMED,
        [(48, "4", "义诊", True), (20, "2.5", "陪同老人就医", True)],
    ),
    (
        "13900002003",
        "赵明",
        "区城市管理局",
        "区城市管理局执法大队党支部",
        Status.CONFIRMED,
        [(41, "3", "楼道堆物清理", True), (13, "2", "垃圾分类劝导", True)],
    ),
    (
        "13900002004",
        "吴佳",
        "区教育局",
        "区教育局机关党支部",
        Status.CONFIRMED,
        [(27, "2", "四点半课堂辅导作业", True)],
    ),
    ("13900002005", "郑海涛", "区税务局", "区税务局第二党支部", Status.PENDING, []),
]


def communities_with_posts(limit=3):
    """Communities that have open needs or projects to claim, in the usual order."""
    chosen = []
    for community in Community.objects.order_by("street__sort_order", "sort_order", "name"):
        probe = Registration(community=community)
        needs, projects = service.open_posts(probe)
        if needs or projects:
            chosen.append(community)
        if len(chosen) == limit:
            break
    return chosen


def load(home, stdout=None):
    communities = communities_with_posts()
    if not communities:
        return
    today = timezone.localdate()
    created = 0
    for index, (phone, name, unit, branch, status, services) in enumerate(MEMBERS):
        resident, _new = Resident.objects.get_or_create(phone=phone, defaults={"display_name": name})
        if Registration.objects.filter(resident=resident).exists():
            continue
        community = communities[index % len(communities)]
        data = {"name": name, "work_unit": unit, "branch": branch, "community": community}
        registration = service.declare(resident, data)
        created += 1
        if status != Status.CONFIRMED:
            continue
        service.confirm_registration(registration, None)
        registration.refresh_from_db()
        needs, projects = service.open_posts(registration)
        posts = [service.claim(registration, need_id=n.pk) for n in needs[index % max(len(needs), 1) :][:1]]
        posts += [service.claim(registration, project_id=p.pk) for p in projects[:1]]
        for n, (days_ago, hours, what, confirmed) in enumerate(services):
            claim = posts[n % len(posts)] if posts else None
            record = service.report_hours(
                registration,
                {
                    "claim": claim,
                    "date": today - datetime.timedelta(days=days_ago),
                    "hours": Decimal(hours),
                    "description": what,
                },
            )
            if confirmed:
                service.confirm_service(
                    ServiceRecord.objects.select_related("registration__resident").get(pk=record.pk), None
                )
    if stdout:
        stdout.write(f"在职党员双报到：{created} 位党员报到，{len(communities)} 个社区")
