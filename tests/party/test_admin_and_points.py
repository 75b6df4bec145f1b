"""The community's side: staff see only their community's members, confirm check-ins and hours (points once),
phone numbers masked and every look recorded; the figures page counts confirmed members and hours."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.utils import timezone

from services.participation import points
from services.participation.models import PointEntry, Resident
from services.party import service
from services.party.models import CommunityStaff, Registration, ServiceRecord, Status

pytestmark = pytest.mark.django_db


def staff_of(django_user_model, community, username="sq-staff"):
    user = django_user_model.objects.create_user(username, f"{username}@example.cn", "pw-staff-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    CommunityStaff.objects.create(user=user, community=community)
    return user


def register(phone, name, community, confirmed=False):
    resident = Resident.objects.create(phone=phone)
    data = {"name": name, "work_unit": "区税务局", "branch": "区税务局第二党支部", "community": community}
    registration = service.declare(resident, data)
    if confirmed:
        service.confirm_registration(registration, None)
        registration.refresh_from_db()
    return registration


def hours(registration, value, days_ago=1):
    date = timezone.localdate() - datetime.timedelta(days=days_ago)
    return service.report_hours(registration, {"claim": None, "date": date, "hours": Decimal(value)})


def test_community_staff_see_and_confirm_only_their_own_members(client, home_page, community, other_community,
                                                                 django_user_model):  # fmt: skip
    mine = register("13911110001", "李红", community)
    theirs = register("13911110002", "张伟", other_community)
    client.force_login(staff_of(django_user_model, community))
    listing = client.get("/admin/party/").content.decode()
    assert "区税务局" in listing and f'data-member="{mine.pk}"' in listing
    assert f'data-member="{theirs.pk}"' not in listing
    assert client.get(f"/admin/party/{theirs.pk}/").status_code == 404
    assert client.post(f"/admin/party/{theirs.pk}/confirm/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.PENDING

    page = client.get(f"/admin/party/{mine.pk}/")
    html = page.content.decode()
    assert "139****0001" in html and "13911110001" not in html, "the phone is masked for community staff"
    assert "李*" in html and "李红" not in html
    client.post(f"/admin/party/{mine.pk}/confirm/")
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED and mine.handled_by.username == "sq-staff"


def test_looking_at_a_member_is_recorded_and_administrators_see_the_full_number(admin_client, home_page, community):
    from wagtail.models import ModelLogEntry

    registration = register("13911110003", "王芳", community)
    html = admin_client.get(f"/admin/party/{registration.pk}/").content.decode()
    assert "13911110003" in html and "王芳" in html
    entry = ModelLogEntry.objects.get(object_id=str(registration.pk), action="feedback.personal_data_viewed")
    assert entry.user.username == "admin" and entry.data == {"in_full": True}


def test_other_staff_users_cannot_reach_the_desk(client, home_page, community, django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.cn", "pw-editor-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    denied = client.get("/admin/party/")
    assert (denied.status_code, denied["Location"]) == (302, "/admin/"), "Wagtail turns PermissionDenied into this"
    registration = register("13911110004", "赵强", community)
    assert client.post(f"/admin/party/{registration.pk}/confirm/")["Location"] == "/admin/"
    assert client.get(f"/admin/party/{registration.pk}/")["Location"] == "/admin/"
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


def test_declining_needs_a_reason_which_the_member_sees(client, admin_client, home_page, community):
    registration = register("13911110005", "孙丽", community)
    response = admin_client.post(f"/admin/party/{registration.pk}/decline/", {"reason": "  "}, follow=True)
    assert "请填写退回原因" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    admin_client.post(f"/admin/party/{registration.pk}/decline/", {"reason": "工作单位请写全称"})
    registration.refresh_from_db()
    assert registration.status == Status.DECLINED and registration.decline_reason == "工作单位请写全称"


def test_confirming_hours_awards_points_by_the_rule_once(admin_client, home_page, community, service_rule):
    member = register("13911110006", "周敏", community, confirmed=True)
    record = hours(member, "2.5")
    response = admin_client.post(f"/admin/party/hours/{record.pk}/confirm/", follow=True)
    assert "记20积分" in response.content.decode()  # 10 points per full hour
    response = admin_client.post(f"/admin/party/hours/{record.pk}/confirm/", follow=True)
    assert "已经处理过了" in response.content.decode()
    assert points.balance(member.resident) == 20
    entry = PointEntry.objects.get()
    assert entry.rule == service_rule and entry.created_by.username == "admin"
    assert entry.source == f"party-service:{record.pk}"
    record.refresh_from_db()
    assert record.status == Status.CONFIRMED and record.entry == entry
    # Declined hours earn nothing; a declined record cannot be confirmed afterwards.
    other = hours(member, "3", days_ago=2)
    admin_client.post(f"/admin/party/hours/{other.pk}/decline/", {"reason": "当天没有安排服务"})
    admin_client.post(f"/admin/party/hours/{other.pk}/confirm/")
    assert points.balance(member.resident) == 20


@pytest.mark.django_db(transaction=True)
def test_parallel_confirmations_award_points_once(home_page, service_rule):
    from tests.places.factories import CommunityFactory

    member = register("13911110007", "吴静", CommunityFactory(name="荷塘社区", slug="hetang"), confirmed=True)
    record = hours(member, "4")
    results = []

    def attempt():
        try:
            service.confirm_service(ServiceRecord.objects.get(pk=record.pk), None)
            results.append("ok")
        except service.PartyError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("ok") == 1 and results.count("refused") == 5
    assert points.balance(member.resident) == 40 and PointEntry.objects.count() == 1


def test_figures_page_counts_confirmed_members_and_hours_per_community(client, home_page, community, other_community):
    first = register("13911110008", "郑华", community, confirmed=True)
    second = register("13911110009", "冯军", community, confirmed=True)
    register("13911110010", "陈洁", community)  # awaiting confirmation: not counted
    third = register("13911110011", "褚明", other_community, confirmed=True)
    for member, value in [(first, "3"), (second, "1.5"), (third, "2")]:
        service.confirm_service(hours(member, value), None)
    hours(first, "5", days_ago=3)  # awaiting confirmation: not counted
    assert service.community_counts() == [("柳荫社区", 2, Decimal("4.5")), ("望湖社区", 1, Decimal("2"))]
    html = client.get("/figures/").content.decode()
    assert "在职党员报到（按社区）" in html and "在职党员服务时长（按社区）" in html
    assert "在职党员报到 <strong>3</strong>" in html
    assert "经确认的服务时长 <strong>6.5</strong>" in html
    assert Registration.objects.count() == 4


def test_staff_see_hours_waiting_only_in_their_community_with_masked_names(
    client, home_page, community, other_community, django_user_model
):
    mine = hours(register("13911110012", "蒋文", community, confirmed=True), "2")
    theirs = hours(register("13911110013", "韩雪", other_community, confirmed=True), "3")
    client.force_login(staff_of(django_user_model, community))
    html = client.get("/admin/party/").content.decode()
    assert f'data-pending-service="{mine.pk}"' in html and "蒋*" in html and "蒋文" not in html
    assert f'data-pending-service="{theirs.pk}"' not in html and "韩" not in html
    assert client.post(f"/admin/party/hours/{theirs.pk}/confirm/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.PENDING
