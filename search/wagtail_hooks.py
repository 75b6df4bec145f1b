"""Admin set-up of search: the editable dictionary (snippets) and the query report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_views import SearchReportView
from search.models import SearchTerm


class SearchTermViewSet(SnippetViewSet):
    """Editors add domain words and synonyms; the index follows automatically."""

    model = SearchTerm
    icon = "search"
    menu_label = _("Search dictionary")
    menu_name = "search-dictionary"
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["term", "synonyms", "show_as_popular", "updated_at"]
    list_filter = ["show_as_popular"]


register_snippet(SearchTermViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("search-report/", SearchReportView.as_view(), name="search_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(_("Search queries"), reverse("search_report"), icon_name="search", order=900)
