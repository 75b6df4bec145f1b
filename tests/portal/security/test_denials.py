"""Admin permission denials are logged (user, path, permission) and counted in /healthz."""

import logging


def test_denied_admin_page_is_logged_and_counted(client, db, django_user_model, caplog):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("bianji", password="pw-editor-123")
    user.groups.add(group)
    client.force_login(user)
    assert client.get("/healthz").json()["security"]["admin_denials"] == 0

    with caplog.at_level(logging.WARNING, logger="portal.security.denials"):
        response = client.get("/admin/users/")
    # Wagtail's own answer is kept: back to the dashboard with its message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    record = next(r for r in caplog.records if r.name == "portal.security.denials")
    message = record.getMessage()
    assert "user=bianji" in message and "path=/admin/users/" in message
    assert "permission=" in message and "user" in message.split("permission=")[1]
    assert client.get("/healthz").json()["security"]["admin_denials"] == 1


def test_ordinary_admin_page_view_is_not_a_denial(admin_client):
    admin_client.get("/admin/")
    admin_client.get("/admin/pages/")
    assert admin_client.get("/healthz").json()["security"]["admin_denials"] == 0
