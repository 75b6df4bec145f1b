"""Creating tickets: one place for the web form, Open311 and staff, safe under concurrency and retries."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .calendar import add_working_days
from .models import Ticket, TicketPhoto
from .numbering import next_ticket_number
from .workflow import ACCEPT_WITHIN_DAYS, record

logger = logging.getLogger(__name__)


def save_photos(ticket, photos):
    """Store the ticket's photos; returns how many could not be written (a full or failing disk).

    The report itself matters more than its pictures: a photo the disk refuses is left out (and
    logged for the operators) instead of losing the resident's ticket with it.
    """
    failed = 0
    for content, (width, height) in photos:
        photo = TicketPhoto(ticket=ticket, width=width, height=height)
        try:
            with transaction.atomic():
                photo.image.save(content.name, content, save=False)
                photo.save()
        except OSError as exc:
            failed += 1
            logger.error("photo of ticket %s not saved: %s", ticket.number, exc)
    return failed


def create_ticket(*, photos=(), idempotency_key=None, actor_label="", user=None, submitted_at=None, **fields):
    """Save a ticket with its number, photos and first timeline entry; returns (ticket, created).

    A repeated idempotency key returns the ticket created the first time instead of a second one,
    also when both requests arrive at the same moment. ``user`` is the staff member who entered a
    phone or walk-in report (recorded as the actor of the first timeline entry). A photo the disk
    refuses is left out; ``ticket.photos_not_saved`` says how many.
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
            ticket.photos_not_saved = save_photos(ticket, photos)
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
