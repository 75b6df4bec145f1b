"""Admin set-up of the catalog: snippets for categories, item types and the three lists; reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.ground.admin_columns import YesNoColumn
from services.catalog.admin_reports import StaleGuidesReportView, UsefulnessReportView
from services.catalog.models import ItemType, Need, Project, Resource, ServiceCategory


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"
    list_display = ["name", "icon", "slug", "description"]
    sort_order_field = "sort_order"


class ItemTypeViewSet(SnippetViewSet):
    model = ItemType
    icon = "list-ul"
    list_display = ["name", "short_name", "kind"]
    sort_order_field = "sort_order"


class CatalogSnippets(SnippetViewSetGroup):
    items = (ServiceCategoryViewSet, ItemTypeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Service catalog")
    menu_name = "service-catalog"
    menu_order = 210


class NeedViewSet(SnippetViewSet):
    model = Need
    icon = "help"
    list_display = ["reference", "title", "community", "category", "status", "moderation", "created_at"]
    list_filter = ["moderation", "status", "category", "source", "community"]
    list_export = ["reference", "title", "description", "community", "category", "status", "moderation", "created_at"]
    ordering = ["-created_at"]


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "pick"
    list_display = [
        "title",
        "provider",
        "kind",
        "community",
        YesNoColumn("is_available", label=_("accepting requests")),
    ]
    list_filter = ["kind", "is_available", "community"]
    list_export = ["title", "provider", "kind", "community", "availability", "is_available"]


class ProjectViewSet(SnippetViewSet):
    model = Project
    icon = "tasks"
    list_display = ["title", "community", "need", "resource", "status", "updated_at"]
    list_filter = ["status", "community"]
    list_export = ["title", "community", "need", "resource", "status", "lead_unit", "beneficiaries", "outcome"]


class ThreeListsSnippets(SnippetViewSetGroup):
    items = (NeedViewSet, ResourceViewSet, ProjectViewSet)
    menu_icon = "list-ol"
    menu_label = _("Three lists")
    menu_name = "three-lists"
    menu_order = 220


register_snippet(CatalogSnippets)
register_snippet(ThreeListsSnippets)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/stale-guides/", StaleGuidesReportView.as_view(), name="catalog_stale_guides"),
        path(
            "reports/stale-guides/results/",
            StaleGuidesReportView.as_view(results_only=True),
            name="catalog_stale_guides_results",
        ),
        path("reports/usefulness/", UsefulnessReportView.as_view(), name="catalog_usefulness"),
        path(
            "reports/usefulness/results/",
            UsefulnessReportView.as_view(results_only=True),
            name="catalog_usefulness_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_stale_guides_menu_item():
    return MenuItem(
        _("Guides not reviewed for 12 months"),
        reverse("catalog_stale_guides"),
        name="stale-guides",
        icon_name="time",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def register_usefulness_menu_item():
    return MenuItem(
        _("Is this page useful?"), reverse("catalog_usefulness"), name="page-usefulness", icon_name="help", order=1310
    )
