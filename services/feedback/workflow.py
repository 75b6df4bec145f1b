"""The ticket state machine: who may do what in which status, and the audit trail it leaves.

Roles: the acceptance centre (permission ``feedback.manage_tickets``, or a superuser), the staff of
the department a ticket is dispatched to (members of that department's group), and the resident
(who holds the tracking link).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .calendar import add_working_days
from .models import Department, Rating, Status, Ticket, TicketEvent

CENTRE = "centre"
DEPARTMENT = "department"
RESIDENT = "resident"
MAX_EXTENSION_DAYS = 10
ACCEPT_WITHIN_DAYS = 1


class TransitionError(Exception):
    """An action that is not allowed now or by this person; the message is shown to them."""


class AlreadyDone(TransitionError):
    """The action was already taken (e.g. acknowledging twice): nothing changes, the person is told so."""


@dataclass(frozen=True)
class Action:
    """One step of the state machine: who may take it from which statuses, and the handler that does it.

    ``handler(ticket, user, **data)`` changes the ticket (not yet saved) and may return extra fields for
    the timeline entry; it raises TransitionError to refuse.
    """

    code: str
    label: str
    from_statuses: tuple
    roles: tuple
    handler: Callable
    event: str = ""  # the timeline entry's kind when it differs from the action's code
    # Whether the resident sees the timeline entry (and so the note typed with it) on the tracking page;
    # the inbox labels each note field 居民可见 or 仅内部可见 from this.
    resident_sees: bool = True


# Labels of the timeline entries (the resident reads these).
EVENT_LABELS = {
    "received": _("Received"),
    "accept": _("Accepted"),
    "dispatch": _("Dispatched"),
    "acknowledged": _("Acknowledged by the department"),
    "start": pgettext_lazy("ticket status", "In progress"),
    "reply": _("Replied"),
    "extend": _("Extension requested"),
    "approve_extension": _("Deadline extended"),
    "refuse_extension": _("Extension refused"),
    "return": _("Returned for re-dispatch"),
    "close": pgettext_lazy("ticket status", "Closed"),
    "hide": _("Not taken up"),
    "publish": pgettext_lazy("feedback", "Published"),
    "unpublish": pgettext_lazy("feedback", "Unpublished"),
    "rate": _("Rated"),
    "reopen": _("Reopened"),
    "note": _("Internal note"),
}


def is_centre(user):
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_perm("feedback.manage_tickets")))


def user_departments(user):
    """The departments whose group the user belongs to."""
    if not user or not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(group__in=user.groups.all())


def can_use_inbox(user):
    return is_centre(user) or user_departments(user).exists()


def tickets_visible_to(user):
    """Everything for the centre; for department staff only tickets dispatched to their department."""
    qs = Ticket.objects.select_related("category", "community", "grid", "department")
    if is_centre(user):
        return qs
    return qs.filter(department__in=user_departments(user))


def roles_for(user, ticket):
    roles = set()
    if is_centre(user):
        roles.add(CENTRE)
    if ticket.department_id and user_departments(user).filter(pk=ticket.department_id).exists():
        roles.add(DEPARTMENT)
    return roles


def available_actions(user, ticket):
    """The actions this staff member may take on this ticket now, in display order."""
    roles = roles_for(user, ticket)
    return [
        a
        for a in ACTIONS.values()
        if ticket.status in a.from_statuses
        and roles.intersection(a.roles)
        and not (a.code == "hide" and ticket.hidden)
        and not (a.code == "publish" and (ticket.published or ticket.hidden))
        and not (a.code == "unpublish" and not ticket.published)
        and not (a.code == "extend" and ticket.extension_pending)
        and not (a.code == "acknowledge" and ticket.acknowledged_at is not None)
        and not (a.code in ("approve_extension", "refuse_extension") and not ticket.extension_pending)
    ]


def record(ticket, action, *, user=None, actor_label="", from_status="", note="", public=True, department=None):
    """Append an audit entry; every state change goes through here."""
    if user is not None and not actor_label:
        actor_label = user.get_full_name() or user.get_username()
    return TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        actor=user if user is not None and user.is_authenticated else None,
        actor_label=actor_label,
        from_status=from_status,
        to_status=ticket.status,
        department=department,
        note=note,
        public=public,
    )


def perform(ticket, code, user=None, *, as_resident=False, **data):
    """Run one action on a ticket (locking it first) and record it; returns the fresh ticket.

    Raises TransitionError with a message for the person when the action is refused.
    """
    action = ACTIONS.get(code)
    if action is None:
        raise TransitionError(_("Unknown action."))
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        roles = {RESIDENT} if as_resident else roles_for(user, ticket)
        if not roles.intersection(action.roles):
            raise TransitionError(_("You may not do this on this ticket."))
        if ticket.status not in action.from_statuses:
            raise TransitionError(
                _("This cannot be done while the ticket is “%(status)s”.") % {"status": ticket.get_status_display()}
            )
        before = ticket.status
        if DEPARTMENT in roles and code != "acknowledge" and ticket.awaiting_acknowledgement:
            # Handling a ticket is receiving it: a department that starts, replies or asks for time
            # without pressing 签收 first has acknowledged it at that moment.
            _acknowledge(ticket)
            ticket.save()
            record(ticket, "acknowledged", user=user, from_status=before, department=ticket.department)
        event_kwargs = action.handler(ticket, user, **data) or {}
        ticket.save()
        event_kwargs["public"] = action.resident_sees
        event = record(ticket, action.event or code, user=user, from_status=before, **event_kwargs)
    _after_commit(ticket, event)
    return ticket


def _require(value, message):
    value = (value or "").strip() if isinstance(value, str) else value
    if not value:
        raise TransitionError(message)
    return value


def _do_accept(ticket, user, note=""):
    ticket.status = Status.ACCEPTED
    ticket.due_date = add_working_days(timezone.localdate(), ACCEPT_WITHIN_DAYS)
    return {"note": note}


def _do_dispatch(ticket, user, department=None, note=""):
    department = _require(department, _("Choose the department to dispatch to."))
    if not isinstance(department, Department):
        department = Department.objects.filter(pk=department, active=True).first()
        if department is None:
            raise TransitionError(_("Choose the department to dispatch to."))
    ticket.department = department
    ticket.status = Status.DISPATCHED
    ticket.extension_days = 0
    _drop_extension_request(ticket)
    today = timezone.localdate()
    ticket.due_date = add_working_days(today, ticket.category.deadline_days)
    ticket.dispatched_at = timezone.now()
    ticket.acknowledge_by = add_working_days(today, ticket.category.acknowledge_days)
    ticket.acknowledged_at = None
    return {"department": department, "note": note}


def _acknowledge(ticket):
    ticket.acknowledged_at = timezone.now()


def _do_acknowledge(ticket, user):
    """签收: the department confirms it has received the dispatched ticket."""
    if ticket.acknowledged_at is not None:
        raise AlreadyDone(
            _("This ticket was already acknowledged on %(time)s.")
            % {"time": f"{timezone.localtime(ticket.acknowledged_at):%Y-%m-%d %H:%M}"}
        )
    _acknowledge(ticket)
    return {"department": ticket.department}


def _do_start(ticket, user, note=""):
    ticket.status = Status.PROCESSING
    return {"note": note, "department": ticket.department}


def _do_reply(ticket, user, reply=""):
    reply = _require(reply, _("Write the reply to the resident."))
    if len(reply) > 2000:
        raise TransitionError(_("The reply may be at most 2000 characters."))
    now = timezone.now()
    ticket.reply = reply
    ticket.replied_at = now
    ticket.first_replied_at = ticket.first_replied_at or now
    ticket.status = Status.REPLIED
    ticket.rating = ""
    _drop_extension_request(ticket)
    return {"note": reply, "department": ticket.department}


def _check_extension_days(ticket, days):
    if days < 1 or ticket.extension_days + days > MAX_EXTENSION_DAYS:
        raise TransitionError(_("An extension is 1 to %(max)d working days in total.") % {"max": MAX_EXTENSION_DAYS})


def _drop_extension_request(ticket):
    """A request still pending when the ticket leaves the department's hands lapses."""
    ticket.extension_requested_days = 0
    ticket.extension_request_reason = ""
    ticket.extension_requested_at = None
    ticket.extension_requested_by = None


