"""Admin reports of the catalog: guides overdue for review, and '有用吗' answers per page."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from services.catalog.models import ServiceGuidePage
from services.catalog.models.guides import REVIEW_INTERVAL_DAYS


class StaleGuidesReportView(ReportView):
    """Guides whose '最近审核日期' is more than 12 months ago, oldest first."""

    page_title = _("Guides not reviewed for 12 months")
    header_icon = "time"
    index_url_name = "catalog_stale_guides"
    index_results_url_name = "catalog_stale_guides_results"
    list_export = ["title", "category", "item_type", "department", "last_reviewed", "full_url"]
    export_headings = {"full_url": "URL"}
    columns = [
        TitleColumn("title", label=_("Guide"), url_name="wagtailadmin_pages:edit"),
        Column("category", label=pgettext_lazy("catalog", "Category")),
        Column("item_type", label=_("Item type")),
        Column("department", label=_("Responsible body")),
        DateColumn("last_reviewed", label=_("Last reviewed")),
    ]

    def user_has_permission(self, permission):
        return self.request.user.has_perm("wagtailadmin.access_admin")

    def get_queryset(self):
        cutoff = timezone.localdate() - datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
        return (
            ServiceGuidePage.objects.live()
            .filter(last_reviewed__lt=cutoff)
            .select_related("category", "item_type")
            .order_by("last_reviewed", "title")
        )


class UsefulnessReportView(ReportView):
    """'这个页面有用吗' answers counted per page, least useful first."""

    page_title = _("Is this page useful?")
    header_icon = "help"
    index_url_name = "catalog_usefulness"
    index_results_url_name = "catalog_usefulness_results"
    list_export = ["title", "useful_count", "not_useful_count", "comment_count"]
    columns = [
        TitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        NumberColumn("useful_count", label=_("Useful")),
        NumberColumn("not_useful_count", label=_("Not useful")),
        NumberColumn("comment_count", label=_("Notes on what was missing")),
        Column("latest_missing", label=_("Latest note")),
    ]

    def user_has_permission(self, permission):
        return self.request.user.has_perm("wagtailadmin.access_admin")

    def get_queryset(self):
        return (
            Page.objects.filter(usefulness_votes__isnull=False)
            .annotate(
                useful_count=Count("usefulness_votes", filter=Q(usefulness_votes__useful=True)),
                not_useful_count=Count("usefulness_votes", filter=Q(usefulness_votes__useful=False)),
                comment_count=Count("usefulness_votes", filter=~Q(usefulness_votes__missing="")),
            )
            .order_by("-not_useful_count", "title")
        )

    def decorate_paginated_queryset(self, object_list):
        from services.catalog.models import UsefulnessVote

        for page in object_list:
            vote = (
                UsefulnessVote.objects.filter(page=page)
                .exclude(missing="")
                .order_by("-created_at")
                .only("missing")
                .first()
            )
            page.latest_missing = vote.missing if vote else ""
        return object_list
