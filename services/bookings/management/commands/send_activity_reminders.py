"""manage.py send_activity_reminders: text residents whose activity starts within 24 hours (once each)."""

from django.core.management.base import BaseCommand

from services.bookings.signups import send_reminders


class Command(BaseCommand):
    help = "Text a reminder to residents signed up for an activity that starts within the next 24 hours."

    def handle(self, *args, **options):
        sent = send_reminders()
        if options["verbosity"]:
            self.stdout.write(f"{sent} reminder(s) sent")
