"""Response headers (CSP, Permissions-Policy) and the admin's session rules (idle timeout, two-factor, denials)."""

import functools
import time
from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import denials, two_factor
from .paths import is_admin_request, resolve_or_none


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy (ADMIN_CONTENT_SECURITY_POLICY) under /admin/.

    A policy depends only on its parts (the site's or the admin's directives, the sources editors set, a
    view's own additions): each distinct one is built once per process, not on every response, unless
    the page used a nonce. Where the header goes, and when not, is django-csp's rule.
    """

    def process_response(self, request, response):
        if response.status_code in (500, 404) and settings.DEBUG:  # Django's debug pages, as django-csp does
            return response
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
            policy = self._policy(parts, report_only)
            prefixes = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            excluded = getattr(response, exempt, False) or request.path_info.startswith(prefixes)
            if policy and header not in response and not excluded:
                response[header] = policy
        if getattr(request, "_csp_nonce", None) is None:  # reading the nonce after this point is an error
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _policy(self, parts, report_only):
        if parts.nonce is not None:
            return build_policy(**asdict(parts), report_only=report_only)
        return _built_policy(report_only, _frozen(parts.config), _frozen(parts.update), _frozen(parts.replace))

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if not report_only and response.get("Content-Type", "").startswith("text/html"):
            # Sources that editors configure (a map tile server set in 地图设置) join a page's policy.
            update = dict(parts.update or {})
            for provider in _source_providers(tuple(settings.CSP_SOURCE_PROVIDERS)):
                for directive, sources in provider(request).items():
                    update[directive] = [*update.get(directive, []), *sources]
            parts.update = update or None
        return parts


def _frozen(directives):
    """A hashable copy of a directives dict (None stays None)."""
    if directives is None:
        return None
    return tuple(
        (name, tuple(value) if isinstance(value, list | tuple | set) else value) for name, value in directives.items()
    )


def _thawed(directives):
    return None if directives is None else {name: list(v) if isinstance(v, tuple) else v for name, v in directives}


@functools.lru_cache(maxsize=64)
def _built_policy(report_only, config, update, replace):
    """The header for a policy's frozen parts, built once per process."""
    return build_policy(_thawed(config), _thawed(update), _thawed(replace), report_only=report_only)


@functools.cache
def _source_providers(paths):
    return [import_string(path) for path in paths]


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` with every listed feature off, except those a page permitted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        permitted = getattr(request, "permitted_features", set())
        response.setdefault(
            "Permissions-Policy",
            ", ".join(
                f"{feature}=(self)" if feature in permitted else f"{feature}=()"
                for feature in settings.PERMISSIONS_POLICY_FEATURES
            ),
        )
        return response


SESSION_LAST_SEEN = "admin_last_seen"
# Requests the admin makes by itself (the editing-session ping of an open edit form) are not activity.
BACKGROUND_NAMESPACES = {"wagtailadmin_editing_sessions"}


class AdminIdleTimeoutMiddleware:
    """Sign a staff member out after ADMIN_IDLE_TIMEOUT_MINUTES without an admin request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_request(request) and request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(SESSION_LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.ADMIN_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                messages.warning(
                    request, _("You were signed out after a period without activity. Please sign in again.")
                )
                return redirect_to_login(request.get_full_path(), login_url=reverse("wagtailadmin_login"))
            match = resolve_or_none(request)
            background = match is not None and match.namespace in BACKGROUND_NAMESPACES
            # Write the session at most every 30 s: often enough for a timeout counted in minutes.
            if not background and (last_seen is None or now - last_seen > 30):
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


# Open to a signed-in but unverified user: signing out, and the pages that verify.
ALWAYS_OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "security_two_factor_verify",
}


class AdminTwoFactorMiddleware:
    """Send an unverified staff member to the second step before any other admin page.

    Whoever has a confirmed device must use it; whoever must have one (see ``two_factor.is_required``)
    and has none is sent to set one up first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if is_admin_request(request) and user.is_authenticated and not user.is_verified():
            match = resolve_or_none(request)
            name = match.url_name if match else None
            if name not in ALWAYS_OPEN:
                next_query = urlencode({"next": request.get_full_path()})
                if two_factor.has_device(user):
                    return redirect(f"{reverse('security_two_factor_verify')}?{next_query}")
                if name != "security_two_factor_setup" and two_factor.is_required(user):
                    return redirect(f"{reverse('security_two_factor_setup')}?{next_query}")
        return self.get_response(request)


class AdminDenialMiddleware:
    """Log and count the admin's permission denials (see ``denials``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_request(request) and request.user.is_authenticated and denials.is_denial(request, response):
            denials.record(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.security_view = view_func
