import pytest

from services.participation import sms


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def station(home_page):
    from services.places.models import StationIndexPage
    from tests.places.factories import make_station

    index = StationIndexPage(title="服务站点", slug="stations")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return make_station(index, title="柳荫社区党群服务中心")


def last_code():
    """The six digits of the last text message sent."""
    import re

    return re.search(r"\d{6}", sms.outbox[-1][1]).group()
