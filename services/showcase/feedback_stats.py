"""The tickets section of the dashboard, read from the feedback app's stats module once it exists."""

import importlib

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .links import optional_model


def _stats_module():
    try:
        return importlib.import_module("services.feedback.stats")
    except ModuleNotFoundError as exc:
        if exc.name != "services.feedback.stats":
            raise
        return None


def ticket_figures():
    """Tickets received, closed, open and overdue, average reply time and satisfaction; tickets by category.

    None while the feedback app has no ``stats.feedback_figures``.
    """
    from .dashboard import DashboardSection

    module = _stats_module()
    if module is None or not hasattr(module, "feedback_figures"):
        return None
    figures = module.feedback_figures()
    rows = []
    ticket_model = optional_model("feedback", "Ticket")
    if ticket_model is not None and any(f.name == "category" for f in ticket_model._meta.get_fields()):
        counts = (
            ticket_model.objects.filter(hidden=False)
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
