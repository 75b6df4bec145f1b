import pytest


@pytest.fixture
def station_index(home_page):
    """The /stations/ index page under the home page."""
    from services.places.models import StationIndexPage

    index = StationIndexPage(title="服务站点", slug="stations")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return StationIndexPage.objects.get(pk=index.pk)
