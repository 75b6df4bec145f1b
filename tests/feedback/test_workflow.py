"""The state machine: every allowed and refused transition, per role, with the audit trail."""

import pytest
from django.utils import timezone

from services.feedback.models import Status, TicketEvent
from services.feedback.workflow import ACTIONS, TransitionError, available_actions, perform

from .factories import make_ticket

pytestmark = pytest.mark.django_db

DATA = {
    "accept": {},
    "dispatch": {},  # department filled in by the test
    "acknowledge": {},
    "start": {},
    "reply": {"reply": "已处理完毕。"},
    "extend": {"days": 2, "reason": "需协调物业公司"},
    "approve_extension": {},
    "refuse_extension": {"reason": "期限充足，请按期办结"},
    "return": {"reason": "不属于本部门职责"},
    "close": {},
    "hide": {"reason": "重复诉求"},
    "publish": {"public_text": "已处理。"},
    "unpublish": {},
}


def ticket_in(status, category, community, dept):
    """A ticket brought to ``status`` the way staff would."""
    ticket = make_ticket(category, community)
    ticket.status = status
    ticket.department = dept if status in (Status.DISPATCHED, Status.PROCESSING, Status.REPLIED) else None
    ticket.due_date = timezone.localdate()
    ticket.save()
    return ticket


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("code", [c for c in ACTIONS if c != "rate"])
def test_every_action_in_every_status_for_each_role(
    status, code, category, community, dept_a, centre_user, user_a, user_b
):
    action = ACTIONS[code]
    data = dict(DATA[code])
    if code == "dispatch":
        data["department"] = dept_a.pk
    holds_it = status in (Status.DISPATCHED, Status.PROCESSING, Status.REPLIED)
    for user, role in ((centre_user, "centre"), (user_a, "department" if holds_it else None), (user_b, None)):
        ticket = ticket_in(status, category, community, dept_a)
        allowed = status in action.from_statuses and role in action.roles
        if code == "unpublish":
            ticket.published = True
            ticket.save()
        if code in ("approve_extension", "refuse_extension"):
            ticket.extension_requested_days = 2
            ticket.extension_request_reason = "需协调物业公司"
            ticket.save()
        before = TicketEvent.objects.filter(ticket=ticket).count()
        if allowed:
            perform(ticket, code, user, **data)
            assert TicketEvent.objects.filter(ticket=ticket).count() == before + 1
        else:
            with pytest.raises(TransitionError):
                perform(ticket, code, user, **data)
            ticket.refresh_from_db()
            assert ticket.status == status
            assert TicketEvent.objects.filter(ticket=ticket).count() == before


@pytest.mark.parametrize("status", list(Status))
def test_residents_rate_only_replied_tickets(status, category, community, dept_a):
    ticket = ticket_in(status, category, community, dept_a)
    if status == Status.REPLIED:
        assert perform(ticket, "rate", as_resident=True, rating="basic").status == Status.CLOSED
    else:
        with pytest.raises(TransitionError):
            perform(ticket, "rate", as_resident=True, rating="basic")


def test_staff_cannot_rate_for_the_resident(category, community, dept_a, centre_user):
    ticket = ticket_in(Status.REPLIED, category, community, dept_a)
    with pytest.raises(TransitionError):
        perform(ticket, "rate", centre_user, rating="satisfied")


def test_full_loop_records_who_when_and_the_status_change(category, community, dept_a, centre_user, user_a):
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    ticket = perform(ticket, "dispatch", centre_user, department=dept_a.pk, note="请三日内到场")
    assert ticket.department == dept_a and ticket.due_date > timezone.localdate()
    perform(ticket, "acknowledge", user_a)
    perform(ticket, "start", user_a)
    perform(ticket, "extend", user_a, days=3, reason="等待物业配合")
    perform(ticket, "approve_extension", centre_user)
    perform(ticket, "reply", user_a, reply="已清理占道车辆。")
    perform(ticket, "rate", as_resident=True, rating="unsatisfied", comment="第二天又停满了")
    ticket.refresh_from_db()
    assert ticket.status == Status.REOPENED
    perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    perform(ticket, "reply", user_a, reply="已加装隔离桩。")
    perform(ticket, "close", centre_user)
    events = list(ticket.events.values_list("action", "from_status", "to_status", "actor_label"))
    assert [e[0] for e in events] == [
        "received", "accept", "dispatch", "acknowledged", "start", "extend", "approve_extension", "reply", "rate",
        "dispatch", "acknowledged", "reply", "close",
    ]  # fmt: skip
    assert events[1][1:3] == ("received", "accepted")
    assert events[8][1:3] == ("replied", "reopened")
    assert events[4][3] == "staff_a" and events[1][3] == "受理员"
    # The second dispatch was acknowledged by replying to it (the department never pressed 签收).
    assert events[10][3] == "staff_a"


