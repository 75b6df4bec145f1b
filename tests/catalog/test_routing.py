"""Sub-routes of the catalog's pages resolve the same whether routing comes from the cache or not."""

import pytest

from .factories import ServiceGuidePageFactory


@pytest.fixture
def guide(catalog, categories, item_types):
    page = ServiceGuidePageFactory(parent=catalog, title="居住证明开具", slug="residence", category=categories["hukou"])
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("_visit", ["first", "cached"])
def test_every_sub_route_serves_its_own_view(client, guide, _visit):
    if _visit == "cached":
        for url in ["/services/", "/services/needs/", "/services/residence/", "/services/residence/print/"]:
            client.get(url)
    assert 'id="community-table-title"' in client.get("/services/").content.decode()
    assert 'class="print-toolbar' in client.get("/services/residence/print/").content.decode()
    assert 'id="guide-title"' in client.get("/services/residence/").content.decode()
    html = client.get("/services/residence/").content.decode()
    assert "print-toolbar" not in html and 'id="page-useful"' in html
    assert "需求清单" in client.get("/services/needs/").content.decode()
    assert client.get("/services/residence/useful/").status_code == 302
    assert client.get("/services/residence/nothing-here/").status_code == 404
    assert client.get("/services/no-such-guide/").status_code == 404


def test_a_guide_whose_slug_is_not_a_sub_route_is_still_found(client, guide):
    assert client.get("/services/residence/").status_code == 200
    assert client.get(guide.url + "print/").status_code == 200
