from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    """Station rooms residents book, and activities they sign up for, with waiting lists and check-in."""

    name = "services.bookings"
    label = "bookings"
    verbose_name = _("Rooms and sign-ups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.ground import content_version

        from . import receivers  # noqa: F401 - keeps sign-up activities in step with the station's schedule
        from .models import Activity, Room

        # Rooms and activities open for sign-up are public (station pages, search); bookings are not.
        content_version.watch(Room, Activity)
