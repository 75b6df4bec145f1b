from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Ticket events that change the public figures (closed count, reply time, satisfaction).
FIGURE_ACTIONS = frozenset({"close", "rate", "reply"})


def changes_public_figures(event):
    """True for a ticket event that changes the figures shown on the home page and the dashboards."""
    return event.action in FIGURE_ACTIONS


class FeedbackConfig(AppConfig):
    name = "services.feedback"
    label = "feedback"
    verbose_name = _("Resident feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home.registry import register_home_figure
        from portal.ground import content_version

        from . import league, stats
        from .models import Category, CategoryQuestion, Department, Ticket, TicketEvent

        # Categories and their questions are what residents choose from on the report form; closing,
        # rating and replying change the public figures. Submissions themselves change nothing public.
        content_version.watch(Category, CategoryQuestion)
        content_version.watch(TicketEvent, public=changes_public_figures)
        # The league tables (晾晒评议) count every ticket of a period: any saved ticket renews its year.
        post_save.connect(league.ticket_changed, sender=Ticket, dispatch_uid="league-ticket-save")
        post_delete.connect(league.ticket_changed, sender=Ticket, dispatch_uid="league-ticket-delete")
        post_save.connect(league.department_changed, sender=Department, dispatch_uid="league-department-save")
        post_delete.connect(league.department_changed, sender=Department, dispatch_uid="league-department-delete")

        register_home_figure(
            "feedback_closed",
            _("Resident reports closed (all time)"),
            pgettext_lazy("unit of tickets", "items"),
            stats.closed_count,
            "/feedback/public/",
            40,
        )
        register_home_figure(
            "feedback_satisfaction",
            _("Satisfaction with replies (all time)"),
            "%",
            stats.satisfaction_rate,
            "/feedback/public/",
            41,
        )
