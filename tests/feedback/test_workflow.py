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
    "start": {},
    "reply": {"reply": "已处理完毕。"},
    "extend": {"days": 2, "reason": "需协调物业公司"},
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
    perform(ticket, "start", user_a)
    perform(ticket, "extend", user_a, days=3, reason="等待物业配合")
    perform(ticket, "reply", user_a, reply="已清理占道车辆。")
    perform(ticket, "rate", as_resident=True, rating="unsatisfied", comment="第二天又停满了")
    ticket.refresh_from_db()
    assert ticket.status == Status.REOPENED
    perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    perform(ticket, "reply", user_a, reply="已加装隔离桩。")
    perform(ticket, "close", centre_user)
    events = list(ticket.events.values_list("action", "from_status", "to_status", "actor_label"))
    assert [e[0] for e in events] == [
        "received", "accept", "dispatch", "start", "extend", "reply", "rate", "dispatch", "reply", "close"
    ]  # fmt: skip
    assert events[1][1:3] == ("received", "accepted")
    assert events[6][1:3] == ("replied", "reopened")
    assert events[3][3] == "staff_a" and events[1][3] == "受理员"


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
    perform(ticket, "extend", user_a, days=8, reason="原因")
    with pytest.raises(TransitionError, match="1 至 10"):
        perform(ticket, "extend", user_a, days=3, reason="再延")


def test_available_actions_follow_the_role(category, community, dept_a, centre_user, user_a, user_b):
    ticket = ticket_in(Status.DISPATCHED, category, community, dept_a)
    assert {a.code for a in available_actions(user_a, ticket)} == {"start", "reply", "extend", "return"}
    assert available_actions(user_b, ticket) == []
    assert {a.code for a in available_actions(centre_user, ticket)} == {"start", "reply", "extend", "return"}


def test_nothing_is_deleted_when_hidden(category, community, centre_user):
    ticket = make_ticket(category, community)
    perform(ticket, "hide", centre_user, reason="广告信息")
    ticket.refresh_from_db()
    assert ticket.hidden and ticket.status == Status.CLOSED
    assert ticket.events.filter(action="hide").exists()