def test_return_clears_the_department_and_hides_it_from_them(category, community, dept_a, centre_user, user_a):
    from services.feedback.workflow import tickets_visible_to

    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    assert tickets_visible_to(user_a).filter(pk=ticket.pk).exists()
    ticket = perform(ticket, "return", user_a, reason="属于物业管理范畴")
    assert ticket.status == Status.ACCEPTED and ticket.department is None
    assert not tickets_visible_to(user_a).filter(pk=ticket.pk).exists()
    assert not ticket.events.get(action="return").public


@pytest.mark.parametrize(
    ("code", "data", "message"),
    [
        ("dispatch", {}, "请选择派单部门"),
        ("dispatch", {"department": 99999}, "请选择派单部门"),
    ],
)
def test_dispatch_needs_a_real_department(code, data, message, category, community, centre_user):
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    with pytest.raises(TransitionError, match=message):
        perform(ticket, code, centre_user, **data)


def test_reply_and_extension_are_validated(category, community, dept_a, centre_user, user_a):
    ticket = ticket_in(Status.DISPATCHED, category, community, dept_a)
    with pytest.raises(TransitionError, match="请填写答复内容"):
        perform(ticket, "reply", user_a, reply="  ")
    with pytest.raises(TransitionError, match="2000"):
        perform(ticket, "reply", user_a, reply="长" * 2001)
    with pytest.raises(TransitionError, match="延期原因"):
        perform(ticket, "extend", user_a, days=2, reason="")
    with pytest.raises(TransitionError):
        perform(ticket, "extend", user_a, days="abc", reason="原因")
    with pytest.raises(TransitionError, match="1 至 10"):
        perform(ticket, "extend", user_a, days=11, reason="原因")
    perform(ticket, "extend", user_a, days=8, reason="原因")
    perform(ticket, "approve_extension", centre_user)
    with pytest.raises(TransitionError, match="1 至 10"):
        perform(ticket, "extend", user_a, days=3, reason="再延")


def test_available_actions_follow_the_role(category, community, dept_a, centre_user, user_a, user_b):
    ticket = ticket_in(Status.DISPATCHED, category, community, dept_a)
    assert {a.code for a in available_actions(user_a, ticket)} == {"acknowledge", "start", "reply", "extend", "return"}
    assert available_actions(user_b, ticket) == []
    assert {a.code for a in available_actions(centre_user, ticket)} == {"start", "reply", "return"}
    ticket = perform(ticket, "acknowledge", user_a)
    ticket = perform(ticket, "extend", user_a, days=2, reason="需协调物业公司")
    assert {a.code for a in available_actions(user_a, ticket)} == {"start", "reply", "return"}
    assert available_actions(user_b, ticket) == []
    assert {a.code for a in available_actions(centre_user, ticket)} == {
        "start", "reply", "return", "approve_extension", "refuse_extension"
    }  # fmt: skip


def test_nothing_is_deleted_when_hidden(category, community, centre_user):
    ticket = make_ticket(category, community)
    perform(ticket, "hide", centre_user, reason="广告信息")
    ticket.refresh_from_db()
    assert ticket.hidden and ticket.status == Status.CLOSED
    assert ticket.events.filter(action="hide").exists()


# 申请延期: the department asks, the acceptance centre decides, the deadline moves only on approval.


