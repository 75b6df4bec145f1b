"""Which requests belong to the Wagtail admin."""

from django.urls import NoReverseMatch, Resolver404, resolve, reverse


def admin_prefix():
    """The admin's URL prefix (``/admin/``), or None under a URL configuration without the admin."""
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def is_admin_request(request):
    """Whether the request is for the admin (worked out once per request: several middlewares ask)."""
    answer = getattr(request, "_portal_admin_request", None)
    if answer is None:
        prefix = admin_prefix()
        answer = request._portal_admin_request = prefix is not None and request.path_info.startswith(prefix)
    return answer


def resolve_or_none(request):
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None
