"""Residents' personal data in staff views: masked by role (portal.ground.privacy), every look recorded.

Each view of a ticket page or a wish's edit page and each CSV export leaves a Wagtail log entry per ticket (user, time, and whether
the data was shown in full), so an auditor can answer "who saw this resident's phone number" from
the admin's site history report.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from portal.ground.privacy import mask_for, may_see_personal_data

VIEWED = "feedback.personal_data_viewed"
EXPORTED = "feedback.personal_data_exported"


def resident_of(user, ticket):
    """The resident's name, phone and e-mail on ``ticket`` as ``user`` may see them."""
    return {
        "name": mask_for(user, "name", ticket.name),
        "phone": mask_for(user, "phone", ticket.phone),
        "email": mask_for(user, "email", ticket.email),
        "in_full": may_see_personal_data(user),
    }


def log_viewed(user, record):
    """Record that ``user`` opened a page with the resident's data of ``record`` (a ticket, a wish)."""
    log(record, VIEWED, user=user, data={"in_full": may_see_personal_data(user)})


def log_exported(user, model, rows):
    """Record, one entry per exported record (``rows``: pk and label pairs of ``model``), who exported them."""
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    data = {"in_full": may_see_personal_data(user), "count": len(rows)}
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(content_type=content_type, object_id=str(pk), label=label, action=EXPORTED,
                          user=user, timestamp=now, data=data)
            for pk, label in rows
        ],
        batch_size=500,
    )  # fmt: skip
