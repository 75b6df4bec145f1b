from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _count_stations():
    from services.places.models import StationPage

    return StationPage.objects.live().public().count()


def _count_grids():
    from services.places.models import Grid

    return Grid.objects.count()


def _count_grid_workers():
    from services.places.models import GridWorker

    return GridWorker.objects.filter(role=GridWorker.Role.GRID_WORKER).count()


class PlacesConfig(AppConfig):
    name = "services.places"
    label = "places"
    verbose_name = _("Places and stations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.registry import register_home_figure
        from portal.ground import content_version

        # Streets, communities, grids, workers, stations and their hours: every row is public.
        content_version.watch(*self.get_models())

        register_home_figure(
            "stations",
            _("Service stations"),
            pgettext_lazy("places unit", "stations"),
            _count_stations,
            url="/stations/",
            order=10,
        )
        register_home_figure(
            "grids", _("Grids"), pgettext_lazy("places unit", "grids"), _count_grids, url="/grid-worker/", order=11
        )
        register_home_figure(
            "grid_workers",
            _("Grid workers"),
            pgettext_lazy("places unit", "people"),
            _count_grid_workers,
            url="/grid-worker/",
            order=12,
        )
