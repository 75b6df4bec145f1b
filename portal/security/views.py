"""Admin views: the second sign-in step, setting up an authenticator, and unlocking locked-out sign-ins."""

from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages

from . import two_factor


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/admin/"


def verify(request):
    """Ask for the authenticator's code (or a recovery code) after the password."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    if request.user.is_verified() or not two_factor.has_device(request.user):
        return redirect(_next_url(request))
    error = None
    if request.method == "POST":
        wait = two_factor.wait_seconds(request.user)
        if wait:
            error = _("Too many wrong codes. Wait %(seconds)s seconds, then enter the code your app shows.") % {
                "seconds": wait
            }
        elif two_factor.verify(request, request.POST.get("code", "")):
            return redirect(_next_url(request))
        else:
            error = _(
                "The code is wrong or has expired. Enter the 6-digit code your app shows now, or a recovery code."
            )
    context = {"next": _next_url(request), "error": error}
    return render(request, "security/verify.html", context, status=200 if error is None else 400)


def setup(request):
    """Add an authenticator app: scan the QR code, confirm with a first code, receive recovery codes."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    user = request.user
    if two_factor.has_device(user) and not user.is_verified():
        return redirect("security_two_factor_verify")
    device = two_factor.pending_device(user)
    error = None
    if request.method == "POST":
        codes = two_factor.confirm(request, device, request.POST.get("code", ""))
        if codes is not None:
            return render(request, "security/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
        error = _("That code does not match. Check the time on your phone and enter the code shown now.")
    context = {
        "next": _next_url(request),
        "error": error,
        "qr_svg": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device),
        "required": two_factor.is_required(user),
        "page_title": _("Set up two-step verification"),
    }
    return render(request, "security/setup.html", context, status=200 if error is None else 400)


def manage(request):
    """The signed-in user's own two-step verification: status, and new recovery codes."""
    user = request.user
    codes = None
    if request.method == "POST" and two_factor.has_device(user):
        codes = two_factor.new_recovery_codes(user)
    context = {
        "page_title": _("Two-step verification"),
        "header_icon": "lock",
        "has_device": two_factor.has_device(user),
        "required": two_factor.is_required(user),
        "remaining": two_factor.remaining_recovery_codes(user),
        "codes": codes,
    }
    return render(request, "security/manage.html", context)


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def _lock_rows(field):
    cool_off = get_cool_off() or timedelta(days=3650)
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off).exclude(
        **{f"{field}__isnull": True}
    )
    rows = (
        recent.values(field).annotate(failures=Sum("failures_since_start"), last=Max("attempt_time")).order_by("-last")
    )
    return [
        {
            "value": row[field],
            "failures": row["failures"],
            "last": row["last"],
            "locked": row["failures"] >= settings.AXES_FAILURE_LIMIT,
        }
        for row in rows
    ]


def sign_in_protection(request):
    """Superusers: failed sign-ins by account and by address, unlocking, the failure log, and 2FA resets."""
    _require_superuser(request)
    context = {
        "page_title": _("Sign-in protection"),
        "header_icon": "lock",
        "by_username": _lock_rows("username"),
        "by_address": _lock_rows("ip_address"),
        "failures": AccessFailureLog.objects.order_by("-attempt_time")[:100],
        "limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": int((get_cool_off() or timedelta()).total_seconds() // 60),
        "staff": _staff_with_two_factor(),
    }
    return render(request, "security/sign_in_protection.html", context)


def _staff_with_two_factor():
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(is_staff=True) | Q(groups__isnull=False))
        .distinct()
        .order_by("username")
    )
    with_device = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    return [
        {"user": user, "has_device": user.pk in with_device, "required": two_factor.is_required(user)} for user in users
    ]


@require_POST
def unlock(request):
    """Clear the failed attempts of one account or one address, so it can sign in again at once."""
    _require_superuser(request)
    username = request.POST.get("username") or None
    address = request.POST.get("ip_address") or None
    if username or address:
        axes_reset(username=username, ip=address)
        messages.success(request, _("Unlocked: %(who)s") % {"who": username or address})
    return redirect("security_sign_in_protection")


@require_POST
def reset_two_factor(request, user_id):
    """Remove a staff member's authenticator and recovery codes (a lost phone); they set up anew."""
    _require_superuser(request)
    target = get_object_or_404(get_user_model(), pk=user_id)
    two_factor.reset(target)
    messages.success(request, _("Two-step verification was reset for %(user)s.") % {"user": target.get_username()})
    return redirect("security_sign_in_protection")
