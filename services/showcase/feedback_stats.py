"""The tickets section of the dashboard, from the feedback app's public figures."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from services.feedback.models import Ticket
from services.feedback.stats import feedback_figures

from .sections import DashboardSection


def ticket_figures():
    """Tickets received, closed, open and overdue, average reply time and satisfaction; tickets by category."""
    figures = feedback_figures()
    counts = (
        Ticket.objects.filter(hidden=False)
        .values("category__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__name")
    )
    rows = [(row["category__name"] or str(_("Unspecified")), row["n"]) for row in counts]
    not_yet = "—"
    reply = figures.get("avg_reply_hours")
    satisfaction = figures.get("satisfaction_rate")
    return DashboardSection(
        key="tickets",
        title=_("Residents' reports by category"),
        unit=_("tickets (unit)"),
        rows=rows,
        totals=[
            (_("Tickets received"), figures.get("received", 0), _("tickets (unit)")),
            (_("Tickets closed"), figures.get("closed", 0), _("tickets (unit)")),
            (_("Tickets being handled"), figures.get("open", 0), _("tickets (unit)")),
            (_("Tickets overdue"), figures.get("overdue", 0), _("tickets (unit)")),
            (_("Average time to first reply"), reply if reply is not None else not_yet, _("hours")),
            (_("Satisfaction (all time)"), satisfaction if satisfaction is not None else not_yet, "%"),
        ],
        note=_("Satisfaction counts 满意 and 基本满意 among the tickets residents rated."),
    )
