"""Plain Django views of the showcase: the figures dashboard and its CSV download."""

import csv
import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .dashboard import csv_rows, dashboard_sections


@require_GET
def figures(request):
    """数据看板: every computable section as an SVG bar chart with a table of the same numbers."""
    return render(
        request,
        "showcase/figures.html",
        {"sections": dashboard_sections(), "generated_at": datetime.datetime.now().astimezone()},
    )


@require_GET
def figures_csv(request):
    """The dashboard's numbers as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = datetime.date.today().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="figures-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["板块", "项目", "数值", "单位"])
    writer.writerows(csv_rows(dashboard_sections()))
    return response
