"""Yes/no columns in the admin's lists read 是/否, never "True"/"False"."""

import re

import pytest

from tests.places.factories import CommunityFactory

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[120.14, 30.28], [120.16, 30.28], [120.16, 30.29], [120.14, 30.28]]]}


@pytest.mark.parametrize(
    "url",
    ["/admin/snippets/places/community/", "/admin/snippets/catalog/resource/"],
)
def test_boolean_columns_read_yes_or_no_in_chinese(admin_client, url, home_page):
    from services.catalog.models import Resource

    CommunityFactory(boundary=SQUARE)
    CommunityFactory(boundary=None)
    community = CommunityFactory()
    Resource.objects.create(title="助餐服务", provider="云溪区慈善总会", community=community)
    html = admin_client.get(url).content.decode()
    assert 'title="True"' not in html and 'title="False"' not in html
    assert not re.search(r">\s*(True|False)\s*<", html)
    assert re.search(r"\s是\s*</td>", html)
