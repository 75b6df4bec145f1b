"""Admin wiring: the ticket inbox and API keys, settings snippets, micro-wish moderation, the dashboard panel."""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Category, CategoryQuestion, Department, ReplyTemplate, Status, Wish
from .personal_data import EXPORTED, VIEWED
from .photos import sanitise_photo
from .stats import counts_by_status, feedback_figures
from .wishes import sync_wish_dates
from .workflow import can_use_inbox, is_centre, overdue_q, tickets_visible_to

admin_urls = (
    [
        path("tickets/", admin_views.inbox, name="inbox"),
        path("tickets/export.csv", admin_views.export_csv, name="export"),
        path("tickets/new/", admin_views.new_ticket, name="new_ticket"),
        path("tickets/<int:pk>/", admin_views.ticket_detail, name="ticket"),
        path("tickets/<int:pk>/photos/<int:photo_pk>/", admin_views.ticket_photo, name="ticket_photo"),
        path("tickets/<int:pk>/preview/", admin_views.preview_reply, name="preview"),
        path("keys/", admin_views.api_keys, name="keys"),
        path("keys/<int:pk>/revoke/", admin_views.revoke_key, name="revoke_key"),
    ],
    "feedback_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("feedback/", include(admin_urls))]


@hooks.register("register_log_actions")
def register_personal_data_actions(actions):
    """Who viewed or exported residents' personal data, listed in the admin's site history report."""

    class PersonalDataFormatter(LogFormatter):
        def format_message(self, log_entry):
            data = log_entry.data or {}
            return self.in_full if data.get("in_full") else self.masked

    @actions.register_action(VIEWED)
    class Viewed(PersonalDataFormatter):
        label = _("Viewed a resident's personal data")
        in_full = _("Opened with the resident's name, phone and e-mail in full")
        masked = _("Opened with the resident's data masked")

    @actions.register_action(EXPORTED)
    class Exported(PersonalDataFormatter):
        label = _("Exported residents' personal data")
        in_full = _("Exported the ticket to CSV with the resident's data in full")
        masked = _("Exported the ticket to CSV with the resident's data masked")


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_inbox(request.user)


class CentreMenuItem(MenuItem):
    def is_shown(self, request):
        return is_centre(request.user)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("Feedback tickets"), reverse("feedback_admin:inbox"), icon_name="mail", order=250)


@hooks.register("register_settings_menu_item")
def register_keys_menu_item():
    return CentreMenuItem(_("Open311 API keys"), reverse("feedback_admin:keys"), icon_name="key", order=900)


class WishAdminForm(WagtailAdminModelForm):
    """Moderation form; a fulfilment photo is re-encoded without metadata like residents' photos."""

    def clean_fulfilment_photo(self):
        photo = self.cleaned_data.get("fulfilment_photo")
        if photo and hasattr(photo, "content_type"):  # a new upload, not the stored file
            content, _size = sanitise_photo(photo)
            return content
        return photo

    def clean(self):
        data = super().clean()
        if data.get("status") == "fulfilled" and not (data.get("fulfilment_note") or data.get("fulfilment_photo")):
            raise forms.ValidationError(_("Describe how the wish was fulfilled or add a photo."))
        return data

    def save(self, commit=True):
        sync_wish_dates(self.instance)
        return super().save(commit)


Wish.base_form_class = WishAdminForm


class YesNoColumn(BooleanColumn):
    """A boolean column that reads 是/否 (Wagtail's own titles its icons “True”/“False”)."""

    cell_template_name = "feedback/admin/yes_no_cell.html"


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    list_display = [
        "name",
        "code",
        "deadline_days",
        "acknowledge_days",
        "default_department",
        YesNoColumn("active", label=_("offered to residents")),
        YesNoColumn("sensitive", label=_("sensitive (reported from home)")),
    ]
    ordering = ["sort_order", "name"]


class CategoryQuestionViewSet(SnippetViewSet):
    model = CategoryQuestion
    icon = "help"
    list_display = ["question", "category", "datatype", YesNoColumn("required", label=_("required"))]
    list_filter = ["category"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "code", "email", YesNoColumn("active", label=_("active"))]


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    list_display = ["title", "department", "category"]
    list_filter = ["department", "category"]


class WishViewSet(SnippetViewSet):
    model = Wish
    icon = "pick"
    menu_label = _("Micro-wishes")
    list_display = ["title", "beneficiary", "community", "status", "created_at"]
    list_filter = ["status", "community"]
    search_fields = ["title", "description"]


class FeedbackSetupGroup(SnippetViewSetGroup):
    menu_label = _("Feedback settings")
    menu_icon = "cogs"
    menu_order = 251
    items = (CategoryViewSet, CategoryQuestionViewSet, DepartmentViewSet, ReplyTemplateViewSet)


register_snippet(FeedbackSetupGroup)
register_snippet(WishViewSet)


class FeedbackPanel(Component):
    """Dashboard panel: tickets by status now, overdue, and reply time and satisfaction over the last 30 days
    next to the all-time figures the home page and /figures/ show."""

    name = "feedback_summary"
    order = 90
    template_name = "feedback/admin/panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        tickets = tickets_visible_to(self.request.user).filter(hidden=False)
        counts = counts_by_status(tickets)
        figures = feedback_figures(days=30, tickets=tickets)
        all_time = feedback_figures(tickets=tickets)
        return {
            "status_counts": [(label, counts.get(value, 0)) for value, label in Status.choices],
            "overdue": tickets.filter(overdue_q()).count(),
            "avg_reply_hours": figures["avg_reply_hours"],
            "satisfaction_rate": figures["satisfaction_rate"],
            "rated": figures["rated"],
            "received": figures["received"],
            "all_time_satisfaction_rate": all_time["satisfaction_rate"],
            "all_time_rated": all_time["rated"],
            "all_time_received": all_time["received"],
            "department_only": not is_centre(self.request.user),
        }


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    if can_use_inbox(request.user):
        panels.append(FeedbackPanel(request))
