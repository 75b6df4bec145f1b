"""Signing residents in with a one-time code sent to their mobile number.

Codes are six digits, valid for ten minutes, tried at most five times, and stored only as a keyed hash.
Sending is limited per number and per client address (the shared client-address function), counted in the
database so that every server process agrees.
"""

import datetime
import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.ground.client import client_address

from . import earning
from .models import Resident, SignInCode
from .sms import SMSError, send_sms

SESSION_KEY = "resident_id"
CODE_MINUTES = 10
MAX_ATTEMPTS = 5
RESEND_SECONDS = 60
PER_NUMBER_PER_HOUR = 5
PER_ADDRESS_PER_HOUR = 20
MOBILE = re.compile(r"^1[3-9]\d{9}$")


class SignInError(Exception):
    """A message for the resident, in Chinese."""


def normalise_phone(raw):
    """An 11-digit mainland mobile number from what was typed (spaces, dashes, +86 allowed), or SignInError."""
    digits = re.sub(r"[\s\-()（）]", "", raw or "")
    digits = re.sub(r"^(\+?86)", "", digits)
    if not MOBILE.match(digits):
        raise SignInError(_("Enter an 11-digit mobile number, such as 13800000000."))
    return digits


def code_hash(phone, code):
    return hmac.new(settings.SECRET_KEY.encode(), f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def send_code(request, phone):
    """Send a new code to ``phone``; SignInError when a limit is reached or the message cannot be sent."""
    now = timezone.now()
    address = client_address(request) or None
    hour_ago = now - datetime.timedelta(hours=1)
    recent = SignInCode.objects.filter(phone=phone, created_at__gte=hour_ago)
    if recent.filter(created_at__gte=now - datetime.timedelta(seconds=RESEND_SECONDS)).exists():
        raise SignInError(_("A code was sent less than a minute ago. Please wait before asking again."))
    if recent.count() >= PER_NUMBER_PER_HOUR:
        raise SignInError(_("Too many codes were sent to this number. Please try again in an hour."))
    if address and SignInCode.objects.filter(client_address=address, created_at__gte=hour_ago).count() >= (
        PER_ADDRESS_PER_HOUR
    ):
        raise SignInError(_("Too many codes were asked for from this network. Please try again later."))
    code = f"{secrets.randbelow(10**6):06d}"
    record = SignInCode.objects.create(
        phone=phone,
        code_hash=code_hash(phone, code),
        client_address=address,
        expires_at=now + datetime.timedelta(minutes=CODE_MINUTES),
    )
    text = _("Your sign-in code for %(site)s is %(code)s, valid for %(minutes)d minutes. Do not tell anyone.") % {
        "site": settings.WAGTAIL_SITE_NAME,
        "code": code,
        "minutes": CODE_MINUTES,
    }
    try:
        send_sms(phone, text)
    except SMSError:
        record.delete()
        raise SignInError(_("The text message could not be sent. Please try again later.")) from None


def verify_code(phone, code):
    """The Resident for a right code (created on first sign-in), or SignInError."""
    now = timezone.now()
    record = (
        SignInCode.objects.filter(phone=phone, used_at__isnull=True, expires_at__gt=now).order_by("-created_at").first()
    )
    if record is None:
        raise SignInError(_("The code has expired or was never sent. Ask for a new one."))
    if record.attempts >= MAX_ATTEMPTS:
        raise SignInError(_("Too many wrong codes. Ask for a new one."))
    SignInCode.objects.filter(pk=record.pk).update(attempts=F("attempts") + 1)
    if not hmac.compare_digest(record.code_hash, code_hash(phone, (code or "").strip())):
        raise SignInError(_("The code is not right. Check the text message and try again."))
    # Used once: a second request with the same code finds no unused record.
    if not SignInCode.objects.filter(pk=record.pk, used_at__isnull=True).update(used_at=now):
        raise SignInError(_("The code has expired or was never sent. Ask for a new one."))
    resident, _created = Resident.objects.get_or_create(phone=phone)
    Resident.objects.filter(pk=resident.pk).update(last_signed_in=now)
    # Wishes fulfilled and reports closed with this number before it was verified earn their points now.
    earning.catch_up(resident)
    return resident


def sign_in(request, resident):
    """Start the resident's session (a new session key, expiring after RESIDENT_SESSION_SECONDS)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = resident.pk
    request.session.set_expiry(getattr(settings, "RESIDENT_SESSION_SECONDS", 7 * 24 * 3600))


def sign_out(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current_resident(request):
    """The signed-in resident, or None."""
    resident_id = request.session.get(SESSION_KEY)
    if resident_id is None:
        return None
    return Resident.objects.filter(pk=resident_id).first()
