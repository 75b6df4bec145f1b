from django.utils import translation

from home import registry
from services.places.models import Grid, StationPage


def _unit(key):
    return str(next(f for f in registry._FIGURES if f.key == key).unit)


def test_verbose_names_read_as_nouns_not_unit_words():
    with translation.override("zh-hans"):
        assert str(Grid._meta.verbose_name_plural) == "网格"
        assert str(StationPage._meta.verbose_name_plural) == "服务站点"


def test_home_figure_units_are_counters():
    with translation.override("zh-hans"):
        assert _unit("stations") == "个"
        assert _unit("grids") == "个"
        assert _unit("grid_workers") == "人"
