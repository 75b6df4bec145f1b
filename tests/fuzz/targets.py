"""Every public HTML form the fuzz run attacks: one list; a new form appends its FormTarget here.

``path`` may name keys of the fuzz world (see conftest.py), e.g. ``/wishes/{wish_id}/``. ``fields`` maps
each field to a hypothesis strategy (strategies.py). ``markers``: text found only in the view's own
response (the form re-rendered with errors, the results page) and never in a page refused before the
view (CSRF failure, wrong charset, rate limit); a 3xx also counts as reached.
"""

from dataclasses import dataclass, field

from hypothesis import strategies as st

from .strategies import field as f
from .strategies import hostile_text, mobile, number_field, photos


@dataclass(frozen=True)
class FormTarget:
    name: str
    path: str
    fields: dict
    method: str = "POST"
    markers: tuple = ()
    weight: int = 1  # share of the request budget, relative to the other targets
    extra: dict = field(default_factory=dict)  # fixed fields sent with every request
    files: dict = field(default_factory=dict)  # file fields: strategy of (name, bytes, content type)
    cookies: dict = field(default_factory=dict)  # sent with every request, e.g. a signed-in resident's session
    form_page: str = ""  # the page holding the form, when ``path`` only takes posts (default: ``path``)


FORM_TARGETS = [
    FormTarget(
        name="report",
        path="/feedback/",
        fields={
            "category": number_field("{category_id}"),
            "community": number_field("{community_id}"),
            "grid": number_field("", "{grid_id}"),
            "description": f("楼下路灯坏了一个星期，晚上很黑。", "电梯停运", max_size=3000),
            "address": f("柳荫路8号", ""),
            "latitude": f("30.27", "", "91", "-200"),
            "longitude": f("120.15", "", "181"),
            "name": f("张三", "王建国", "=cmd"),
            "phone": mobile(),
            "email": f("", "a@example.cn", "not-an-address"),
            "consent": f("on", ""),
            "name_public": f("on", ""),
            "idempotency_key": f("", "0b7c2d2e-6a59-4d1e-9f0e-3f9c8e0e1a11"),
            "q_trapped": f("yes", "no", ""),
        },
        markers=('name="consent"',),
        files={"photos": photos()},
        weight=3,
    ),
    FormTarget(
        name="track",
        path="/feedback/track/",
        fields={
            "number": f("{ticket_number}", "FK20260101-0001", max_size=40),
            "phone_last4": f("5678", "1234", "12a4"),
        },
        markers=('name="phone_last4"',),
        weight=2,
    ),
    FormTarget(
        name="wish",
        path="/wishes/new/",
        fields={
            "title": f("一台轮椅", max_size=200),
            "beneficiary": f("独居老人李阿姨", max_size=200),
            "description": f("腿脚不便，希望有一台轮椅。", max_size=3000),
            "community": number_field("{community_id}"),
            "submitter_name": f("社区工作者小张", "+1"),
            "submitter_phone": mobile(),
            "consent": f("on", ""),
        },
        markers=('name="beneficiary"',),
        weight=2,
    ),
    FormTarget(
        name="wish_claim",
        path="/wishes/{wish_id}/",
        fields={"name": f("刘志强", "@x"), "phone": mobile()},
        markers=('class="status status--wish-',),
    ),
    FormTarget(
        name="need",
        path="/services/needs/new/",
        fields={
            "title": f("需要助餐服务", max_size=200),
            "description": f("家中老人行动不便，需要每天送餐。", max_size=3000),
            "community": number_field("{community_id}"),
            "category": f("elderly", "children", "bogus", ""),
            "contact_name": f("李先生", ""),
            "contact_phone": f("13812345678", "0571-86901234", "12345"),
            "submission_token": f("0b7c2d2e-6a59-4d1e-9f0e-3f9c8e0e1a11", "not-a-uuid"),
        },
        markers=('name="contact_phone"',),
        weight=2,
    ),
    FormTarget(
        name="search",
        path="/search/",
        method="GET",
        fields={
            "q": f("社区", "养老", "wangge", "网格", "", max_size=500),
            "type": f("", "guide", "station", "news", "bogus"),
            "page": number_field("1", "2"),
            "near": f("", "30.27,120.15", "91,0", "a,b"),
            "radius_km": number_field("3", "0", "51"),
            "year": f("", "2026", "26"),
            "category": hostile_text(100),
        },
        markers=("search-page__form",),
        weight=2,
    ),
    FormTarget(
        name="league_departments",
        path="/figures/departments/",
        method="GET",
        fields={"period": f("2026", "2026-Q1", "2026-03", "2025-13", "2025-Q5", "1999", "", max_size=40)},
        markers=('class="container dashboard league"',),
    ),
    FormTarget(
        name="league_communities_csv",
        path="/figures/communities.csv",
        method="GET",
        fields={"period": f("2026", "2026-Q2", "2026-01", "3000", "", max_size=40)},
        markers=("\ufeff", "统计期间"),
    ),
    FormTarget(
        name="guide_usefulness",
        path="/services/useful/{guide_id}/",  # no CSRF token: the guide it sits on stays in the page cache
        fields={
            "useful": f("yes", "no", "", "maybe"),
            "missing": f("", "没有写需要带几张照片。", max_size=2000),
            "website": f("", "http://spam.example/"),
        },
        markers=('class="usefulness__buttons"',),
    ),
    FormTarget(
        name="sign_in",
        path="/me/",
        fields={
            "step": f("phone", "code", "", "bogus"),
            "phone": f("13912345678", "+86 139 1234 5678", "12345", max_size=40),
            "code": f("123456", "12345a", "", max_size=12),
            "next": f("", "/points/", "//evil.example/", "javascript:alert(1)"),
        },
        markers=('data-step="',),
        weight=2,
    ),
    FormTarget(
        name="book_room",
        path="/stations/{booking_station_id}/book/",
        fields={
            "room": number_field("{room_id}", "0"),
            "slot": f("{slot_key}", "2026-13-45T09:00", "2026-06-12T03:00", "", max_size=40),
            "purpose": f("楼栋议事会", "   ", "<b>排练</b>", max_size=200),
            "attendees": number_field("12", "0", "41", "-3", "十"),
        },
        markers=("data-booking-form",),
        cookies={"{session_cookie}": "{booking_session}"},
    ),
    FormTarget(
        name="activity_sign_up",
        path="/stations/{booking_station_id}/activities/{activity_id}/sign-up/",
        fields={},
        cookies={"{session_cookie}": "{booking_session}"},
        form_page="/stations/{booking_station_id}/activities/{activity_id}/",
    ),
    FormTarget(
        name="party_report_in",
        path="/party/report-in/",
        fields={
            "name": f("林晓东", "阿依古丽·买买提", "王2华", "", max_size=40),
            "work_unit": f("区市场监督管理局", "区<b>局", "", max_size=120),
            "branch": f("区市场监督管理局机关第三党支部", "", max_size=120),
            "community": number_field("{community_id}"),
            "confirm": f("on", ""),
        },
        markers=('data-form="declare"',),
        cookies={"{session_cookie}": "{resident_session}"},
    ),
    FormTarget(
        name="party_hours",
        path="/party/report-in/hours/",
        fields={
            "claim": number_field("", "{party_claim_id}"),
            "date": f("{today}", "2026-13-45", "1999-01-01", "", max_size=30),
            "hours": f("2", "1.5", "0.3", "13", "两小时", "1e9", "NaN", max_size=20),
            "description": f("", "陪独居老人聊天", max_size=400),
        },
        markers=('data-form="hours"',),
        cookies={"{session_cookie}": "{member_session}"},
        form_page="/party/report-in/",
    ),
    FormTarget(
        name="party_claim",
        path="/party/report-in/posts/",
        fields={"need": number_field("{party_need_id}"), "project": number_field("", "0")},
        cookies={"{session_cookie}": "{member_session}"},
        form_page="/party/report-in/",
    ),
    FormTarget(
        name="my_details",
        path="/me/",
        fields={
            "display_name": f("张建华", "阿依古丽·买买提", "=cmd", "", max_size=40),
            "on_honour_roll": f("on", "", "yes", "0"),
        },
        markers=('name="on_honour_roll"',),
        cookies={"{session_cookie}": "{resident_session}"},
    ),
]


def world_value(template, world):
    """Fill {keys} of ``template`` from the fuzz world; other braces stay as typed."""
    for key, value in world.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def resolved(strategy, world):
    return strategy.map(lambda value: world_value(value, world) if isinstance(value, str) else value)


__all__ = ["FORM_TARGETS", "FormTarget", "resolved", "st", "world_value"]
