"""The showcase demo content: enough pages, idempotent, linked to places communities when they exist."""

import pytest

from services.showcase import demo
from services.showcase.models import BrandProjectPage, CaseStudyPage, ModelCommunityPage

from .factories import CommunityFactory, StreetFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates_and_links_existing_communities(home_page):
    street = StreetFactory(name="柳荫街道", slug="liuyin")
    community = CommunityFactory(street=street, name="柳荫社区", slug="liuyin-sq")
    demo.load(home_page)
    counts = (CaseStudyPage.objects.count(), BrandProjectPage.objects.count(), ModelCommunityPage.objects.count())
    demo.load(home_page)
    assert counts == (
        CaseStudyPage.objects.count(),
        BrandProjectPage.objects.count(),
        ModelCommunityPage.objects.count(),
    )
    assert counts[0] >= 12 and counts[1] >= 10 and counts[2] >= 4
    assert CaseStudyPage.objects.live().count() == counts[0]
    assert ModelCommunityPage.objects.get(slug="liuyin").community == community
    case = CaseStudyPage.objects.get(slug="hongse-wuye-sanwu-xiaoqu")
    assert case.street == street and list(case.communities.all()) == [community]
    assert [change.text for _figure, change in case.key_figures()][0] == "19 → 3，下降 84.2%"
    assert all(page.lead_image_id for page in CaseStudyPage.objects.all())
