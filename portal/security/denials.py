"""Admin permission denials: recognised on Wagtail's own denial path, logged and counted for monitoring.

Wagtail answers a denied admin request by adding its error message and redirecting to the dashboard
(``wagtail.admin.auth.permission_denied``), or to the sign-in page for a user without admin access
(``reject_request``); XHR requests get a 403. Those responses are recognised here, after Wagtail made
them, so Wagtail's behaviour stays its own.
"""

import logging

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.translation import gettext

logger = logging.getLogger("portal.security.denials")

COUNTER_KEY = "security:admin-denials"
WAGTAIL_DENIAL_MESSAGES = (
    "Sorry, you do not have permission to access this area.",
    "You do not have permission to access the admin.",
)


def _denial_texts():
    texts = set(WAGTAIL_DENIAL_MESSAGES)
    for language in ("zh-hans", translation.get_language() or "en"):
        with translation.override(language):
            texts.update(conditional_escape(gettext(message)) for message in WAGTAIL_DENIAL_MESSAGES)
    return texts


def is_denial(request, response):
    """Whether ``response`` is Wagtail's answer to a denied admin request."""
    if response.status_code == 403:
        return True
    if response.status_code != 302:
        return False
    target = response.get("Location", "").split("?")[0]
    if target not in {reverse("wagtailadmin_home"), reverse("wagtailadmin_login")} or target == request.path_info:
        return False
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    texts = _denial_texts()
    # Wagtail renders its messages through a template, so the text sits inside a little markup.
    return any(text in str(message.message) for message in queued for text in texts)


def describe_permission(request):
    """The permission the denied view asked for, as ``app.codename`` when the view says, else its URL name."""
    view = getattr(request, "security_view", None)
    view_class = getattr(view, "view_class", None)
    initkwargs = getattr(view, "view_initkwargs", {}) or {}
    policy = initkwargs.get("permission_policy") or getattr(view_class, "permission_policy", None)
    action = initkwargs.get("permission_required") or getattr(view_class, "permission_required", None)
    model = getattr(policy, "model", None)
    if model is not None and isinstance(action, str):
        return f"{model._meta.app_label}.{action}_{model._meta.model_name}"
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name:
        return f"view:{match.view_name}"
    return "unknown"


def record(request):
    """Log the denial (user, path, permission) and add one to the counter that /healthz reports."""
    permission = describe_permission(request)
    logger.warning(
        "admin permission denied: user=%s path=%s permission=%s",
        request.user.get_username(),
        request.path,
        permission,
    )
    try:
        cache.incr(COUNTER_KEY)
    except ValueError:
        cache.add(COUNTER_KEY, 0, timeout=None)
        cache.incr(COUNTER_KEY)


def count():
    """Denials counted since the shared cache was last cleared."""
    return cache.get(COUNTER_KEY, 0)
