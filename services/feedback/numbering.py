"""Ticket numbers such as FK20261122-0042: the day, then a counter that is unique under concurrency."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone


def next_ticket_number(day=None):
    """Draw the next number of ``day``; must run inside the transaction that saves the ticket.

    The UPDATE takes a row lock (PostgreSQL) or the database write lock (SQLite in IMMEDIATE
    mode), so two concurrent submissions can never read the same value.
    """
    from .models import DailyCounter

    day = day or timezone.localdate()
    if not DailyCounter.objects.filter(day=day).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                DailyCounter.objects.create(day=day, last=1)
        except IntegrityError:
            # Another request created today's row first: increment it instead.
            DailyCounter.objects.filter(day=day).update(last=F("last") + 1)
    last = DailyCounter.objects.get(day=day).last
    return f"FK{day:%Y%m%d}-{last:04d}"