def _do_extend(ticket, user, days=None, reason=""):
    """The department asks for more working days; the deadline stays until the centre approves."""
    if ticket.extension_pending:
        raise TransitionError(_("An extension request is already waiting for the acceptance centre's decision."))
    reason = _require(reason, _("Give the reason for the extension."))
    if len(reason) > 500:
        raise TransitionError(_("The reason may be at most 500 characters."))
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise TransitionError(_("Enter the number of extra working days."))
    _check_extension_days(ticket, days)
    ticket.extension_requested_days = days
    ticket.extension_request_reason = reason
    ticket.extension_requested_at = timezone.now()
    ticket.extension_requested_by = user if user is not None and user.is_authenticated else None
    note = _("%(days)d working days: %(reason)s") % {"days": days, "reason": reason}
    return {"note": note, "department": ticket.department}


def _require_pending_request(ticket):
    if not ticket.extension_pending:
        raise TransitionError(_("No extension request is waiting for a decision."))


def _do_approve_extension(ticket, user, note=""):
    """The centre approves: the deadline moves by the requested working days, from the current deadline."""
    _require_pending_request(ticket)
    days, reason = ticket.extension_requested_days, ticket.extension_request_reason
    _check_extension_days(ticket, days)
    ticket.extension_days += days
    ticket.due_date = add_working_days(ticket.due_date or timezone.localdate(), days)
    _drop_extension_request(ticket)
    text = _("%(reason)s (new deadline %(date)s)") % {"reason": reason, "date": f"{ticket.due_date:%Y-%m-%d}"}
    note = (note or "").strip()
    if note:
        text = f"{text}\n{note[:1000]}"
    return {"note": text, "department": ticket.department}