def test_an_extension_moves_the_deadline_only_when_the_centre_approves(
    client, home_page, category, community, dept_a, centre_user, user_a
):
    from services.feedback.calendar import add_working_days

    ticket = ticket_in(Status.PROCESSING, category, community, dept_a)
    due = ticket.due_date
    ticket = perform(ticket, "extend", user_a, days=3, reason="需等待电梯配件到货")
    assert ticket.due_date == due and ticket.extension_days == 0
    assert ticket.extension_pending and ticket.extension_requested_by == user_a
    request_event = ticket.events.get(action="extend")
    assert not request_event.public and "需等待电梯配件到货" in request_event.note
    assert request_event.from_status == request_event.to_status == Status.PROCESSING

    ticket = perform(ticket, "approve_extension", centre_user)
    assert ticket.due_date == add_working_days(due, 3) and ticket.extension_days == 3
    assert not ticket.extension_pending and ticket.status == Status.PROCESSING
    approval = ticket.events.get(action="approve_extension")
    assert approval.public and approval.actor == centre_user and f"{ticket.due_date:%Y-%m-%d}" in approval.note
    # The resident sees the new deadline and why, but not the request itself.
    html = client.get(ticket.get_tracking_url()).content.decode()
    assert "办理期限延长" in html and "需等待电梯配件到货" in html and f"{ticket.due_date:%Y-%m-%d}" in html
    assert html.count("需等待电梯配件到货") == 1


def test_a_refused_extension_keeps_the_deadline(category, community, dept_a, centre_user, user_a):
    ticket = ticket_in(Status.DISPATCHED, category, community, dept_a)
    due = ticket.due_date
    perform(ticket, "extend", user_a, days=5, reason="人手不足")
    with pytest.raises(TransitionError, match="理由"):
        perform(ticket, "refuse_extension", centre_user, reason=" ")
    ticket = perform(ticket, "refuse_extension", centre_user, reason="该问题可在原期限内办结")
    assert ticket.due_date == due and ticket.extension_days == 0 and not ticket.extension_pending
    refusal = ticket.events.get(action="refuse_extension")
    assert not refusal.public and "该问题可在原期限内办结" in refusal.note and refusal.actor == centre_user
    # After a refusal the department may ask again.
    assert perform(ticket, "extend", user_a, days=2, reason="补充材料").extension_pending


@pytest.mark.parametrize("decision", ["approve_extension", "refuse_extension"])
def test_who_may_request_and_decide_an_extension(decision, category, community, dept_a, centre_user, user_a, user_b):
    ticket = ticket_in(Status.PROCESSING, category, community, dept_a)
    data = DATA[decision]
    # Nothing to decide before a request.
    with pytest.raises(TransitionError, match="没有待审批"):
        perform(ticket, decision, centre_user, **data)
    # The centre does not request for itself; another department cannot request at all.
    for outsider in (centre_user, user_b):
        with pytest.raises(TransitionError):
            perform(ticket, "extend", outsider, days=2, reason="原因")
    perform(ticket, "extend", user_a, days=2, reason="原因")
    with pytest.raises(TransitionError, match="已有延期申请"):
        perform(ticket, "extend", user_a, days=1, reason="再申请")
    # The department cannot approve or refuse its own request, nor can another department.
    for staff in (user_a, user_b):
        with pytest.raises(TransitionError):
            perform(ticket, decision, staff, **data)
    ticket.refresh_from_db()
    assert ticket.extension_pending and ticket.extension_days == 0
    perform(ticket, decision, centre_user, **data)
    ticket.refresh_from_db()
    assert not ticket.extension_pending
    actions = list(ticket.events.values_list("action", flat=True))
    assert actions[-2:] == ["extend", decision]


def test_a_pending_request_lapses_when_the_department_replies(category, community, dept_a, centre_user, user_a):
    ticket = ticket_in(Status.PROCESSING, category, community, dept_a)
    perform(ticket, "extend", user_a, days=2, reason="原因")
    ticket = perform(ticket, "reply", user_a, reply="已处理完毕。")
    assert not ticket.extension_pending
    with pytest.raises(TransitionError):
        perform(ticket, "approve_extension", centre_user)
