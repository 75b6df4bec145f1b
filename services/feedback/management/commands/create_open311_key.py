"""Create an Open311 API key and print it (only its hash is stored)."""

from django.core.management.base import BaseCommand, CommandError

from services.feedback.models import Department, Open311Key


class Command(BaseCommand):
    help = "Create an Open311 API key for a partner system and print it once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who will use the key, e.g. 12345热线")
        parser.add_argument("--department", help="Code of the department whose tickets the key may read in full")

    def handle(self, name, department=None, **options):
        dept = None
        if department:
            dept = Department.objects.filter(code=department).first()
            if dept is None:
                raise CommandError(f"No department with code {department!r}")
        key, raw = Open311Key.issue(name.strip()[:80], dept)
        self.stdout.write(f"Created Open311 key #{key.pk} for {key.name}. Store it now, it is not shown again:")
        self.stdout.write(raw)
