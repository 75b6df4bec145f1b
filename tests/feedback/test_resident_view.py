"""Staff see what the resident sees: note fields say who reads them, a preview of the tracking page before
a reply is sent, reply templates for the ticket's department and category, and 不予受理 as a confirmed refusal."""

import re

import pytest

from services.feedback.models import ReplyTemplate, Status
from services.feedback.workflow import ACTIONS, perform

from .factories import CategoryFactory, make_ticket

pytestmark = pytest.mark.django_db


def url(ticket):
    return f"/admin/feedback/tickets/{ticket.pk}/"


def dispatched(category, community, centre_user, dept):
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    return perform(ticket, "dispatch", centre_user, department=dept.pk)


def visibility_of(html, field_id):
    """The data-visibility tag inside the <label> of the field ``field_id``."""
    label = re.search(rf'<label for="{re.escape(field_id)}">(.*?)</label>', html, re.S)
    assert label, f"no label for {field_id}"
    tag = re.search(r'data-visibility="(\w+)"', label.group(1))
    assert tag, f"the label of {field_id} does not say who sees it"
    return tag.group(1)


def test_every_note_field_says_whether_the_resident_sees_it(client, category, community, centre_user, user_a, dept_a):
    ticket = make_ticket(category, community)
    client.force_login(centre_user)
    html = client.get(url(ticket)).content.decode()
    assert visibility_of(html, "accept-note") == "resident"
    assert visibility_of(html, "hide-reason") == "resident"
    assert visibility_of(html, "internal-note") == "internal"
    assert "居民可见" in html and "仅内部可见" in html
    ticket = dispatched(category, community, centre_user, dept_a)
    client.force_login(user_a)
    html = client.get(url(ticket)).content.decode()
    assert visibility_of(html, "reply-text") == "resident"
    assert visibility_of(html, "start-note") == "resident"
    assert visibility_of(html, "extend-reason") == "internal"
    assert visibility_of(html, "return-reason") == "internal"
    # Every textarea on the page has a label that says who reads it.
    for field_id in re.findall(r'<textarea id="([\w-]+)"', html):
        assert visibility_of(html, field_id) in ("resident", "internal", "public")


@pytest.mark.parametrize("code", [c for c in ACTIONS if c != "rate"])
def test_the_label_tells_the_truth_about_the_timeline(code, category, community, centre_user, user_a, dept_a):
    """What the label promises is what the tracking page does: the entry is public exactly when labelled so."""
    from services.feedback.views import timeline

    from .test_workflow import DATA, ticket_in

    action = ACTIONS[code]
    status = action.from_statuses[0]
    ticket = ticket_in(status, category, community, dept_a)
    if code == "unpublish":
        ticket.published = True
        ticket.save()
    if code in ("approve_extension", "refuse_extension"):
        ticket.extension_requested_days = 2
        ticket.extension_request_reason = "需协调物业公司"
        ticket.save()
    data = dict(DATA[code], department=dept_a.pk) if code == "dispatch" else dict(DATA[code])
    user = user_a if "department" in action.roles and "centre" not in action.roles else centre_user
    perform(ticket, code, user, **data)
    event = ticket.events.get(action=action.event or code)
    assert event.public is action.resident_sees
    assert (event in [item["event"] for item in timeline(ticket)]) is action.resident_sees


def test_a_department_note_the_label_calls_internal_never_reaches_the_resident(
    client, category, community, centre_user, user_a, dept_a
):
    ticket = dispatched(category, community, centre_user, dept_a)
    client.force_login(user_a)
    client.post(url(ticket), {"action": "start", "note": "已安排队员今日到场"})
    client.post(url(ticket), {"action": "extend", "days": "2", "reason": "内部协调：等物业经理回电"})
    client.logout()
    track = client.get(ticket.get_tracking_url()).content.decode()
    assert "已安排队员今日到场" in track
    assert "等物业经理回电" not in track


