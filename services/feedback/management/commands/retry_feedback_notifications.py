"""Send every outbox e-mail whose retry time has come (run from cron, or rely on the task backend)."""

from django.core.management.base import BaseCommand

from services.feedback.notify import retry_due


class Command(BaseCommand):
    help = "Retry feedback notification e-mails that failed or were never handed to a worker."

    def handle(self, **options):
        sent = retry_due()
        self.stdout.write(f"Sent {sent} pending notification(s).")
