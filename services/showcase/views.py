"""Plain Django views of the showcase: the figures dashboard and its CSV download."""

import csv
import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from .dashboard import cached_dashboard_sections, content_sections, csv_rows, ticket_sections


@require_GET
def figures(request):
    """数据看板: every computable section as an SVG bar chart with a table of the same numbers.

    The content sections are rendered in a fragment cached per content version (counted only when it
    is missing); the ticket sections come from the shared cache, counted at most once a minute, and
    the page says when they were counted.
    """
    tickets = ticket_sections()
    content = SimpleLazyObject(lambda: content_sections(request))
    context = {
        "content_sections": content,
        "ticket_sections": tickets["sections"],
        "tickets_stamp": tickets["counted_at"].timestamp(),
        "sections": SimpleLazyObject(lambda: [*content, *tickets["sections"]]),
        "generated_at": tickets["counted_at"],
    }
    return render(request, "showcase/figures.html", context)


@require_GET
def figures_csv(request):
    """The dashboard's numbers as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = datetime.date.today().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="figures-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["板块", "项目", "数值", "单位"])
    writer.writerows(csv_rows(cached_dashboard_sections(request)))
    return response
