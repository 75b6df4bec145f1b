"""Demo content of the catalog: categories, item types, 53 guides, 2 journeys, and the three lists.

Run by ``manage.py load_demo`` after the places demo (ORDER 10); idempotent (upsert by slug or title).
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from home.demo import upsert_child
from services.catalog.demo_data import guides_assisted, guides_duty, lists, taxonomy
from services.catalog.demo_data.guides_refused import refused_guides
from services.catalog.models import (
    CatalogFeaturedGuide,
    CatalogIndexPage,
    GuideFAQ,
    GuideForm,
    GuideMaterial,
    GuideStep,
    ItemType,
    Moderation,
    Need,
    ProgressStatus,
    Project,
    ProjectStatusChange,
    Resource,
    ServiceCategory,
    ServiceGuidePage,
    StepByStepPage,
)
from services.places.models import Community, Street

ORDER = 20
FEATURED = [
    "minimum-living-allowance",
    "longevity-allowance",
    "medical-insurance-enrolment",
    "newborn-hukou",
    "residence-permit",
    "dispute-mediation",
    "disability-certificate",
    "family-doctor",
]
FALLBACK_AREAS = [
    ("柳荫街道", "liuyin", ["柳荫社区", "杨柳岸社区", "荷塘社区"]),
    ("望湖街道", "wanghu", ["望湖社区", "湖滨社区", "新塘社区"]),
    ("桂园街道", "guiyuan", ["桂园社区", "金桂社区"]),
]
DEFAULT_LOCATION = "所在社区党群服务中心一楼综合服务窗口"
DEFAULT_HOURS = "工作日 9:00—12:00，13:30—17:30；周六 9:00—12:00（法定节假日除外）"
DEFAULT_PHONE = "0571-8690 2345"


def ensure_communities():
    """The places demo's communities; a small fallback set when it has not run (e.g. catalog alone)."""
    if not Community.objects.exists():
        for s_order, (street_name, street_slug, names) in enumerate(FALLBACK_AREAS):
            street, _ = Street.objects.get_or_create(
                name=street_name, defaults={"slug": street_slug, "sort_order": s_order}
            )
            for c_order, name in enumerate(names):
                Community.objects.get_or_create(
                    street=street,
                    name=name,
                    defaults={"slug": f"{street_slug}-{c_order + 1}", "sort_order": c_order},
                )
    return list(Community.objects.select_related("street"))


def ensure_taxonomy():
    """Item types and categories in editor order; returns {kind: ItemType}, {slug: ServiceCategory}."""
    types = {}
    for order, spec in enumerate(taxonomy.ITEM_TYPES):
        item_type, _ = ItemType.objects.update_or_create(kind=spec["kind"], defaults={**spec, "sort_order": order})
        types[spec["kind"]] = item_type
    categories = {}
    for order, (slug, name, icon, description) in enumerate(taxonomy.CATEGORIES):
        category, _ = ServiceCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "icon": icon, "description": description, "sort_order": order}
        )
        categories[slug] = category
    return types, categories


