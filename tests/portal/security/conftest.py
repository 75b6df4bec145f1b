"""Staff accounts for the security tests: a moderator (审核员) who signs in through the real forms."""

import pytest
from django.contrib.auth.models import Group, Permission


@pytest.fixture
def moderator(db, django_user_model):
    group, _ = Group.objects.get_or_create(name="审核员")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("shenhe", password="pw-moderator-123")
    user.groups.add(group)
    return user


def sign_in(client, username, password, address="203.0.113.7"):
    """POST the admin's sign-in form as a browser would."""
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )
