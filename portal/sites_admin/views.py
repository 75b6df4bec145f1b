"""Wagtail's site viewset with every index column labelled through the translation system."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusFlagColumn, TitleColumn
from wagtail.sites import views as wagtail_site_views


class IndexView(wagtail_site_views.IndexView):
    columns = [
        TitleColumn("hostname", label=_("Site"), sort_key="hostname", url_name="wagtailsites:edit"),
        Column("port", label=_("Port"), sort_key="port"),
        Column("site_name", label=_("Site name")),
        Column("root_page", label=_("Root page")),
        StatusFlagColumn("is_default_site", label=_("Default?"), true_label=_("Default")),
    ]


class SiteViewSet(wagtail_site_views.SiteViewSet):
    index_view_class = IndexView
