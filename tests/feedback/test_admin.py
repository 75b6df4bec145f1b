"""The staff side in the Wagtail admin: inbox, actions, isolation between departments, CSV export, keys."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission

from services.feedback.models import Open311Key, Status
from services.feedback.workflow import perform

from .factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_tickets(category, community, centre_user, dept_a, dept_b):
    a = make_ticket(category, community, description="甲部门的工单内容", phone="13811112222")
    b = make_ticket(category, community, description="乙部门的工单内容", phone="13933334444")
    for ticket, dept in ((a, dept_a), (b, dept_b)):
        perform(ticket, "accept", centre_user)
        perform(ticket, "dispatch", centre_user, department=dept.pk)
    return a, b


def test_department_a_never_sees_department_b(client, two_tickets, user_a):
    a, b = two_tickets
    client.force_login(user_a)
    inbox = client.get("/admin/feedback/tickets/").content.decode()
    assert a.number in inbox and b.number not in inbox
    assert client.get(f"/admin/feedback/tickets/{a.pk}/").status_code == 200
    assert client.get(f"/admin/feedback/tickets/{b.pk}/").status_code == 404
    # Acting on B's ticket by POST is refused too.
    client.post(f"/admin/feedback/tickets/{b.pk}/", {"action": "reply", "reply": "越权答复"})
    b.refresh_from_db()
    assert b.status == Status.DISPATCHED and not b.reply
    # Filtering by B's department id does not reveal anything either.
    assert b.number not in client.get(f"/admin/feedback/tickets/?department={b.department_id}").content.decode()
    exported = client.get("/admin/feedback/tickets/export.csv").content.decode("utf-8-sig")
    assert a.number in exported and b.number not in exported and "乙部门" not in exported


def test_centre_sees_all_and_filters(client, two_tickets, centre_user, dept_b):
    a, b = two_tickets
    client.force_login(centre_user)
    html = client.get("/admin/feedback/tickets/").content.decode()
    assert a.number in html and b.number in html
    filtered = client.get(f"/admin/feedback/tickets/?department={dept_b.pk}").content.decode()
    assert b.number in filtered and a.number not in filtered
    assert a.number not in client.get("/admin/feedback/tickets/?status=closed").content.decode()


def test_people_without_a_role_are_refused(client, two_tickets, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    for url in ("/admin/feedback/tickets/", "/admin/feedback/tickets/export.csv",
                f"/admin/feedback/tickets/{two_tickets[0].pk}/", "/admin/feedback/keys/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert two_tickets[0].number not in response.content.decode()


def test_actions_through_the_admin(client, category, community, centre_user, user_a, dept_a):
    ticket = make_ticket(category, community)
    client.force_login(centre_user)
    url = f"/admin/feedback/tickets/{ticket.pk}/"
    page = client.get(url).content.decode()
    assert "受理" in page and 'data-action-button="accept"' in page
    client.post(url, {"action": "accept"})
    client.post(url, {"action": "dispatch", "department": dept_a.pk, "note": "请尽快处理"})
    ticket.refresh_from_db()
    assert ticket.status == Status.DISPATCHED
    client.force_login(user_a)
    refused = client.post(url, {"action": "close"}, follow=True)
    assert "您无权对该工单执行此操作。" in refused.content.decode()
    client.post(url, {"action": "reply", "reply": "已派执法队员清理。"})
    ticket.refresh_from_db()
    assert ticket.status == Status.REPLIED
    html = client.get(url).content.decode()
    assert "已派执法队员清理" in html and "staff_a" in html


def test_overdue_and_due_soon_flags(client, category, community, centre_user):
    import datetime

    from django.utils import timezone

    late = make_ticket(category, community)
    late.due_date = timezone.localdate() - datetime.timedelta(days=3)
    late.save()
    client.force_login(centre_user)
    html = client.get("/admin/feedback/tickets/?flag=overdue").content.decode()
    assert late.number in html and 'data-flag="overdue"' in html


def test_export_masks_phones_without_permission(client, two_tickets, centre_user):
    client.force_login(centre_user)
    rows = list(csv.reader(io.StringIO(client.get("/admin/feedback/tickets/export.csv").content.decode("utf-8-sig"))))
    assert rows[0][0] == "诉求编号"
    phones = {row[7] for row in rows[1:]}
    assert phones == {"138****2222", "139****4444"}
    centre_user.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    centre_user = type(centre_user).objects.get(pk=centre_user.pk)
    client.force_login(centre_user)
    body = client.get("/admin/feedback/tickets/export.csv").content.decode("utf-8-sig")
    assert "13811112222" in body


def test_export_neutralises_spreadsheet_formulas(client, category, community, centre_user):
    make_ticket(category, community, description='=HYPERLINK("http://evil")')
    client.force_login(centre_user)
    body = client.get("/admin/feedback/tickets/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_keys_are_created_once_and_revoked(client, centre_user):
    client.force_login(centre_user)
    response = client.post("/admin/feedback/keys/", {"name": "12345热线"})
    html = response.content.decode()
    raw = html.split("data-new-key>")[1].split("<")[0]
    key = Open311Key.objects.check_key(raw)
    assert key is not None and raw not in client.get("/admin/feedback/keys/").content.decode()
    client.post(f"/admin/feedback/keys/{key.pk}/revoke/")
    assert Open311Key.objects.check_key(raw) is None


def test_dashboard_panel(client, two_tickets, user_a):
    client.force_login(user_a)
    html = client.get("/admin/").content.decode()
    assert "吹哨报到" in html and "本部门" in html


def test_snippets_for_setup_and_wishes(admin_client, category):
    assert admin_client.get("/admin/snippets/feedback/category/").status_code == 200
    assert admin_client.get("/admin/snippets/feedback/wish/").status_code == 200


def test_extension_request_and_decision_through_the_admin(client, category, community, centre_user, user_a, dept_a):
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    ticket = perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    due = ticket.due_date
    url = f"/admin/feedback/tickets/{ticket.pk}/"
    client.force_login(user_a)
    client.post(url, {"action": "extend", "days": "4", "reason": "需协调供电公司停电施工"})
    ticket.refresh_from_db()
    assert ticket.extension_pending and ticket.due_date == due
    page = client.get(url).content.decode()
    assert 'data-action-button="extend"' not in page and "等待受理中心审批" in page
    assert 'data-action-button="approve_extension"' not in page
    client.force_login(centre_user)
    inbox = client.get("/admin/feedback/tickets/?flag=extension").content.decode()
    assert ticket.number in inbox and 'data-flag="extension"' in inbox
    page = client.get(url).content.decode()
    assert "需协调供电公司停电施工" in page and 'data-action-button="approve_extension"' in page
    assert 'data-action-button="refuse_extension"' in page
    refused = client.post(url, {"action": "refuse_extension", "reason": ""}, follow=True).content.decode()
    assert "请说明不同意延期的理由" in refused
    client.post(url, {"action": "approve_extension", "note": "请务必按新期限办结"})
    ticket.refresh_from_db()
    assert not ticket.extension_pending and ticket.due_date > due and ticket.extension_days == 4
    assert ticket.number not in client.get("/admin/feedback/tickets/?flag=extension").content.decode()
    timeline = client.get(url).content.decode().split("feedback-timeline")[1]
    assert "申请延期" in timeline and "办理期限延长" in timeline and "请务必按新期限办结" in timeline


# Tickets entered by the acceptance centre for 12345 callers and walk-in residents.


def staff_form(category, community, **extra):
    data = {
        "channel": "phone",
        "category": category.pk,
        "community": community.pk,
        "address": "桂园小区2幢",
        "description": "来电反映：小区地库入口长期被电动车堵住。",
        "name": "赵桂兰",
        "phone": "13512345678",
        "consent": "on",
        "idempotency_key": "staffkey1",
    }
    data.update(extra)
    return data


def test_centre_enters_a_phone_ticket_that_the_resident_can_track(
    client, category, community, centre_user, monkeypatch
):
    from services.feedback.models import Ticket

    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "1,1,1,1")  # staff entries are not rate-limited
    web = make_ticket(category, community)
    client.force_login(centre_user)
    form = client.get("/admin/feedback/tickets/new/")
    assert (
        form.status_code == 200 and "电话（12345 热线）" in form.content.decode() and "乱停车" in form.content.decode()
    )
    response = client.post("/admin/feedback/tickets/new/", staff_form(category, community))
    ticket = Ticket.objects.exclude(pk=web.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/admin/feedback/tickets/{ticket.pk}/"
    assert ticket.source == "phone" and ticket.phone == "13512345678" and ticket.status == Status.RECEIVED
    # Same numbering as the web form: the next number of the day.
    assert ticket.number[:11] == web.number[:11] and int(ticket.number[-4:]) == int(web.number[-4:]) + 1
    received = ticket.events.get(action="received")
    assert received.actor == centre_user and received.actor_label == "受理员"
    page = client.get(response["Location"]).content.decode()
    assert ticket.number in page and "电话（12345 热线）" in page
    # A double click creates one ticket.
    client.post("/admin/feedback/tickets/new/", staff_form(category, community))
    assert Ticket.objects.count() == 2
    walk_in = client.post(
        "/admin/feedback/tickets/new/", staff_form(category, community, channel="walkin", idempotency_key="k2")
    )
    assert walk_in.status_code == 302 and Ticket.objects.filter(source="walkin").count() == 1
    # The resident tracks it with the number and the last four digits.
    client.logout()
    tracked = client.post("/feedback/track/", {"number": ticket.number, "phone_last4": "5678"})
    assert tracked.status_code == 302 and tracked["Location"] == ticket.get_tracking_url()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "请输入 11 位手机号码"),
        ("phone", "", "请填写居民手机号码"),
        ("channel", "", "请选择反映渠道"),
        ("channel", "web", "请选择反映渠道"),
        ("description", "", "请描述您遇到的问题"),
        ("consent", "", "请向居民说明个人信息保护事项"),
        ("latitude", "48.85", "定位不在中国境内"),
    ],
)
def test_staff_entries_are_checked_like_the_public_form(
    client, category, community, centre_user, field, value, message
):
    from services.feedback.models import Ticket

    client.force_login(centre_user)
    data = staff_form(category, community, **{field: value})
    if field == "latitude":
        data["longitude"] = "2.35"
    if not value:
        data.pop(field)
    response = client.post("/admin/feedback/tickets/new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    if field != "description":
        assert "来电反映：小区地库入口长期被电动车堵住。" in html
    assert Ticket.objects.count() == 0


def test_staff_entries_ask_the_categorys_questions(client, category, community, centre_user):
    from services.feedback.models import CategoryQuestion, Ticket

    CategoryQuestion.objects.create(category=category, code="plate", question="车牌号", required=True)
    client.force_login(centre_user)
    refused = client.post("/admin/feedback/tickets/new/", staff_form(category, community))
    assert refused.status_code == 400 and "请回答：车牌号" in refused.content.decode()
    answers = {f"answer_{category.pk}_plate": "浙A12345"}
    assert client.post("/admin/feedback/tickets/new/", staff_form(category, community, **answers)).status_code == 302
    assert Ticket.objects.get().attributes == {"plate": "浙A12345"}


def test_only_the_centre_enters_tickets(client, category, community, user_a, django_user_model):
    from services.feedback.models import Ticket

    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user in (user_a, editor):
        client.force_login(user)
        refused = client.get("/admin/feedback/tickets/new/")
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
        client.post("/admin/feedback/tickets/new/", staff_form(category, community))
        assert "data-new-ticket" not in client.get("/admin/feedback/tickets/").content.decode()
    assert Ticket.objects.count() == 0


def test_inbox_and_export_show_the_channel(client, category, community, centre_user):
    phone_ticket = make_ticket(category, community, source="phone")
    web_ticket = make_ticket(category, community)
    client.force_login(centre_user)
    html = client.get("/admin/feedback/tickets/?source=phone").content.decode()
    assert phone_ticket.number in html and web_ticket.number not in html and "data-new-ticket" in html
    rows = list(csv.reader(io.StringIO(client.get("/admin/feedback/tickets/export.csv").content.decode("utf-8-sig"))))
    assert rows[0][-1] == "反映渠道"
    assert {row[0]: row[-1] for row in rows[1:]} == {
        phone_ticket.number: "电话（12345 热线）",
        web_ticket.number: "网站表单",
    }


def test_inbox_lists_what_needs_action_first_and_says_what_it_counts(client, category, community, centre_user):
    import datetime

    from django.utils import timezone

    from services.feedback.models import Ticket

    today = timezone.localdate()
    closed = make_ticket(category, community, description="早已办结的工单")
    Ticket.objects.filter(pk=closed.pk).update(status=Status.CLOSED, due_date=today - datetime.timedelta(days=20))
    fresh = make_ticket(category, community, description="刚刚收到的工单")
    late = make_ticket(category, community, description="已经超期的工单")
    Ticket.objects.filter(pk=late.pk).update(due_date=today - datetime.timedelta(days=2))
    hidden = make_ticket(category, community, description="被隐藏的工单")
    Ticket.objects.filter(pk=hidden.pk).update(hidden=True)
    client.force_login(centre_user)
    response = client.get("/admin/feedback/tickets/")
    html = response.content.decode()
    order = [html.index(f'data-ticket="{t.number}"') for t in (late, fresh, closed)]
    assert order == sorted(order)
    assert f'data-ticket="{hidden.number}"' not in html
    assert "符合筛选条件的工单共 3 件" in html and "另有 1 件已隐藏工单未计入" in html
    assert "<title>诉求工单 - " in html
    assert "<title>Open311 接口密钥 - " in client.get("/admin/feedback/keys/").content.decode()


def test_setup_lists_speak_chinese(admin_client, category):
    from services.feedback.models import CategoryQuestion

    CategoryQuestion.objects.create(category=category, question="车牌号", required=True)
    html = admin_client.get("/admin/snippets/feedback/categoryquestion/").content.decode()
    assert "Category" not in html.split("<main", 1)[-1] and "True" not in html
    assert "是" in html
    category_list = admin_client.get("/admin/snippets/feedback/category/").content.decode()
    assert "True" not in category_list and "是" in category_list


def test_dashboard_panel_labels_each_figure_with_its_period(client, category, community, centre_user):
    import datetime

    from django.utils import timezone

    from services.feedback.models import Ticket

    old = make_ticket(category, community)
    new = make_ticket(category, community)
    for ticket, rating in ((old, "satisfied"), (new, "unsatisfied")):
        perform(ticket, "accept", centre_user)
        perform(ticket, "reply", centre_user, reply="已处理")
        perform(ticket, "rate", as_resident=True, rating=rating, comment="仍未解决" if rating == "unsatisfied" else "")
    Ticket.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=60))
    client.force_login(centre_user)
    html = client.get("/admin/").content.decode()
    assert "近30天满意率（收到 1 件，已评价 1 件）" in html
    assert "累计满意率（收到 2 件，已评价 2 件）" in html
    assert "0.0%" in html and "50.0%" in html