def _do_refuse_extension(ticket, user, reason=""):
    """The centre refuses: the deadline stays; the department is told why."""
    _require_pending_request(ticket)
    reason = _require(reason, _("Say why the extension is refused."))
    days = ticket.extension_requested_days
    _drop_extension_request(ticket)
    note = _("%(days)d working days refused: %(reason)s") % {"days": days, "reason": reason[:1000]}
    return {"note": note, "department": ticket.department}


def _do_return(ticket, user, reason=""):
    reason = _require(reason, _("Say why the ticket is not for this department."))
    department = ticket.department
    ticket.department = None
    ticket.status = Status.ACCEPTED
    _drop_extension_request(ticket)
    ticket.due_date = add_working_days(timezone.localdate(), ACCEPT_WITHIN_DAYS)
    return {"note": reason, "department": department}


def _do_close(ticket, user, note=""):
    ticket.status = Status.CLOSED
    ticket.closed_at = timezone.now()
    return {"note": note}


def _do_hide(ticket, user, reason=""):
    reason = _require(reason, _("Give the reason (spam, duplicate of another ticket …)."))
    ticket.hidden = True
    ticket.status = Status.CLOSED
    ticket.closed_at = timezone.now()
    return {"note": reason}


def _do_publish(ticket, user, public_text=""):
    public_text = _require(public_text, _("Write the public summary without any personal data."))
    ticket.published = True
    ticket.public_text = public_text[:2000]
    return {}


def _do_unpublish(ticket, user):
    ticket.published = False
    return {}


def _do_rate(ticket, user, rating="", comment=""):
    if rating not in Rating.values:
        raise TransitionError(_("Choose 满意, 基本满意 or 不满意."))
    comment = (comment or "").strip()
    if len(comment) > 500:
        raise TransitionError(_("The comment may be at most 500 characters."))
    if rating == Rating.UNSATISFIED and not comment:
        raise TransitionError(_("Please tell us what is still wrong, so that it can be handled again."))
    ticket.rating = rating
    ticket.rating_comment = comment
    ticket.rated_at = timezone.now()
    if rating == Rating.UNSATISFIED:
        ticket.status = Status.REOPENED
        ticket.reopen_count += 1
        ticket.due_date = add_working_days(timezone.localdate(), ACCEPT_WITHIN_DAYS)
    else:
        ticket.status = Status.CLOSED
        ticket.closed_at = timezone.now()
    label = Rating(rating).label
    return {"note": f"{label}{'：' + comment if comment else ''}", "actor_label": str(_("Resident"))}


