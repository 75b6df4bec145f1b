"""Admin URLs and menu entries of the security layer."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("security/verify/", views.verify, name="security_two_factor_verify"),
        path("security/two-factor/", views.manage, name="security_two_factor_manage"),
        path("security/two-factor/setup/", views.setup, name="security_two_factor_setup"),
        path("security/two-factor/reset/<int:user_id>/", views.reset_two_factor, name="security_two_factor_reset"),
        path("security/sign-in/", views.sign_in_protection, name="security_sign_in_protection"),
        path("security/sign-in/unlock/", views.unlock, name="security_unlock"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_sign_in_protection_menu_item():
    return SuperuserMenuItem(
        _("Sign-in protection"), reverse("security_sign_in_protection"), icon_name="lock", order=900
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("security_two_factor_manage"),
        "label": _("Two-step verification"),
        "help_text": _("Authenticator app and recovery codes for signing in."),
    }
