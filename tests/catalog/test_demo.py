"""The catalog's demo content: enough, realistic, idempotent."""

from services.catalog import demo
from services.catalog.models import (
    ItemType,
    Need,
    Project,
    Resource,
    ServiceCategory,
    ServiceGuidePage,
    StepByStepPage,
)


def test_demo_loads_enough_content_and_is_idempotent(home_page, client):
    demo.load(home_page)
    counts = [
        ServiceGuidePage.objects.live().count(),
        ServiceCategory.objects.count(),
        StepByStepPage.objects.live().count(),
        Need.objects.count(),
        Resource.objects.count(),
        Project.objects.count(),
    ]
    assert counts[0] >= 40 and counts[1] >= 8 and counts[2] == 2
    assert min(counts[3:]) >= 10
    assert (
        set(ServiceGuidePage.objects.values_list("item_type__kind", flat=True))
        == set(ItemType.objects.values_list("kind", flat=True))
        == {"duty", "assisted", "refused"}
    )
    assert ServiceGuidePage.objects.filter(materials__isnull=False).distinct().count() >= 35

    demo.load(home_page)
    assert counts == [
        ServiceGuidePage.objects.live().count(),
        ServiceCategory.objects.count(),
        StepByStepPage.objects.live().count(),
        Need.objects.count(),
        Resource.objects.count(),
        Project.objects.count(),
    ]

    response = client.get("/services/")
    assert response.status_code == 200
    assert "新生儿出生一件事" in response.content.decode()
    assert client.get("/services/needs/").status_code == 200


def test_home_figures_count_live_guides_and_completed_projects(home_page):
    from services.catalog.apps import count_completed_projects, count_guides

    demo.load(home_page)
    assert count_guides() == ServiceGuidePage.objects.live().public().count() >= 40
    assert count_completed_projects() == Project.objects.filter(status="done").count() > 0
