"""Who handles which station's bookings, sign-ups and check-ins, and the record of who saw residents' numbers."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.ground.privacy import mask_for, may_see_personal_data

VIEWED = "bookings.personal_data_viewed"


def stations_for(user):
    """The stations whose rooms and activities ``user`` handles; None means every station (administrators)."""
    if user.is_superuser or user.has_perm("bookings.change_roombooking"):
        return None
    return list(user.stations_staffed.values_list("station_id", flat=True))


def can_handle(user):
    return user.is_authenticated and stations_for(user) != []


def for_stations(user, queryset, field="station_id"):
    stations = stations_for(user)
    return queryset if stations is None else queryset.filter(**{f"{field}__in": stations})


def phone_for(user, resident):
    """The resident's number as ``user`` may see it (portal.ground.privacy)."""
    return mask_for(user, "phone", resident.phone)


def log_viewed(user, records):
    """One log entry per record whose resident's number ``user`` was shown (in full or masked)."""
    records = list(records)
    if not records:
        return
    content_type = ContentType.objects.get_for_model(type(records[0]))
    now = timezone.now()
    data = {"in_full": may_see_personal_data(user)}
    ModelLogEntry.objects.bulk_create(
        [ModelLogEntry(content_type=content_type, object_id=str(r.pk), label=str(r)[:255], action=VIEWED,
                       user=user, timestamp=now, data=data) for r in records]
    )  # fmt: skip
