"""Admin sessions end after the configured idle time (30 minutes by default)."""

import time

from portal.security.middleware import SESSION_LAST_SEEN


def _age_session(client, seconds):
    session = client.session
    session[SESSION_LAST_SEEN] = time.time() - seconds
    session.save()


def test_idle_admin_session_is_signed_out(admin_client):
    assert admin_client.get("/admin/").status_code == 200
    _age_session(admin_client, 31 * 60)
    response = admin_client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in admin_client.session
    login = admin_client.get(response["Location"])
    assert "长时间未操作" in login.content.decode()


def test_active_admin_session_continues(admin_client):
    admin_client.get("/admin/")
    _age_session(admin_client, 29 * 60)
    assert admin_client.get("/admin/pages/").status_code == 200


def test_idle_limit_is_configurable(admin_client, settings):
    settings.ADMIN_IDLE_TIMEOUT_MINUTES = 5
    admin_client.get("/admin/")
    _age_session(admin_client, 6 * 60)
    assert admin_client.get("/admin/").status_code == 302
