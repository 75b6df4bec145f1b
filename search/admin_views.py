"""The editors' search report in the Wagtail admin: top and zero-result queries of the last 30 days."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search import stats


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    """Anonymous, aggregated counts only: which queries residents use and which find nothing."""

    template_name = "search/admin/report.html"
    page_title = _("Search queries")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("search_report"), "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stats.flush()  # this process's latest counts too
        context.update(
            days=stats.REPORT_DAYS,
            top_queries=stats.top_queries(),
            zero_result_queries=stats.zero_result_queries(),
        )
        return context
