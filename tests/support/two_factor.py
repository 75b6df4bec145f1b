"""Test helpers for the admin's two-step sign-in: a device per user, its current code, a verified session."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def device_for(user):
    """The user's confirmed authenticator, created when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device):
    """The code the authenticator shows now, or the next step's if this step's was already used."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step  # accepted within the device's tolerance of one step
    return f"{totp.token():0{device.digits}d}"


def verify_session(client, user):
    """Mark a test client's session as having passed the second step (what force_login stands for)."""
    device = device_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def browser_admin_login(page, base, username, password, expect_path="/admin/"):
    """Sign in to the admin in a browser with the password and the authenticator's current code."""
    from django.contrib.auth import get_user_model

    device = device_for(get_user_model().objects.get(username=username))
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url("**/admin/security/verify/**")
    page.fill("#id_code", current_code(device))
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(base + expect_path)
