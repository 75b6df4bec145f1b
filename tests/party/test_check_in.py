"""The member's side of the check-in: declaring, its validation, posts from the three lists, hours, the record."""

import datetime

import pytest
from django.utils import timezone

from services.catalog.models import Moderation, Need, Project
from services.party import service
from services.party.models import PostClaim, Registration, ServiceRecord, Status

from .conftest import declaration, signed_in

pytestmark = pytest.mark.django_db


def test_visitors_are_sent_to_sign_in_and_back(client, home_page):
    response = client.get("/party/report-in/")
    assert response.status_code == 302
    assert response["Location"] == "/me/?next=/party/report-in/"
    response = client.get("/party/report-in/record/2026/")
    assert response["Location"] == "/me/?next=/party/report-in/record/2026/"


def test_a_signed_in_resident_declares_and_sees_awaiting_confirmation(client, home_page, resident, community):
    signed_in(client, resident)
    page = client.get("/party/report-in/")
    assert page.status_code == 200 and "工作单位" in page.content.decode() and "所在党组织" in page.content.decode()
    response = client.post("/party/report-in/", declaration(community))
    assert response.status_code == 302
    registration = Registration.objects.get(resident=resident)
    assert (registration.name, registration.community, registration.status) == ("王建华", community, Status.PENDING)
    html = client.get("/party/report-in/").content.decode()
    assert "待确认" in html and "区卫生健康局机关第一党支部" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "请填写姓名"),
        ({"name": "王2华"}, "请填写真实姓名"),
        ({"work_unit": " "}, "请填写工作单位"),
        ({"work_unit": "区<b>局"}, "请删去工作单位中的"),
        ({"branch": "支" * 81}, "不超过80个字"),
        ({"community": ""}, "请选择居住的社区"),
        ({"community": "999999"}, "请从列表中选择居住的社区"),
        ({"community": "abc"}, "请从列表中选择居住的社区"),
        ({"confirm": ""}, "请勾选"),
    ],
)
def test_every_field_is_checked_with_a_chinese_message_and_what_was_typed_is_kept(
    client, home_page, resident, community, changes, message
):
    signed_in(client, resident)
    response = client.post("/party/report-in/", declaration(community, **changes))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "请修改下面标出的内容" in html
    if "work_unit" not in changes:
        assert 'value="区卫生健康局"' in html
    assert not Registration.objects.exists()


def test_a_declined_check_in_shows_the_reason_and_can_be_corrected(client, home_page, resident, community):
    signed_in(client, resident)
    client.post("/party/report-in/", declaration(community))
    registration = Registration.objects.get()
    service.decline_registration(registration, None, "所在党组织名称不完整，请写明到支部")
    html = client.get("/party/report-in/").content.decode()
    assert "未通过" in html and "所在党组织名称不完整" in html
    client.post("/party/report-in/", declaration(community, branch="区卫生健康局机关第二党支部"))
    registration.refresh_from_db()
    assert registration.status == Status.PENDING and registration.branch == "区卫生健康局机关第二党支部"
    assert registration.decline_reason == ""
    assert Registration.objects.count() == 1


