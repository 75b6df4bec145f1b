"""Two-factor sign-in for staff (django-otp): who must use it, devices, recovery codes, checking a code."""

from fnmatch import fnmatchcase

import django_otp
import segno
from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def is_required(user):
    """Superusers, members of ADMIN_TWO_FACTOR_GROUPS and holders of ADMIN_TWO_FACTOR_PERMISSIONS."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    patterns = settings.ADMIN_TWO_FACTOR_GROUPS
    if any(fnmatchcase(name, pattern) for name in user.groups.values_list("name", flat=True) for pattern in patterns):
        return True
    return any(user.has_perm(permission) for permission in settings.ADMIN_TWO_FACTOR_PERMISSIONS)


def has_device(user):
    """Whether the user has a confirmed authenticator (recovery codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user):
    """The unconfirmed authenticator being set up (created on first call, same secret until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_svg(device):
    """The device's otpauth:// URL as an inline SVG QR code (served by the portal itself)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1a1a1a", title="二维码")


def secret_text(device):
    """The base32 secret in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones and return them (shown once, stored hashed by use)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.ADMIN_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _normalise(token):
    return "".join(token.split()).replace("-", "").lower()


def verify(request, token):
    """Check a code from the authenticator or a recovery code; on success mark the session verified.

    A recovery code is deleted when used, so it works once.
    """
    token = _normalise(token or "")
    if not token or len(token) > 16:
        return None
    user = request.user
    # Authenticator codes are six digits; recovery codes are eight letters and digits.
    model = TOTPDevice if (len(token) == 6 and token.isdigit()) else StaticDevice
    candidates = model.objects.filter(user=user, confirmed=True)
    for device in candidates:
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            django_otp.login(request, verified)
            return verified
    return None


def wait_seconds(user):
    """Seconds before the user's devices accept another code after wrong ones (django-otp doubles it each time)."""
    from django.utils import timezone

    waits = [0]
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user):
            allowed, data = device.verify_is_allowed()
            if not allowed and data and data.get("locked_until"):
                waits.append((data["locked_until"] - timezone.now()).total_seconds())
    return max(0, int(max(waits) + 0.999))


def confirm(request, device, token):
    """Confirm a new authenticator with its first code; returns the recovery codes, or None if wrong."""
    if not device.verify_token(_normalise(token or "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    django_otp.login(request, device)
    return new_recovery_codes(device.user)


def reset(user):
    """Remove every device of a user (a lost phone); they set up a new one at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
