"""Plain Django views of the showcase: the figures dashboard, the league tables and their CSV downloads."""

import csv
import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from portal.ground.caching import per_version
from services.feedback import league
from services.feedback.validators import spreadsheet_safe

from .charts import bar_chart
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


LEAGUE_TITLES = {
    "departments": pgettext_lazy("league", "Departments league table"),
    "communities": pgettext_lazy("league", "Communities league table"),
}


def _league_context(request, kind):
    """The period asked for (or an error message for a bad one) and, for a good one, its table."""
    today = timezone.localdate()
    value = request.GET.get("period")
    try:
        period = league.parse_period(value, today)
    except league.PeriodError as error:
        return {"error": str(error), "period_value": value}
    return {"period": period, "data": league.cached_table(kind, period, today), "today": today}


@require_http_methods(["GET", "HEAD"])
def league_table(request, kind):
    """晾晒评议: a department or community league table for a month, quarter or year; 400 for a bad period."""
    context = _league_context(request, kind)
    context.update({"kind": kind, "title": LEAGUE_TITLES[kind], "min_tickets": league.MIN_TICKETS})
    if "error" in context:
        return render(request, "showcase/league.html", context, status=400)
    period = context["period"]
    today = context["today"]
    context.update(
        {
            "previous": period.previous() if period.previous().start.year >= league.FIRST_YEAR else None,
            "next": period.next() if period.next().started(today) else None,
            "year": period.year_period(),
            "quarters": [p for p in period.quarters() if p.started(today)],
            "months": [p for p in period.months() if p.started(today)],
            "score_chart": bar_chart([(r["name"], r["score"]) for r in context["data"]["rows"] if r["rank"]]),
            "received_chart": bar_chart(
                [(r["name"], r["received"]) for r in sorted(context["data"]["rows"], key=lambda r: -r["received"])]
            ),
        }
    )
    if kind == "communities":
        context["grid_ratings"] = per_version(
            request, f"showcase:league:grid-ratings:{period.code}", lambda: grid_rating_summary(period)
        )
    return render(request, "showcase/league.html", context)


def grid_rating_summary(period):
    """Per community, its grids' quarterly ratings (星级评定) of ``period``: set by editors, shown beside
    the ticket figures and not part of the score. A list of dicts, communities with the most stars first."""
    from services.places.ratings import grid_ratings

    communities = {}
    for row in grid_ratings(period.code):  # the code: Period.end is exclusive, quarters_of reads it inclusive
        entry = communities.setdefault(row.community_id, {"name": row.community, "ratings": [], "grids": set()})
        entry["ratings"].append(row)
        entry["grids"].add(row.grid_id)
    summary = []
    for entry in communities.values():
        stars = [row.stars for row in entry["ratings"]]
        summary.append(
            {
                "name": entry["name"],
                "grids": len(entry["grids"]),
                "average": round(sum(stars) / len(stars), 1),
                "ratings": sorted(entry["ratings"], key=lambda row: (row.grid_code, row.year, row.quarter)),
            }
        )
    summary.sort(key=lambda entry: (-entry["average"], entry["name"]))
    return summary


LEAGUE_CSV_COLUMNS = [
    ("rank", pgettext_lazy("league", "Rank")),
    ("name", pgettext_lazy("league", "Name")),
    ("received", pgettext_lazy("league", "Tickets received")),
    ("dispatched", pgettext_lazy("league", "Dispatched")),
    ("acknowledged", pgettext_lazy("league", "Acknowledged in time")),
    ("ack_rate", pgettext_lazy("league", "Acknowledgement rate (%)")),
    ("due", pgettext_lazy("league", "Tickets due")),
    ("on_time", pgettext_lazy("league", "Closed on time")),
    ("on_time_rate", pgettext_lazy("league", "On-time rate (%)")),
    ("rated", pgettext_lazy("league", "Rated")),
    ("satisfied", pgettext_lazy("league", "Satisfied")),
    ("satisfaction", pgettext_lazy("league", "Satisfaction (%)")),
    ("reopened", pgettext_lazy("league", "Reopened")),
    ("reopen_rate", pgettext_lazy("league", "Reopen rate (%)")),
    ("median_days", pgettext_lazy("league", "Median time to close (days)")),
    ("score", pgettext_lazy("league", "Score")),
    ("previous_rank", pgettext_lazy("league", "Rank in the previous period")),
    ("change_text", pgettext_lazy("league", "Change")),
]


@require_http_methods(["GET", "HEAD"])
def league_csv(request, kind):
    """The league table as CSV (UTF-8 with BOM; cells that would start a spreadsheet formula are quoted)."""
    context = _league_context(request, kind)
    if "error" in context:
        return HttpResponse(context["error"], status=400, content_type="text/plain; charset=utf-8")
    period = context["period"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{period.code}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(pgettext("league", "Period")), *(str(label) for _key, label in LEAGUE_CSV_COLUMNS)])
    for row in context["data"]["rows"]:
        cells = ["" if row.get(key) is None else row[key] for key, _label in LEAGUE_CSV_COLUMNS]
        writer.writerow([spreadsheet_safe(str(cell)) for cell in [period.label, *cells]])
    return response
