"""The fuzz world: a small site (home, catalog and a guide, a community, categories, a ticket, an open wish) on a live server."""

import pytest

from tests.catalog.factories import CatalogIndexPageFactory, ItemTypeFactory, ServiceGuidePageFactory
from tests.feedback.factories import CategoryFactory, CommunityFactory, GridFactory, make_ticket, make_wish


@pytest.fixture
def wagtail_root(transactional_db):
    """The page tree's root and locale, which a transactional test's flush removed, as migrations create them."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def fuzz_world(wagtail_root, home_page, live_server, settings, monkeypatch, tmp_path):
    from services.feedback import views as feedback_views
    from services.feedback.models import CategoryQuestion, Open311Key

    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Rate limits raised: the run measures validation, not the limits (they have their own tests).
    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "1000000,1000000,1000000,1000000")
    monkeypatch.setattr(feedback_views, "TRACK_FAILURES_PER_HOUR", 10**9)
    settings.USEFULNESS_RATE_LIMIT = 10**9
    item_type = ItemTypeFactory(kind="duty", name="依法履职事项", short_name="依法履职事项", sort_order=0)
    catalog = CatalogIndexPageFactory(parent=home_page, title="办事服务", slug="services")
    catalog.save_revision().publish()
    guide = ServiceGuidePageFactory(parent=catalog, title="居住证申领", slug="juzhuzheng", item_type=item_type)
    guide.save_revision().publish()
    community = CommunityFactory(name="柳荫社区", slug="liuyin")
    grid = GridFactory(community=community, name="第一网格", code="LY-01")
    elevator = CategoryFactory(name="电梯", code="elevator")
    CategoryQuestion.objects.create(category=elevator, code="trapped", question="是否有人被困？",
                                    datatype="singlevaluelist", required=True, choices="yes|有人被困\nno|无人被困")  # fmt: skip
    CategoryFactory(name="噪音", code="noise", sensitive=True)
    ticket = make_ticket(elevator, community, phone="13812345678", attributes={"trapped": "no"})
    wish = make_wish(community)
    _key, raw_key = Open311Key.issue("fuzz")
    party = party_world(community)
    return {
        **party,
        **bookings_world(home_page),
        "base_url": live_server.url,
        "api_key": raw_key,
        "category_id": elevator.pk,
        "community_id": community.pk,
        "grid_id": grid.pk,
        "ticket_number": ticket.number,
        "wish_id": wish.pk,
        "guide_path": guide.url,
        "guide_id": guide.pk,
    }


def party_world(community):
    """Two signed-in residents: one not yet checked in (the declaration form), one confirmed member with a
    need of their community to claim and a claimed post (posts and hours)."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from services.catalog.models import Moderation, Need
    from services.participation.models import Resident
    from services.party import service

    def session_for(resident):
        store = SessionStore()
        store["resident_id"] = resident.pk
        store.create()
        return store.session_key

    newcomer = Resident.objects.create(phone="13900007001")
    member = Resident.objects.create(phone="13900007002")
    data = {"name": "林晓东", "work_unit": "区市场监督管理局", "branch": "机关第三党支部", "community": community}
    registration = service.declare(member, data)
    service.confirm_registration(registration, None)
    registration.refresh_from_db()
    need = Need.objects.create(title="独居老人定期探访", description="每周一次。", community=community,
                               moderation=Moderation.APPROVED)  # fmt: skip
    other = Need.objects.create(title="楼道清理", description="每月一次。", community=community,
                                moderation=Moderation.APPROVED)  # fmt: skip
    claim = service.claim(registration, need_id=other.pk)
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "resident_session": session_for(newcomer),
        "member_session": session_for(member),
        "party_need_id": need.pk,
        "party_claim_id": claim.pk,
        "today": timezone.localdate().isoformat(),
    }


def bookings_world(home_page):
    """A station with a room and an activity open for sign-up, and a signed-in resident to book and sign up."""
    import datetime

    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from services.bookings.models import Activity, Room
    from services.bookings.slots import bookable_days, day_slots
    from services.participation.models import Resident
    from services.places.models import StationActivity, StationIndexPage
    from tests.places.factories import make_station

    index = StationIndexPage(title="服务站点", slug="stations")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    station = make_station(index, title="柳荫社区党群服务中心", hours="每天 08:00-20:00", kind="centre")
    room = Room.objects.create(station=station, name="一楼多功能活动室", capacity=40, slot_minutes=60)
    slot = next(slot for day in bookable_days(room)[1:] for slot in day_slots(room, day))
    entry = StationActivity.objects.create(
        station=station, date=timezone.localdate() + datetime.timedelta(days=3), start_time=datetime.time(14),
        end_time=datetime.time(15, 30), title="老年人智能手机课堂",
    )  # fmt: skip
    activity = Activity.objects.create(schedule_entry=entry, capacity=2, waiting_list=1)
    store = SessionStore()
    store["resident_id"] = Resident.objects.create(phone="13900008001").pk
    store.create()
    return {
        "booking_station_id": station.pk,
        "room_id": room.pk,
        "slot_key": slot.key,
        "activity_id": activity.pk,
        "booking_session": store.session_key,
    }
