"""Admin wiring of the check-in: the members' desk for community staff, and community staff as a snippet."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CommunityStaff

admin_urls = (
    [
        path("", admin_views.members, name="members"),
        path("<int:pk>/", admin_views.member, name="member"),
        path("<int:pk>/<str:action>/", admin_views.handle_registration, name="handle"),
        path("hours/<int:pk>/<str:action>/", admin_views.handle_service, name="handle_service"),
    ],
    "party_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("party/", include(admin_urls))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_handle(request.user)


@hooks.register("register_admin_menu_item")
def register_members_menu_item():
    return StaffMenuItem(_("Party members' check-in"), reverse("party_admin:members"), icon_name="group", order=275)


class CommunityStaffViewSet(SnippetViewSet):
    model = CommunityStaff
    icon = "group"
    menu_label = _("Community staff (check-in)")
    list_display = ["user", "community"]
    add_to_admin_menu = False


register_snippet(CommunityStaffViewSet)
