"""Admin sign-in lockout (django-axes): the Chinese lockout page, and who is locked out now."""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render

from portal.ground.client import client_address as shared_client_address


def client_address(request):
    """django-axes' AXES_CLIENT_IP_CALLABLE: the shared client address, None when the server gave none."""
    address = shared_client_address(request)
    return None if address == "unknown" else address


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: a 429 page in Chinese saying when to retry and whom to ask."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(request, "security/lockout.html", {"minutes": minutes}, status=429)


def current_lockouts():
    """Access attempts that are at or over the failure limit (one row per account/address pair)."""
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by("-attempt_time")
