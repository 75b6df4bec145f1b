"""Creating tickets: one place for the web form, Open311 and staff, safe under concurrency and retries."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .calendar import add_working_days
from .models import Ticket, TicketPhoto
from .numbering import next_ticket_number
from .workflow import ACCEPT_WITHIN_DAYS, record


def create_ticket(*, photos=(), idempotency_key=None, actor_label="", user=None, submitted_at=None, **fields):
    """Save a ticket with its number, photos and first timeline entry; returns (ticket, created).

    A repeated idempotency key returns the ticket created the first time instead of a second one,
    also when both requests arrive at the same moment. ``user`` is the staff member who entered a
    phone or walk-in report (recorded as the actor of the first timeline entry).
    """
    if idempotency_key:
        existing = Ticket.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            ticket = Ticket(idempotency_key=idempotency_key or None, **fields)
            ticket.submitted_at = submitted_at or timezone.now()
            ticket.number = next_ticket_number(timezone.localdate(ticket.submitted_at))
            ticket.due_date = add_working_days(timezone.localdate(ticket.submitted_at), ACCEPT_WITHIN_DAYS)
            ticket.save()
            for content, (width, height) in photos:
                photo = TicketPhoto(ticket=ticket, width=width, height=height)
                photo.image.save(content.name, content, save=False)
                photo.save()
            event = record(ticket, "received", user=user, actor_label=actor_label)
            if submitted_at:
                event.created_at = submitted_at
                event.save(update_fields=["created_at"])
    except IntegrityError:
        if idempotency_key:
            existing = Ticket.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
        raise
    return ticket, True
