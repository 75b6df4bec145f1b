"""Erase residents' personal data from tickets closed long ago, as the privacy notice promises."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from services.feedback.models import Status, Ticket, WishClaim


class Command(BaseCommand):
    help = "Blank name, phone and e-mail of tickets closed more than --years ago (default 3); the ticket stays."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=3)

    def handle(self, years, **options):
        cutoff = timezone.now() - datetime.timedelta(days=365 * years)
        tickets = Ticket.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff).exclude(name="", phone="", email="")
        count = tickets.update(name="", phone="", email="", name_public=False)
        claims = WishClaim.objects.filter(created_at__lt=cutoff).exclude(phone="").update(phone="")
        self.stdout.write(f"Anonymised {count} ticket(s) and {claims} wish claim(s) older than {years} years.")
