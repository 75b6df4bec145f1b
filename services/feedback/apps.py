from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _bump_content_version(sender, **kwargs):
    if kwargs.get("raw"):
        return
    from portal.ground import content_version

    content_version.bump()


class FeedbackConfig(AppConfig):
    name = "services.feedback"
    label = "feedback"
    verbose_name = _("Resident feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home.registry import register_home_figure

        from . import stats
        from .models import Category, CategoryQuestion

        # Categories and their questions are what residents choose from on the report form: public
        # content, cached per content version, so changing them bumps it (tickets do not).
        for model in (Category, CategoryQuestion):
            post_save.connect(_bump_content_version, sender=model, dispatch_uid=f"feedback-bump-save-{model.__name__}")
            post_delete.connect(
                _bump_content_version, sender=model, dispatch_uid=f"feedback-bump-delete-{model.__name__}"
            )

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
