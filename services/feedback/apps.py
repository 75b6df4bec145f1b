from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FeedbackConfig(AppConfig):
    name = "services.feedback"
    label = "feedback"
    verbose_name = _("Resident feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.registry import register_home_figure

        from . import stats

        register_home_figure(
            "feedback_closed",
            _("Resident reports closed"),
            pgettext_lazy("unit of tickets", "items"),
            stats.closed_count,
            "/feedback/public/",
            40,
        )
        register_home_figure(
            "feedback_satisfaction",
            _("Satisfaction with replies"),
            "%",
            stats.satisfaction_rate,
            "/feedback/public/",
            41,
        )
