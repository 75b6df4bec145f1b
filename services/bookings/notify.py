"""Telling residents what happened to their booking or sign-up, through the text-message backend."""

import logging

from django.conf import settings

from services.participation.sms import SMSError, send_sms

logger = logging.getLogger(__name__)


def tell(resident, text):
    """Send ``text`` to the resident's number; a failing gateway is logged and never undoes the change."""
    try:
        send_sms(resident.phone, f"【{settings.WAGTAIL_SITE_NAME}】{text}")
    except SMSError as exc:
        logger.warning("could not text resident %s: %s", resident.pk, exc)
        return False
    return True
