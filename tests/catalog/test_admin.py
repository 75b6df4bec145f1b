"""Editors' admin: snippets for taxonomy and the three lists, the stale-guides report, guide editing."""

import datetime

import pytest

from .factories import (
    CommunityFactory,
    ItemTypeFactory,
    NeedFactory,
    ProjectFactory,
    ResourceFactory,
    ServiceCategoryFactory,
    ServiceGuidePageFactory,
)


@pytest.mark.parametrize(
    ("url", "shown", "hidden"),
    [
        ("/admin/snippets/catalog/servicecategory/", "社区养老", None),
        ("/admin/snippets/catalog/itemtype/", "依法履职事项", None),
        ("/admin/snippets/catalog/need/?moderation=pending", "待审核的需求", "已通过的需求"),
        ("/admin/snippets/catalog/resource/?kind=venue", "社区活动室", "志愿理发队"),
        ("/admin/snippets/catalog/project/?status=done", "已完成的项目", "进行中的项目"),
    ],
)
def test_admin_listings_show_only_the_filtered_rows(admin_client, catalog, url, shown, hidden):
    community = CommunityFactory()
    ServiceCategoryFactory(name="社区养老", slug="elderly-care")
    ItemTypeFactory()
    NeedFactory(community=community, moderation="pending", title="待审核的需求")
    NeedFactory(community=community, moderation="approved", title="已通过的需求")
    ResourceFactory(kind="venue", title="社区活动室")
    ResourceFactory(kind="volunteers", title="志愿理发队")
    ProjectFactory(community=community, status="done", title="已完成的项目")
    ProjectFactory(community=community, status="in_progress", title="进行中的项目")
    response = admin_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and shown in html
    if hidden:
        assert hidden not in html


def test_need_listing_filters_by_moderation(admin_client, catalog):
    community = CommunityFactory()
    NeedFactory(community=community, moderation="pending", title="待审核的需求")
    NeedFactory(community=community, moderation="approved", title="已公开的需求")
    html = admin_client.get("/admin/snippets/catalog/need/?moderation=pending").content.decode()
    assert "待审核的需求" in html and "已公开的需求" not in html


def test_editor_links_need_and_resource_into_project(admin_client, catalog):
    community = CommunityFactory()
    need = NeedFactory(community=community, status="open")
    resource = ResourceFactory()
    response = admin_client.post(
        "/admin/snippets/catalog/project/add/",
        {
            "title": "菜篮子代购",
            "summary": "志愿者每周代购。",
            "need": need.pk,
            "resource": resource.pk,
            "community": community.pk,
            "status": "claimed",
            "lead_unit": "",
            "start_date": "",
            "end_date": "",
            "beneficiaries": "0",
            "outcome": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    need.refresh_from_db()
    assert need.projects.get().resource == resource and need.status == "claimed"


def test_stale_guides_report_lists_guides_not_reviewed_for_a_year(admin_client, catalog, categories):
    old = ServiceGuidePageFactory(
        parent=catalog,
        title="很久没审核的指南",
        category=categories["hukou"],
        last_reviewed=datetime.date.today() - datetime.timedelta(days=400),
    )
    old.save_revision().publish()
    fresh = ServiceGuidePageFactory(parent=catalog, title="刚审核的指南", category=categories["hukou"])
    fresh.save_revision().publish()
    response = admin_client.get("/admin/reports/stale-guides/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "很久没审核的指南" in html and "刚审核的指南" not in html
    export = admin_client.get("/admin/reports/stale-guides/?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert "很久没审核的指南" in body.decode("utf-8-sig")


def test_guide_edit_form_opens(admin_client, catalog, categories):
    guide = ServiceGuidePageFactory(parent=catalog, category=categories["hukou"])
    assert admin_client.get(f"/admin/pages/{guide.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/add/catalog/serviceguidepage/{catalog.pk}/").status_code == 200
