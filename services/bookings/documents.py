"""What bookings put into search: activities open for sign-up (type ``activity``)."""

from django.utils import timezone

from search.registry import SearchDocument, register

from .models import Activity


@register
class ActivityDocument(SearchDocument):
    """An activity residents can sign up for: its title, description, audience and station."""

    model = Activity
    doc_type = "activity"

    def get_queryset(self):
        return Activity.objects.filter(
            sign_up_open=True, date__gte=timezone.localdate(), station__live=True
        ).select_related("station__community")

    def is_public(self, activity):
        return activity.sign_up_open and activity.date >= timezone.localdate() and activity.station.live

    def title(self, activity):
        return activity.title

    def url(self, activity):
        return activity.get_absolute_url()

    def summary(self, activity):
        return f"{activity.date:%m月%d日} {activity.start_time:%H:%M} · {activity.station.title} · 可报名"

    def body(self, activity):
        return [activity.description, activity.audience, activity.station.title, "活动报名 报名 预约 社区活动"]

    def date(self, activity):
        return activity.date

    def community(self, activity):
        community = getattr(activity.station, "community", None)
        return community.name if community else ""

    def location(self, activity):
        return (activity.station.latitude, activity.station.longitude)
