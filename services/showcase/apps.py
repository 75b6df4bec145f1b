from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def count_case_studies():
    """Live public case studies, for the home page's figures strip."""
    from .models import CaseStudyPage

    return CaseStudyPage.objects.live().public().count()


class ShowcaseConfig(AppConfig):
    name = "services.showcase"
    label = "showcase"
    verbose_name = _("Showcase")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.registry import register_home_figure
        from portal.ground import content_version

        content_version.watch(*self.get_models())

        register_home_figure("showcase_cases", _("Typical cases"), _("cases (unit)"), count_case_studies, "/cases/", 60)
