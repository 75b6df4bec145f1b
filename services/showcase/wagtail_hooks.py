"""Admin wiring of the showcase app: the article importer's views and its menu item."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .importer import admin_views

import_urls = (
    [
        path("", admin_views.upload, name="upload"),
        path("<str:token>/<str:kind>/", admin_views.preview, name="preview"),
    ],
    "showcase_import",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("import-articles/", include(import_urls))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(admin_views.importable_kinds(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import articles"), reverse("showcase_import:upload"), icon_name="upload", order=260)
