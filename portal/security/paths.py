"""Which requests belong to the Wagtail admin."""

from django.urls import NoReverseMatch, Resolver404, resolve, reverse


def admin_prefix():
    """The admin's URL prefix (``/admin/``), or None under a URL configuration without the admin."""
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def is_admin_request(request):
    prefix = admin_prefix()
    return prefix is not None and request.path_info.startswith(prefix)


def resolve_or_none(request):
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None