def test_a_confirmed_check_in_cannot_be_overwritten_by_the_member(
    client, home_page, member, community, other_community
):
    signed_in(client, member.resident)
    response = client.post("/party/report-in/", declaration(other_community, work_unit="别的单位"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.community == community and member.work_unit == "区卫生健康局" and member.status == Status.CONFIRMED
    assert "请与社区联系" in client.get("/party/report-in/").content.decode()


def make_need(community, title="独居老人定期探访", moderation=Moderation.APPROVED, status="open"):
    return Need.objects.create(
        title=title, description="每周探访一次。", community=community, moderation=moderation, status=status
    )


def test_member_claims_posts_from_the_needs_and_projects_of_their_community(
    client, home_page, member, community, other_community
):
    need = make_need(community)
    hidden = make_need(community, "未审核的需求", moderation=Moderation.PENDING)
    done = make_need(community, "已完成的需求", status="done")
    elsewhere = make_need(other_community, "别的社区的需求")
    project = Project.objects.create(title="四点半课堂", summary="放学后辅导作业。", community=community)
    signed_in(client, member.resident)
    html = client.get("/party/report-in/").content.decode()
    assert "独居老人定期探访" in html and "四点半课堂" in html
    assert "未审核的需求" not in html and "已完成的需求" not in html and "别的社区的需求" not in html

    client.post("/party/report-in/posts/", {"need": need.pk})
    client.post("/party/report-in/posts/", {"project": project.pk})
    assert sorted(PostClaim.objects.values_list("title", flat=True)) == ["四点半课堂", "独居老人定期探访"]
    for refused in (need, hidden, done, elsewhere):
        response = client.post("/party/report-in/posts/", {"need": refused.pk}, follow=True)
        assert response.status_code == 200
    assert PostClaim.objects.count() == 2
    assert "您已认领这个岗位" in client.post("/party/report-in/posts/", {"need": need.pk}, follow=True).content.decode()
    response = client.post("/party/report-in/posts/", {"need": "x' or 1=1"}, follow=True)
    assert "请选择要认领的岗位" in response.content.decode()
    # The need itself is not changed by a claim: it stays as editors set it.
    need.refresh_from_db()
    assert need.status == "open"


def test_posts_and_hours_wait_for_the_community_to_confirm(client, home_page, resident, community):
    need = make_need(community)
    signed_in(client, resident)
    client.post("/party/report-in/", declaration(community))
    client.post("/party/report-in/posts/", {"need": need.pk})
    client.post("/party/report-in/hours/", {"date": timezone.localdate().isoformat(), "hours": "2"})
    assert not PostClaim.objects.exists() and not ServiceRecord.objects.exists()


def test_reporting_hours_checks_date_and_hours_and_keeps_what_was_typed(client, home_page, member):
    signed_in(client, member.resident)
    today = timezone.localdate()
    cases = [
        ({"date": (today + datetime.timedelta(days=1)).isoformat(), "hours": "2"}, "日期不能晚于今天"),
        ({"date": (today - datetime.timedelta(days=400)).isoformat(), "hours": "2"}, "只能填报一年内的服务"),
        ({"date": "2026-13-45", "hours": "2"}, "请填写日期"),
        ({"date": today.isoformat(), "hours": "13"}, "一天最多填报12小时"),
        ({"date": today.isoformat(), "hours": "0.3"}, "至少半小时"),
        ({"date": today.isoformat(), "hours": "1.3"}, "以半小时为单位"),
        ({"date": today.isoformat(), "hours": "两小时"}, "请用数字填写时长"),
        ({"date": today.isoformat(), "hours": "2", "claim": "999"}, "请从列表中选择您的岗位"),
    ]
    for data, message in cases:
        response = client.post("/party/report-in/hours/", {**data, "description": "陪老人聊天"})
        html = response.content.decode()
        assert response.status_code == 400, data
        assert message in html, data
        assert "陪老人聊天" in html, "what was typed is kept"
    assert not ServiceRecord.objects.exists()
    response = client.post("/party/report-in/hours/", {"date": today.isoformat(), "hours": "2.5", "description": ""})
    assert response.status_code == 302
    record = ServiceRecord.objects.get()
    assert record.status == Status.PENDING and str(record.hours) == "2.5" and record.post == "其他社区服务"


def test_the_annual_record_shows_the_members_own_confirmed_service_for_print(
    client, home_page, member, service_rule, resident
):
    from services.participation.models import Resident

    year = timezone.localdate().year
    claim = PostClaim.objects.create(registration=member, need=make_need(member.community), title="独居老人定期探访")
    for day, hours, confirm in [(1, "3", True), (2, "1.5", True), (3, "4", False)]:
        record = service.report_hours(
            member,
            {"claim": claim, "date": datetime.date(year, 1, day), "hours": hours, "description": f"第{day}次探访"},
        )
        if confirm:
            service.confirm_service(record, None)
    signed_in(client, resident)
    page = client.get(f"/party/report-in/record/{year}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "王建华" in html and "区卫生健康局" in html and "中共柳荫社区委员会" in html
    assert "第1次探访" in html and "第2次探访" in html and "第3次探访" not in html, "only confirmed hours"
    assert "data-total-hours>4.5<" in html
    assert "获得志愿积分 40 分" in html  # 3 h → 30, 1.5 h → 10 (points per full hour)
    assert "party/party.css" in html and "no-store" in page["Cache-Control"]

    # Another signed-in resident gets their own (absent) record, never this member's.
    other = Resident.objects.create(phone="13700001111")
    client.logout()
    signed_in(client, other)
    response = client.get(f"/party/report-in/record/{year}/")
    assert response.status_code == 302 and "王建华" not in client.get("/party/report-in/").content.decode()
    assert client.get(f"/party/report-in/record/{year + 1}/").status_code == 404
    assert client.get("/party/report-in/record/1999/").status_code == 404


def test_personal_pages_are_never_cached(client, home_page, member, settings):
    anonymous = client.get("/party/report-in/")
    assert "X-Accel-Expires" not in anonymous and "no-store" in anonymous["Cache-Control"]
    signed_in(client, member.resident)
    for path in ("/party/report-in/", f"/party/report-in/record/{timezone.localdate().year}/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Accel-Expires" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_hours_form_offers_todays_date_in_the_format_a_date_input_reads(client, home_page, member):
    signed_in(client, member.resident)
    html = client.get("/party/report-in/").content.decode()
    assert f'type="date" name="date" value="{timezone.localdate().isoformat()}"' in html


def test_mine_links_to_the_check_in(client, home_page, resident):
    html = signed_in(client, resident).get("/me/").content.decode()
    assert 'href="/party/report-in/"' in html and "到居住地社区报到" in html
