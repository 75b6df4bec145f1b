"""Residents' numbers on the points desk, the ledger and its export: masked by role, every look recorded.

The one masking rule (``portal.ground.privacy.mask_for``) decides what a staff member sees; each page that
shows residents and each CSV export leaves one Wagtail log entry per resident (who, when, in full or masked),
listed in the admin's site history report next to the tickets' entries.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.ground.privacy import mask_for, may_see_personal_data

from .models import Resident

VIEWED = "participation.personal_data_viewed"
EXPORTED = "participation.personal_data_exported"


def phone_of(user, resident):
    """The resident's number as ``user`` may see it."""
    return mask_for(user, "phone", resident.phone)


def show_phones(user, rows, attribute="resident"):
    """Give each row (a redemption, a ledger entry) ``phone_shown``: its resident's number as ``user`` may see it.

    Returns the residents shown, for the audit log.
    """
    residents = {}
    for row in rows:
        resident = getattr(row, attribute) if attribute else row
        row.phone_shown = phone_of(user, resident)
        residents[resident.pk] = resident
    return list(residents.values())


def log_shown(user, residents, action=VIEWED):
    """One log entry per resident whose number ``user`` was shown (``action``: VIEWED or EXPORTED)."""
    if not residents:
        return
    content_type = ContentType.objects.get_for_model(Resident)
    now = timezone.now()
    data = {"in_full": may_see_personal_data(user), "count": len(residents)}
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(resident.pk),
                label=resident.phone_masked,  # the log itself never holds a full number
                action=action,
                user=user,
                timestamp=now,
                data=data,
            )
            for resident in residents
        ],
        batch_size=500,
    )
