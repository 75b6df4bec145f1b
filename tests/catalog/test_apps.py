from django.utils import translation

from home import registry
from services.catalog.models import Project


def _unit(key):
    return str(next(f for f in registry._FIGURES if f.key == key).unit)


def test_project_verbose_name_is_a_noun_not_a_unit_word():
    with translation.override("zh-hans"):
        assert str(Project._meta.verbose_name_plural) == "项目"


def test_home_figure_units_are_counters():
    with translation.override("zh-hans"):
        assert _unit("catalog_projects_done") == "个"
        assert _unit("catalog_guides") == "项"
