"""Points earned automatically by the earning rules: a micro-wish fulfilled, a report closed as handled.

The points go to the resident whose verified number is on the record: the volunteer who claimed the wish, the
resident who made the report. Each is awarded once (the entry's ``source``), after the change is committed, so
a failure here never undoes a ticket or a wish. A number that has not signed in yet earns nothing at the time;
``award_earned`` catches up when it is verified, as earlier reports are linked to "我的" then.
"""

import logging

from django.db import transaction

from services.feedback.models import Status, Ticket, TicketEvent, Wish, WishClaim, WishStatus

from . import points
from .models import PointEntry, Resident, RuleKind

logger = logging.getLogger(__name__)

# The ticket events after which a closed ticket counts as verified and handled (hiding as spam does not).
CLOSING_ACTIONS = frozenset({"close", "rate"})


def wish_source(wish_pk):
    return f"wish:{wish_pk}"


def ticket_source(ticket_pk):
    return f"ticket:{ticket_pk}"


def award_for_wish(wish, user=None):
    """Points for the volunteer whose claim fulfilled ``wish``; None when nobody is due them (yet)."""
    if wish.status != WishStatus.FULFILLED:
        return None
    claim = wish.active_claim
    resident = Resident.objects.filter(phone=claim.phone).first() if claim else None
    if resident is None:
        return None
    return points.award_by_rule(resident, RuleKind.WISH, f"《{wish.title}》", wish_source(wish.pk), user=user)


def award_for_ticket(ticket, user=None):
    """Points for the resident whose report ``ticket`` was closed as handled; None when nobody is due them."""
    if ticket.status != Status.CLOSED or ticket.hidden or not ticket.phone:
        return None
    resident = Resident.objects.filter(phone=ticket.phone).first()
    if resident is None:
        return None
    return points.award_by_rule(resident, RuleKind.REPORT, ticket.number, ticket_source(ticket.pk), user=user)


def award_earned(resident):
    """Catch up on what ``resident``'s number earned before it was verified (or while no rule was active)."""
    awarded = set(PointEntry.objects.filter(resident=resident).exclude(source="").values_list("source", flat=True))
    entries = []
    claims = WishClaim.objects.filter(phone=resident.phone, withdrawn=False, wish__status=WishStatus.FULFILLED)
    for claim in claims.select_related("wish"):
        if wish_source(claim.wish_id) not in awarded and claim.wish.active_claim == claim:
            entries.append(award_for_wish(claim.wish))
    tickets = Ticket.objects.filter(phone=resident.phone, status=Status.CLOSED, hidden=False)
    for ticket in tickets:
        if ticket_source(ticket.pk) not in awarded:
            entries.append(award_for_ticket(ticket))
    return [entry for entry in entries if entry is not None]


def catch_up(resident):
    """award_earned at sign-in; a failure is logged and never stops the resident signing in."""
    _safely(award_earned, resident)


def _safely(func, *args, **kwargs):
    """The change is committed: a failed award is logged (and caught up at the next sign-in), never raised."""
    try:
        func(*args, **kwargs)
    except Exception:  # noqa: BLE001
        logger.exception("automatic points award failed: %s%r", func.__name__, args)


def wish_saved(sender, instance, **kwargs):
    """post_save of a Wish: once it is fulfilled, award its volunteer after the commit."""
    if instance.status == WishStatus.FULFILLED:
        pk = instance.pk
        transaction.on_commit(lambda: _safely(_award_wish_pk, pk))


def ticket_event_saved(sender, instance, created, **kwargs):
    """post_save of a TicketEvent: a ticket closed as handled awards its reporter after the commit."""
    if created and instance.action in CLOSING_ACTIONS and instance.to_status == Status.CLOSED:
        ticket_pk, user = instance.ticket_id, instance.actor
        transaction.on_commit(lambda: _safely(_award_ticket_pk, ticket_pk, user))


def _award_wish_pk(pk):
    wish = Wish.objects.filter(pk=pk).first()
    if wish is not None:
        award_for_wish(wish)


def _award_ticket_pk(pk, user):
    ticket = Ticket.objects.filter(pk=pk).first()
    if ticket is not None:
        award_for_ticket(ticket, user=user)


def connect():
    """Called from the app's ready(): follow wishes and ticket events."""
    from django.db.models.signals import post_save

    post_save.connect(wish_saved, sender=Wish, dispatch_uid="participation-wish-points")
    post_save.connect(ticket_event_saved, sender=TicketEvent, dispatch_uid="participation-ticket-points")