def ensure_form_document(title):
    """A blank application form as a .docx Wagtail document (drawn locally with python-docx)."""
    from docx import Document as DocxDocument
    from wagtail.documents import get_document_model

    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    doc = DocxDocument()
    doc.add_heading(title, level=1)
    for label in ("申请人姓名", "身份证号码", "户籍地址", "现居住地址", "联系电话", "家庭成员及收入情况", "申请理由"):
        doc.add_paragraph(f"{label}：________________________________")
    doc.add_paragraph("本人承诺以上信息真实有效，并授权有关部门核对家庭经济状况。")
    doc.add_paragraph("申请人签字：__________　　日期：____年__月__日")
    buffer = io.BytesIO()
    doc.save(buffer)
    document = model(title=title)
    document.file.save("form-dibao.docx", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def centre_stations(community_ids):
    """The service centres (from the places demo) of the communities a guide is limited to."""
    try:
        from services.places.models import StationKind, StationPage
    except ImportError:  # the places app without stations
        return []
    stations = StationPage.objects.live().filter(kind=StationKind.CENTRE, community_id__in=community_ids)
    return list(stations.order_by("title")[:4])


def guide_fields(spec, types, categories, kind, communities, today):
    """Page fields and child objects for one guide spec."""
    only = spec.get("only")
    chosen = [communities[i % len(communities)] for i in only] if only and communities else []
    fields = {
        "title": spec["title"],
        "summary": spec["summary"],
        "category": categories[spec["category"]],
        "item_type": types[kind],
        "department": spec["department"],
        "eligibility": "\n".join(spec["eligibility"]),
        "fee": spec["fee"],
        "time_limit_days": spec["days"],
        "time_limit_note": spec["note"],
        "legal_basis": "\n".join(spec["basis"]),
        "alternative": spec.get("alternative", ""),
        "online_url": spec.get("online", ""),
        "location_text": "" if kind == "refused" else DEFAULT_LOCATION,
        "hours_text": "" if kind == "refused" else DEFAULT_HOURS,
        "contact_phone": DEFAULT_PHONE,
        "last_reviewed": today - datetime.timedelta(days=spec.get("reviewed_days_ago", 20 + len(spec["title"]) * 7)),
        "item_code": "",
        "communities": chosen,
        "stations": centre_stations([c.pk for c in chosen]) if chosen and kind != "refused" else [],
        "materials": [
            GuideMaterial(name=n, form=f, copies=c, notes=notes, optional=opt, sort_order=i)
            for i, (n, f, c, notes, opt) in enumerate(spec["materials"])
        ],
        "steps": [
            GuideStep(title=t, description=d, where=w, duration=h, sort_order=i)
            for i, (t, d, w, h) in enumerate(spec["steps"])
        ],
        "faqs": [GuideFAQ(question=q, answer=a, sort_order=i) for i, (q, a) in enumerate(spec["faqs"])],
        "forms": [GuideForm(document=ensure_form_document(spec["form"]), sort_order=0)] if spec.get("form") else [],
    }
    return fields


def load_guides(catalog, types, categories, communities):
    today = timezone.localdate()
    specs = [("duty", s) for s in guides_duty.GUIDES]
    specs += [("assisted", s) for s in guides_assisted.GUIDES]
    specs += [("refused", s) for s in refused_guides()]
    guides = {}
    for number, (kind, spec) in enumerate(specs, start=1):
        fields = guide_fields(spec, types, categories, kind, communities, today)
        fields["item_code"] = f"YX-{kind[:1].upper()}-{number:03d}"
        guides[spec["slug"]] = upsert_child(catalog, ServiceGuidePage, spec["slug"], **fields)
    return guides


def journey_steps(guides, steps):
    return [
        {
            "type": "step",
            "value": {
                "title": title,
                "when": when,
                "summary": summary,
                "guides": [guides[slug].pk for slug in slugs],
                "either": False,
            },
        }
        for title, when, summary, slugs in steps
    ]


def load_journeys(catalog, guides):
    upsert_child(
        catalog,
        StepByStepPage,
        "newborn",
        title="新生儿出生一件事",
        introduction="宝宝出生后要办的几件事：生育登记、落户、参加医保、签约家庭医生。按顺序办，少跑腿。",
        steps=journey_steps(
            guides,
            [
                (
                    "办理生育登记",
                    "孕期或出生后",
                    "线上自助或到社区登记，是享受生育待遇的依据。",
                    ["birth-registration"],
                ),
                (
                    "申报出生登记（落户）",
                    "出生后30日内",
                    "带上出生医学证明和父母户口簿，到社区代办点或派出所申报。",
                    ["newborn-hukou"],
                ),
                (
                    "参加城乡居民医保",
                    "出生后90日内",
                    "出生90日内参保的，自出生之日起享受医保待遇。",
                    ["medical-insurance-enrolment"],
                ),
                ("签约家庭医生", "落户后", "签约后可享受儿童保健、预防接种提醒等服务。", ["family-doctor"]),
            ],
        ),
    )
    upsert_child(
        catalog,
        StepByStepPage,
        "elderly-services",
        title="老年人关爱服务一件事",
        introduction="家中老人满60周岁、80周岁时可以享受的待遇，以及居家养老、助餐和探访关爱服务。",
        steps=journey_steps(
            guides,
            [
                ("申领老年人优待证", "满60周岁", "凭证免费乘坐公交、游览公园。", ["senior-card"]),
                ("申领高龄津贴", "满80周岁", "社区会在老人满80周岁前一个月电话提醒。", ["longevity-allowance"]),
                (
                    "申请居家养老和助餐服务",
                    "需要照料时",
                    "先做能力评估，再按等级享受上门照护；也可到老年食堂就餐。",
                    ["home-care-assessment", "elderly-canteen"],
                ),
                (
                    "登记定期探访",
                    "独居或空巢时",
                    "网格员和志愿者每周电话问候、每月上门探访。",
                    ["lonely-elderly-visit"],
                ),
            ],
        ),
    )


def load_three_lists(communities):
    now = timezone.now()
    today = timezone.localdate()

    def community(index):
        return communities[index % len(communities)]

    needs = {}
    for days, (key, title, description, c_index, category, status, source) in enumerate(lists.NEEDS):
        need, _ = Need.objects.update_or_create(
            title=title,
            defaults={
                "description": description,
                "community": community(c_index),
                "category": category,
                "status": status,
                "source": source,
                "moderation": Moderation.APPROVED,
                "created_at": now - datetime.timedelta(days=30 + days * 9),
            },
        )
        needs[key] = need
    for title, description, c_index in [
        ("小区门口人行道破损", "东门外人行道有几块地砖松动，老人走路容易绊倒。", 1),
        ("希望开设书法兴趣班", "退休居民想学书法，希望社区能请老师开课。", 5),
    ]:
        Need.objects.get_or_create(
            title=title,
            defaults={
                "description": description,
                "community": community(c_index),
                "category": "other",
                "source": "resident",
                "moderation": Moderation.PENDING,
                "contact_name": "李先生",
                "contact_phone": "13800000001",
            },
        )
    resources = {}
    for days, (key, title, description, provider, kind, c_index, availability, contact) in enumerate(lists.RESOURCES):
        resource, _ = Resource.objects.update_or_create(
            title=title,
            defaults={
                "description": description,
                "provider": provider,
                "kind": kind,
                "community": None if c_index is None else community(c_index),
                "availability": availability,
                "public_contact": contact,
                "created_at": now - datetime.timedelta(days=20 + days * 11),
            },
        )
        resources[key] = resource
    for title, summary, need, resource, c_index, status, lead, start, end, served, outcome in lists.PROJECTS:
        project, _created = Project.objects.update_or_create(
            title=title,
            defaults={
                "summary": summary,
                "need": needs[need],
                "resource": resources[resource],
                "community": community(c_index),
                "status": status,
                "lead_unit": lead,
                "start_date": None if start is None else today + datetime.timedelta(days=start),
                "end_date": None if end is None else today + datetime.timedelta(days=end),
                "beneficiaries": served,
                "outcome": outcome,
            },
        )
        demo_status_history(project, today)


def demo_status_history(project, today):
    """A plausible history: every status up to the current one, dated around the project's dates."""
    start = project.start_date or today - datetime.timedelta(days=10)
    dates = {
        "open": start - datetime.timedelta(days=21),
        "claimed": start - datetime.timedelta(days=7),
        "in_progress": start,
        "done": project.end_date or today,
    }
    reached = ProgressStatus.values[: ProgressStatus.values.index(project.status) + 1]
    project.status_changes.all().delete()
    tz = timezone.get_current_timezone()
    ProjectStatusChange.objects.bulk_create(
        ProjectStatusChange(
            project=project,
            status=status,
            changed_at=datetime.datetime.combine(min(dates[status], today), datetime.time(9, 30), tzinfo=tz),
        )
        for status in reached
    )


def load(home, stdout=None):
    """Build the catalog under ``home`` (idempotent)."""
    communities = ensure_communities()
    types, categories = ensure_taxonomy()
    catalog = upsert_child(
        home,
        CatalogIndexPage,
        "services",
        title="办事服务",
        introduction="社区能办什么、要带什么、去哪里办、多久办结，一页看清。可按分类、事项类型和所在社区查找。",
        three_lists_intro="居民“点单”、社区“派单”、驻区单位“接单”：需求、资源、项目三张清单公开透明。",
    )
    guides = load_guides(catalog, types, categories, communities)
    load_journeys(catalog, guides)
    catalog.featured_guides = [
        CatalogFeaturedGuide(guide=guides[slug], sort_order=i) for i, slug in enumerate(FEATURED)
    ]
    catalog.save_revision().publish()
    load_three_lists(communities)
    if stdout:
        stdout.write(f"  办事指南：{len(guides)} 项，三单制清单已更新")
