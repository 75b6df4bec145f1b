"""Wagtail API v2: guides and the catalog as JSON a mini-program can render without parsing HTML."""

import pytest

from services.catalog.models import CatalogFeaturedGuide, GuideMaterial, GuideStep

from .factories import CommunityFactory, ServiceGuidePageFactory


@pytest.fixture
def guide(catalog, categories, item_types):
    page = ServiceGuidePageFactory(
        parent=catalog,
        title="高龄津贴申领",
        slug="longevity",
        category=categories["elderly"],
        item_type=item_types["assisted"],
        eligibility="本区户籍\n年满80周岁",
        fee="不收费",
        time_limit_days=10,
        legal_basis="《中华人民共和国老年人权益保障法》",
    )
    page.materials = [GuideMaterial(name="居民身份证", form="original", copies=1, sort_order=0)]
    page.steps = [GuideStep(title="提出申请", where="社区服务窗口", duration="10分钟", sort_order=0)]
    page.communities = [CommunityFactory(name="柳荫社区", slug="liuyin")]
    page.save_revision().publish()
    return page


def test_guide_detail_has_structured_fields(client, guide):
    data = client.get(f"/api/v2/pages/{guide.pk}/").json()
    assert data["category"] == {"name": "养老服务", "slug": "elderly", "icon": "老"}
    assert data["item_type"]["kind"] == "assisted"
    assert data["eligibility_list"] == ["本区户籍", "年满80周岁"]
    assert data["materials"][0]["name"] == "居民身份证"
    assert data["materials"][0]["form"] == "original" and data["materials"][0]["form_label"] == "原件"
    assert data["steps"][0] == {
        "id": data["steps"][0]["id"],
        "meta": {"type": "catalog.GuideStep"},
        "title": "提出申请",
        "description": "",
        "where": "社区服务窗口",
        "duration": "10分钟",
    }
    assert data["fee"] == "不收费" and data["time_limit_days"] == 10 and data["time_limit_text"] == "10个工作日"
    assert data["legal_basis_list"] == ["《中华人民共和国老年人权益保障法》"]
    assert data["communities"] == [{"name": "柳荫社区", "slug": "liuyin"}]
    assert data["stations"] == []


def test_guide_listing_can_request_fields(client, guide):
    data = client.get("/api/v2/pages/?type=catalog.ServiceGuidePage&fields=materials,fee,time_limit_days").json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["fee"] == "不收费" and item["materials"][0]["copies"] == 1


def test_catalog_api_has_counts_and_featured_guides(client, catalog, guide):
    catalog.featured_guides = [CatalogFeaturedGuide(guide=guide, label="高龄津贴", sort_order=0)]
    catalog.save_revision().publish()
    data = client.get(f"/api/v2/pages/{catalog.pk}/").json()
    assert data["featured_guides"][0]["label"] == "高龄津贴"
    assert data["featured_guides"][0]["guide"]["id"] == guide.pk
    categories = {c["slug"]: c["count"] for c in data["catalog"]["categories"]}
    assert categories == {"hukou": 0, "elderly": 1}
    assert [(t["kind"], t["count"]) for t in data["catalog"]["item_types"]] == [
        ("duty", 0),
        ("assisted", 1),
        ("refused", 0),
    ]


def test_unknown_field_is_a_json_400(client, guide):
    response = client.get("/api/v2/pages/?type=catalog.ServiceGuidePage&fields=contact_secret")
    assert response.status_code == 400
    assert "message" in response.json()