def test_preview_shows_the_residents_page_with_the_draft_and_saves_nothing(
    client, category, community, centre_user, user_a, dept_a
):
    ticket = dispatched(category, community, centre_user, dept_a)
    events_before = ticket.events.count()
    client.force_login(user_a)
    page = client.get(url(ticket)).content.decode()
    assert "data-preview-button" in page and f'formaction="/admin/feedback/tickets/{ticket.pk}/preview/"' in page
    response = client.post(f"/admin/feedback/tickets/{ticket.pk}/preview/", {"reply": "已清理占道车辆，并加装隔离桩。"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-preview-banner" in html and "尚未发送" in html
    assert "已清理占道车辆，并加装隔离桩。" in html
    assert "已答复" in html  # the status the resident will see
    assert "138****5678" in html and "13812345678" not in html  # masked as on the resident's page
    assert ticket.tracking_token not in html  # staff never get the resident's private link
    assert '<form method="post" novalidate>' not in html  # no live rating form in a preview
    ticket.refresh_from_db()
    assert ticket.reply == "" and ticket.status == Status.DISPATCHED and ticket.events.count() == events_before


def test_preview_is_for_staff_who_may_reply(client, category, community, centre_user, user_b, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    preview = f"/admin/feedback/tickets/{ticket.pk}/preview/"
    assert client.post(preview, {"reply": "x"}).status_code == 302  # not signed in: to the login page
    client.force_login(user_b)
    assert client.post(preview, {"reply": "x"}).status_code == 404
    client.force_login(centre_user)
    assert client.get(preview).status_code == 405


def test_reply_templates_follow_the_tickets_department_and_category(
    client, category, community, centre_user, user_a, dept_a, dept_b
):
    other = CategoryFactory(name="噪音扰民", code="noise")
    ReplyTemplate.objects.create(title="甲部门乱停车模板", department=dept_a, category=category, body="甲")
    ReplyTemplate.objects.create(title="乙部门乱停车模板", department=dept_b, category=category, body="乙")
    ReplyTemplate.objects.create(title="乱停车通用模板", category=category, body="类")
    ReplyTemplate.objects.create(title="甲部门通用模板", department=dept_a, body="部")
    ReplyTemplate.objects.create(title="噪音模板", category=other, body="噪")
    ReplyTemplate.objects.create(title="通用感谢模板", body="谢")
    ticket = dispatched(category, community, centre_user, dept_a)
    client.force_login(user_a)
    html = client.get(url(ticket)).content.decode()
    select = re.search(r'<select id="reply-template".*?</select>', html, re.S).group(0)
    titles = [t for t in re.findall(r">([^<>（]+)(?:（通用）)?</option>", select) if t != "—"]
    assert titles == ["甲部门乱停车模板", "乱停车通用模板", "甲部门通用模板", "通用感谢模板"]
    assert "（通用）" in select  # the general fallback is marked


def test_refusal_is_styled_apart_and_needs_confirmation(client, category, community, centre_user):
    ticket = make_ticket(category, community)
    client.force_login(centre_user)
    html = client.get(url(ticket)).content.decode()
    refuse = re.search(r'<button[^>]*data-action-button="hide"[^>]*>', html).group(0)
    accept = re.search(r'<button[^>]*data-action-button="accept"[^>]*>', html).group(0)
    assert 'class="button button-secondary no"' in refuse and 'class="button"' in accept
    assert re.search(r'<input type="checkbox" name="confirm" value="1" required', html)
    # Without the tick (a stray click, or a browser without the required check) nothing happens.
    response = client.post(url(ticket), {"action": "hide", "reason": "重复诉求"}, follow=True)
    assert "请勾选“我确认”" in response.content.decode()
    ticket.refresh_from_db()
    assert not ticket.hidden and ticket.status == Status.RECEIVED
    client.post(url(ticket), {"action": "hide", "reason": "重复诉求", "confirm": "1"})
    ticket.refresh_from_db()
    assert ticket.hidden and ticket.status == Status.CLOSED
