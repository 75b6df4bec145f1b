"""Admin sign-in lockout: repeated failures lock the account and the address; an administrator unlocks."""

from axes.models import AccessFailureLog

from .conftest import sign_in


def _hammer(client, username, times, address="203.0.113.7"):
    return [sign_in(client, username, "wrong-password", address).status_code for _ in range(times)]


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_no_longer_works(client, moderator, settings):
    statuses = _hammer(client, "shenhe", 30)
    assert statuses[0] == 200  # the form again, with Wagtail's error
    assert statuses[-1] == 429
    response = sign_in(client, "shenhe", "pw-moderator-123")
    assert response.status_code == 429
    body = response.content.decode()
    assert "登录失败次数过多" in body and "30 分钟" in body
    assert "_auth_user_id" not in client.session
    # Every failure is logged for the administrator's page and the auditor: 30 wrong passwords and
    # the right one refused during the lockout.
    assert AccessFailureLog.objects.filter(username="shenhe").count() == 31
    assert AccessFailureLog.objects.filter(username="shenhe", locked_out=True).count() == 31 - 4


def test_account_stays_locked_from_another_address(client, moderator):
    _hammer(client, "shenhe", 5, address="203.0.113.7")
    assert sign_in(client, "shenhe", "pw-moderator-123", address="198.51.100.9").status_code == 429


def test_address_is_locked_across_accounts(client, moderator, django_user_model):
    for index in range(5):
        sign_in(client, f"guess{index}", "wrong-password", address="203.0.113.7")
    assert sign_in(client, "shenhe", "pw-moderator-123", address="203.0.113.7").status_code == 429
    # The same account from elsewhere is not affected by that address's failures.
    assert sign_in(client, "shenhe", "pw-moderator-123", address="198.51.100.9").status_code == 302


def test_lock_ends_after_the_cool_off(client, moderator, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    _hammer(client, "shenhe", 5)
    assert sign_in(client, "shenhe", "pw-moderator-123").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert sign_in(client, "shenhe", "pw-moderator-123").status_code == 302


def test_administrator_sees_the_lock_and_unlocks_it_in_the_admin(client, admin_client, moderator):
    from django.test import Client

    _hammer(client, "shenhe", 6)
    page = admin_client.get("/admin/security/sign-in/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "登录保护" in text and "shenhe" in text and "已锁定" in text
    response = admin_client.post("/admin/security/sign-in/unlock/", {"username": "shenhe"})
    assert response.status_code == 302
    # The address had the same failures; unlock it too, as the page offers.
    admin_client.post("/admin/security/sign-in/unlock/", {"ip_address": "203.0.113.7"})
    assert sign_in(Client(), "shenhe", "pw-moderator-123").status_code == 302


def test_sign_in_protection_page_is_for_superusers_only(client, moderator):
    client.force_login(moderator)
    response = client.get("/admin/security/sign-in/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_behind_the_proxy_each_client_address_counts_on_its_own(client, moderator, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    for index in range(5):
        client.post(
            "/admin/login/",
            {"username": f"guess{index}", "password": "wrong-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    colleague = client.post(
        "/admin/login/",
        {"username": "shenhe", "password": "pw-moderator-123", "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert colleague.status_code == 302
    attacker = client.post(
        "/admin/login/",
        {"username": "shenhe", "password": "pw-moderator-123"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert attacker.status_code == 429
