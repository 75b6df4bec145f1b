"""Two-step sign-in: required roles cannot reach the dashboard without a code; wrong codes are refused;
a recovery code works once."""

import re
import time

import pytest
from django.test import Client

from tests.support.two_factor import current_code, device_for

from .conftest import sign_in


def test_required_user_without_a_device_is_sent_to_set_one_up(client, moderator):
    response = sign_in(client, "shenhe", "pw-moderator-123")
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith("/admin/security/two-factor/setup/")
    setup = client.get(dashboard["Location"])
    text = setup.content.decode()
    assert "设置两步验证" in text and "<svg" in text
    # Other admin pages are closed as well, not only the dashboard.
    assert client.get("/admin/pages/").status_code == 302


def test_setting_up_an_authenticator_opens_the_admin_and_shows_recovery_codes(client, moderator):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    sign_in(client, "shenhe", "pw-moderator-123")
    client.get("/admin/security/two-factor/setup/")
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    wrong = client.post("/admin/security/two-factor/setup/", {"code": "000000"})
    assert wrong.status_code == 400 and "不匹配" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp slows retries down after a wrong code
    done = client.post("/admin/security/two-factor/setup/", {"code": current_code(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_required_user_with_a_device_must_enter_its_code(client, moderator):
    device = device_for(moderator)
    sign_in(client, "shenhe", "pw-moderator-123")
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 302 and dashboard["Location"].startswith("/admin/security/verify/")
    page = client.get(dashboard["Location"])
    assert "两步验证" in page.content.decode()
    # Setting up another device is no way around it.
    assert client.get("/admin/security/two-factor/setup/")["Location"].startswith("/admin/security/verify/")

    wrong = client.post("/admin/security/verify/", {"code": "123456", "next": "/admin/"})
    assert wrong.status_code == 400 and "验证码错误" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    # Straight after a wrong code the next try waits (django-otp doubles the wait with each failure).
    hurried = client.post("/admin/security/verify/", {"code": current_code(device), "next": "/admin/"})
    assert hurried.status_code == 400 and "请等待" in hurried.content.decode()
    time.sleep(1.1)
    right = client.post("/admin/security/verify/", {"code": current_code(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_recovery_code_works_once(moderator):
    from portal.security import two_factor

    device_for(moderator)
    codes = two_factor.new_recovery_codes(moderator)

    first = Client()
    sign_in(first, "shenhe", "pw-moderator-123")
    assert first.post("/admin/security/verify/", {"code": codes[0].upper(), "next": "/admin/"}).status_code == 302
    assert first.get("/admin/").status_code == 200

    second = Client()
    sign_in(second, "shenhe", "pw-moderator-123", address="198.51.100.9")
    assert second.post("/admin/security/verify/", {"code": codes[0], "next": "/admin/"}).status_code == 400
    assert second.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp slows retries down after a wrong code
    assert second.post("/admin/security/verify/", {"code": codes[1], "next": "/admin/"}).status_code == 302


@pytest.mark.parametrize("group_name", ["部门：城管执法局", "诉求受理中心"])
def test_groups_that_handle_tickets_require_two_factor(db, django_user_model, group_name):
    from django.contrib.auth.models import Group, Permission

    from portal.security.two_factor import is_required

    group = Group.objects.create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("officer", password="pw-officer-123")
    assert not is_required(user)
    user.groups.add(group)
    user = django_user_model.objects.get(pk=user.pk)
    assert is_required(user)


def test_ticket_permission_requires_two_factor_whatever_the_group(db, django_user_model):
    from django.contrib.auth.models import Group, Permission

    from portal.security.two_factor import is_required

    group = Group.objects.create(name="新成立的热线组")
    group.permissions.add(Permission.objects.get(codename="manage_tickets"))
    user = django_user_model.objects.create_user("hotline", password="pw-hotline-123")
    user.groups.add(group)
    assert is_required(django_user_model.objects.get(pk=user.pk))


def test_staff_outside_the_listed_roles_may_sign_in_with_the_password_alone(client, db, django_user_model):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("bianji", password="pw-editor-123")
    user.groups.add(group)
    sign_in(client, "bianji", "pw-editor-123")
    assert client.get("/admin/").status_code == 200


def test_administrator_resets_a_lost_phone(admin_client, moderator):
    from portal.security import two_factor

    device_for(moderator)
    response = admin_client.post(f"/admin/security/two-factor/reset/{moderator.pk}/")
    assert response.status_code == 302
    assert not two_factor.has_device(moderator)
