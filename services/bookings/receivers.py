"""Keeping activities open for sign-up in step with the station's schedule when an editor changes an entry."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from services.places.models import StationActivity

from .models import Activity


@receiver(post_save, sender=StationActivity, dispatch_uid="bookings-follow-schedule")
def follow_schedule(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for activity in Activity.objects.filter(schedule_entry=instance):
        activity.copy_from_schedule()
        activity.save(update_fields=["station", "title", "date", "start_time", "end_time", "audience", "description"])