# The actions in display order; each carries the handler that performs it.
ACTIONS = {
    a.code: a
    for a in [
        Action("accept", _("Accept"), (Status.RECEIVED, Status.REOPENED), (CENTRE,), _do_accept),
        Action("dispatch", _("Dispatch to a department"), (Status.ACCEPTED, Status.REOPENED), (CENTRE,), _do_dispatch),
        Action(
            "acknowledge",
            _("Acknowledge receipt"),
            (Status.DISPATCHED, Status.PROCESSING),
            (DEPARTMENT,),
            _do_acknowledge,
            event="acknowledged",
        ),
        Action("start", _("Start handling"), (Status.DISPATCHED,), (CENTRE, DEPARTMENT), _do_start),
        Action(
            "reply",
            _("Reply"),
            (Status.ACCEPTED, Status.DISPATCHED, Status.PROCESSING),
            (CENTRE, DEPARTMENT),
            _do_reply,
        ),
        # 申请延期: the department asks, the acceptance centre decides; the deadline moves only on approval.
        Action(
            "extend",
            _("Request an extension"),
            (Status.DISPATCHED, Status.PROCESSING),
            (DEPARTMENT,),
            _do_extend,
            resident_sees=False,
        ),
        Action(
            "approve_extension",
            _("Approve the extension"),
            (Status.DISPATCHED, Status.PROCESSING),
            (CENTRE,),
            _do_approve_extension,
        ),
        Action(
            "refuse_extension",
            _("Refuse the extension"),
            (Status.DISPATCHED, Status.PROCESSING),
            (CENTRE,),
            _do_refuse_extension,
            resident_sees=False,
        ),
        Action(
            "return",
            _("Return to the centre"),
            (Status.DISPATCHED, Status.PROCESSING),
            (CENTRE, DEPARTMENT),
            _do_return,
            resident_sees=False,
        ),
        Action("close", pgettext_lazy("feedback", "Close"), (Status.REPLIED,), (CENTRE,), _do_close),
        Action(
            "hide",
            _("Hide as spam or duplicate"),
            (Status.RECEIVED, Status.ACCEPTED, Status.REOPENED),
            (CENTRE,),
            _do_hide,
        ),
        Action(
            "publish", _("Publish on the public list"), (Status.CLOSED,), (CENTRE,), _do_publish, resident_sees=False
        ),
        Action(
            "unpublish",
            _("Remove from the public list"),
            (Status.CLOSED,),
            (CENTRE,),
            _do_unpublish,
            resident_sees=False,
        ),
        Action("rate", _("Rate the reply"), (Status.REPLIED,), (RESIDENT,), _do_rate),
    ]
}


def add_note(ticket, user, note):
    """An internal note (never shown to the resident); allowed to anyone who can see the ticket."""
    note = _require(note, _("Write the note."))
    if not roles_for(user, ticket):
        raise TransitionError(_("You may not do this on this ticket."))
    return record(ticket, "note", user=user, from_status=ticket.status, note=note[:2000], public=False)


def overdue_q(today=None):
    """Open tickets whose due date has passed."""
    from .models import OPEN_STATUSES

    today = today or timezone.localdate()
    return Q(status__in=OPEN_STATUSES, due_date__lt=today)


def _after_commit(ticket, event):
    from . import notify

    if event.action == "dispatch":
        transaction.on_commit(lambda: _safely(notify.department_dispatched, ticket.pk))
    elif event.action == "reply":
        transaction.on_commit(lambda: _safely(notify.resident_replied, ticket.pk))


def _safely(func, *args):
    """The action is already committed: a failing notification is logged, never shown as an error."""
    try:
        func(*args)
    except Exception:  # noqa: BLE001
        logging.getLogger(__name__).exception("notification after %s failed", func.__name__)
