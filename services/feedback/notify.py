"""E-mail notifications: written to an outbox first, sent by a background task, retried on failure.

A failing mail server never blocks or loses a ticket: the ticket is saved before anything is sent,
the message waits in the outbox, and ``retry_feedback_notifications`` (or the task's own deferred
retry, where the task backend supports it) sends it later.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import Notification, Ticket

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


def _site_url():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def queue(ticket, recipient, subject, template, context):
    """Store a message in the outbox and ask the task framework to send it."""
    body = render_to_string(template, {"ticket": ticket, "site_url": _site_url(), **context})
    note = Notification.objects.create(ticket=ticket, recipient=recipient, subject=subject[:200], body=body)
    enqueue(note.pk)
    return note


def enqueue(notification_id, run_after=None):
    """Hand the message to the task backend; if even that fails, the outbox keeps it for the retry command."""
    try:
        task = deliver_notification
        if run_after is not None:
            task = task.using(run_after=run_after)
        task.enqueue(notification_id)
    except Exception:  # the ticket must never fail because a queue is unavailable
        logger.exception("could not enqueue notification %s; it stays in the outbox", notification_id)


def deliver(notification_id):
    """Try to send one message once; on failure schedule the next attempt with a growing delay."""
    note = Notification.objects.filter(pk=notification_id, status=Notification.PENDING).first()
    if note is None:
        return "skipped"
    note.attempts += 1
    try:
        send_mail(note.subject, note.body, settings.DEFAULT_FROM_EMAIL, [note.recipient])
    except Exception as exc:  # noqa: BLE001 - any mail failure is retried later
        note.last_error = f"{exc.__class__.__name__}: {exc}"[:300]
        delay = datetime.timedelta(minutes=2**note.attempts)
        note.next_attempt_at = timezone.now() + delay
        if note.attempts >= MAX_ATTEMPTS:
            note.status = Notification.FAILED
        note.save()
        if note.status == Notification.PENDING and _backend_can_defer():
            enqueue(note.pk, run_after=note.next_attempt_at)
        return "failed"
    note.status = Notification.SENT
    note.sent_at = timezone.now()
    note.last_error = ""
    note.save()
    return "sent"


@task()
def deliver_notification(notification_id):
    """Background task: send one outbox message; failures are recorded and retried, never raised."""
    return deliver(notification_id)


def retry_due(now=None):
    """Send every pending message whose next attempt is due; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for pk in Notification.objects.filter(status=Notification.PENDING, next_attempt_at__lte=now).values_list(
        "pk", flat=True
    ):
        sent += deliver(pk) == "sent"
    return sent


@task()
def retry_notifications():
    """Background task: send every outbox message whose retry time has come."""
    return retry_due()


def _backend_can_defer():
    from django_tasks import default_task_backend

    return getattr(default_task_backend, "supports_defer", False)


def department_dispatched(ticket_id):
    """Tell the department a ticket has been dispatched to it."""
    ticket = Ticket.objects.select_related("department", "category").get(pk=ticket_id)
    if ticket.department and ticket.department.email:
        queue(
            ticket,
            ticket.department.email,
            f"【吹哨报到】新派单 {ticket.number}（{ticket.category.name}）",
            "feedback/email/dispatched.txt",
            {},
        )


def resident_replied(ticket_id):
    """Tell the resident (when they left an e-mail address) that the reply is ready."""
    ticket = Ticket.objects.select_related("department", "category").get(pk=ticket_id)
    if ticket.email:
        queue(ticket, ticket.email, f"您反映的问题 {ticket.number} 已答复", "feedback/email/replied.txt", {})
