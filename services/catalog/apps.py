from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def count_guides():
    """Live service guides for the home page's figures strip."""
    from services.catalog.models import ServiceGuidePage

    return ServiceGuidePage.objects.live().public().count()


def count_completed_projects():
    """三单制 projects completed, for the home page's figures strip."""
    from services.catalog.models import ProgressStatus, Project

    return Project.objects.filter(status=ProgressStatus.DONE).count()


class CatalogConfig(AppConfig):
    name = "services.catalog"
    label = "catalog"
    verbose_name = _("Services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.registry import register_home_figure
        from portal.ground import content_version

        from .models import Need, UsefulnessVote

        # Guides, lists and projects are public; a resident's need only once an editor reviewed it.
        # '这个页面有用吗' answers are read only in the admin: an answer must not empty the page cache.
        content_version.watch(*(model for model in self.get_models() if model not in (Need, UsefulnessVote)))
        content_version.watch(Need, public=Need.is_reviewed)

        register_home_figure(
            "catalog_guides",
            _("Service guides online"),
            pgettext_lazy("catalog unit", "items"),
            count_guides,
            url="/services/",
            order=20,
        )
        register_home_figure(
            "catalog_projects_done",
            _("Needs met through projects"),
            pgettext_lazy("catalog unit", "projects"),
            count_completed_projects,
            url="/services/projects/?status=done",
            order=60,
        )
