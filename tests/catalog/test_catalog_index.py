"""The /services/ catalog: counts per community and type, filters, pinyin order, bad input."""

import pytest

from .factories import CommunityFactory, ServiceGuidePageFactory


@pytest.fixture
def communities(db):
    return CommunityFactory(name="柳荫社区", slug="liuyin"), CommunityFactory(name="望湖社区", slug="wanghu")


@pytest.fixture
def guides(catalog, categories, item_types, communities):
    liuyin, wanghu = communities

    def make(title, category, kind, only=(), **extra):
        guide = ServiceGuidePageFactory(
            parent=catalog, title=title, category=categories[category], item_type=item_types[kind], **extra
        )
        if only:
            guide.communities = list(only)
        guide.save_revision().publish()
        return guide

    return {
        "zui": make("最低生活保障申请", "hukou", "duty"),
        "can": make("残疾人证申领", "elderly", "duty", only=[liuyin]),
        "gao": make("高龄津贴申领", "elderly", "assisted"),
        "ju": make("居住证申领", "hukou", "assisted", only=[wanghu]),
        "qin": make("亲属关系证明", "hukou", "refused", alternative="凭户口簿或到公证处办理亲属关系公证。"),
    }


def test_catalog_lists_guides_in_pinyin_order_with_letter_groups(client, guides):
    html = client.get("/services/").content.decode()
    positions = [html.index(title) for title in ["残疾人证申领", "高龄津贴申领", "居住证申领", "最低生活保障申请"]]
    assert positions == sorted(positions)
    assert 'id="initial-C"' in html and 'id="initial-Z"' in html


def test_type_counts_per_community(client, guides):
    district = client.get("/services/").context
    assert [(t.kind, n) for t, n in district["type_counts"]] == [("duty", 2), ("assisted", 2), ("refused", 1)]
    liuyin = client.get("/services/?community=liuyin")
    assert [(t.kind, n) for t, n in liuyin.context["type_counts"]] == [("duty", 2), ("assisted", 1), ("refused", 1)]
    html = liuyin.content.decode()
    assert "柳荫社区：依法履职事项 2项 · 协助办理事项 1项 · 不出具证明 1项" in html
    assert "居住证申领" not in html.split('id="guides-title"')[1]  # only in 望湖社区


def test_community_table_shows_every_community(client, guides):
    rows = client.get("/services/").context["community_table"]
    counts = {row["community"].slug: [n for _t, n in row["counts"]] for row in rows}
    assert counts == {"liuyin": [2, 1, 1], "wanghu": [1, 2, 1]}


def test_category_and_type_filters_and_counts(client, guides):
    response = client.get("/services/?category=hukou&type=assisted")
    assert [g.title for g in response.context["guides"]] == ["居住证申领"]
    counts = {c.slug: n for c, n in response.context["category_counts"]}
    assert counts == {"hukou": 1, "elderly": 1}


def test_refused_list_explains_what_to_do_instead(client, guides):
    html = client.get("/services/?type=refused").content.decode()
    assert "亲属关系证明" in html
    assert "凭户口簿或到公证处办理亲属关系公证。" in html


@pytest.mark.parametrize(
    "query",
    ["category=nope", "community=nowhere", "type=other", "community=%3Cscript%3E", "category=" + "x" * 5000],
)
def test_unknown_filters_give_an_empty_list_with_a_message(client, guides, query):
    response = client.get("/services/?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="alert alert--error"' in html
    assert list(response.context["guides"]) == []
    assert "<script>" not in html.split('id="main"')[1]


def test_sort_by_category_and_reviewed_and_bad_sort(client, guides):
    assert client.get("/services/?sort=category").status_code == 200
    assert client.get("/services/?sort=reviewed").status_code == 200
    assert client.get("/services/?sort=%27;drop").context["query"].sort == "pinyin"


def test_featured_strip_shows_live_guides_only(client, catalog, guides):
    from services.catalog.models import CatalogFeaturedGuide

    catalog.featured_guides = [
        CatalogFeaturedGuide(guide=guides["gao"], label="高龄津贴", sort_order=0),
        CatalogFeaturedGuide(guide=guides["zui"], sort_order=1),
    ]
    catalog.save_revision().publish()
    guides["zui"].unpublish()
    html = client.get("/services/").content.decode()
    strip = html.split('id="featured-title"')[1].split("</section>")[0]
    assert "高龄津贴" in strip and "最低生活保障申请" not in strip


def test_unpublished_guides_are_not_listed(client, guides):
    guides["gao"].unpublish()
    assert "高龄津贴申领" not in client.get("/services/").content.decode()


def test_quoted_title_is_indexed_under_its_first_syllable(client, catalog, categories, item_types):
    guide = ServiceGuidePageFactory(
        parent=catalog, title="“四点半课堂”报名", category=categories["elderly"], item_type=item_types["duty"]
    )
    guide.save_revision().publish()
    html = client.get("/services/").content.decode()
    assert 'id="initial-S"' in html and 'id="initial-#"' not in html
    assert html.index('id="initial-S"') < html.index("“四点半课堂”报名")


def test_polyphonic_titles_sort_where_residents_look_and_editors_can_correct_one(
    client, catalog, categories, item_types
):
    def make(title, **extra):
        guide = ServiceGuidePageFactory(
            parent=catalog, title=title, category=categories["elderly"], item_type=item_types["duty"], **extra
        )
        guide.save_revision().publish()
        return guide

    care = make("长护险待遇申请")
    bridge = make("单家桥社区助餐登记")  # 单 read shàn in this place name; no dictionary knows it
    assert care.pinyin_key.startswith("chang hu xian") and bridge.pinyin_key.startswith("dan")
    bridge.pinyin_override = "shàn jiā qiáo shè qū zhù cān dēng jì"
    bridge.save_revision().publish()
    bridge.refresh_from_db()
    assert bridge.pinyin_key == "shan jia qiao she qu zhu can deng ji"
    html = client.get("/services/").content.decode()
    assert html.index('id="initial-C"') < html.index("长护险待遇申请") < html.index('id="initial-S"')
    assert html.index('id="initial-S"') < html.index("单家桥社区助餐登记")
    assert 'id="initial-D"' not in html and 'id="initial-Z"' not in html


def test_editors_find_the_pinyin_field_on_the_promote_tab(admin_client, guides):
    response = admin_client.get(f"/admin/pages/{guides['ju'].pk}/edit/")
    assert response.status_code == 200 and 'name="pinyin_override"' in response.content.decode()
