"""Wagtail's own admin search goes through the Chinese analysis (search/wagtail_backend.py)."""

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = pytest.mark.django_db


def test_backend_is_the_chinese_subclass():
    assert type(get_search_backend()).__name__.startswith("Chinese")


def test_admin_finds_pages_by_a_two_character_word(admin_client, corpus):
    assert "柳荫社区实行网格化管理" in [p.title for p in Page.objects.search("网格")]
    assert "黨群服務中心延長開放時間" in [p.title for p in Page.objects.search("党群")]
    response = admin_client.get("/admin/pages/search/", {"q": "網格"})
    assert response.status_code == 200
    assert "柳荫社区实行网格化管理" in response.content.decode()


def test_snippets_are_found_too(django_capture_on_commit_callbacks):
    from search.models import SearchTerm

    with django_capture_on_commit_callbacks(execute=True):
        SearchTerm.objects.create(term="骑手加油站", synonyms="外卖驿站")
    assert "骑手加油站" in [t.term for t in get_search_backend().search("驿站", SearchTerm)]


def test_admin_page_search_finds_body_text_and_synonyms(admin_client, news_index):
    from tests.search.conftest import publish_news

    publish_news(
        news_index,
        "dibao",
        "困难家庭救助申请指南",
        "符合条件的家庭可申请最低生活保障。",
        "申请人携带身份证到社区事务受理中心办理，审核通过后按月发放生活补助。",
        "notice",
        "2026-04-01",
    )
    # A word only in the body, and a synonym (低保 = 最低生活保障) the text never spells out.
    for word in ("受理中心", "低保"):
        assert "困难家庭救助申请指南" in [p.title for p in Page.objects.search(word)], word
        response = admin_client.get("/admin/pages/search/", {"q": word})
        assert "困难家庭救助申请指南" in response.content.decode(), word


@pytest.mark.parametrize(
    "q", ["a", "网", "ab", "*", '"', "AND", "OR NEAR(", "-网格", "😀", "網(wǎng)", "x" * 300, "1' OR '1'='1"]
)
def test_admin_searches_answer_any_input(admin_client, corpus, q):
    for url in ("/admin/pages/search/", "/admin/snippets/search/searchterm/", "/admin/images/", "/admin/documents/"):
        response = admin_client.get(url, {"q": q})
        assert response.status_code == 200, (url, q)


def test_the_searchable_text_of_every_model_is_declared_once():
    """The admin indexes one analysed text per model; its parts are declared by the search document (or
    ``admin_search_fields`` where the site's search does not show the model), not again in ``search_fields``."""
    from modelsearch.index import get_indexed_models

    from portal.ground.admin_search import TEXT_METHOD, AdminSearchable
    from search import registry

    wagtails_own = [f.field_name for f in Page.get_searchable_search_fields()]  # the page title, Wagtail's
    ours = [m for m in get_indexed_models() if not m._meta.app_label.startswith("wagtail")]
    assert len(ours) >= 15
    for model in ours:
        assert issubclass(model, AdminSearchable), model
        own = [f.field_name for f in model.get_searchable_search_fields()]
        if issubclass(model, Page):
            assert own[: len(wagtails_own)] == wagtails_own, model
            own = own[len(wagtails_own) :]
        assert own == [TEXT_METHOD], model
        has_document = registry.document_for(model) is not None
        assert has_document != bool(model.admin_search_fields), model  # one declaration, not two, not none


def test_admin_finds_a_guide_by_a_material_only_its_search_document_declares(admin_client, home_page):
    from django.core.management import call_command

    from tests.catalog.factories import CatalogIndexPageFactory, GuideMaterialFactory, ServiceGuidePageFactory

    catalog = CatalogIndexPageFactory(parent=home_page)
    guide = ServiceGuidePageFactory(parent=catalog, title="高龄津贴申领", summary="年满80周岁的老人可申领。")
    GuideMaterialFactory(guide=guide, name="户口簿原件", notes="核对后退还")
    GuideMaterialFactory(guide=guide, name="公租房租赁合同", notes="租住公房的老人提供")
    other = ServiceGuidePageFactory(parent=catalog, title="独生子女父母奖励", summary="符合条件的父母可申领。")
    guide.save_revision().publish()
    other.save_revision().publish()
    call_command("update_index", verbosity=0)  # what rebuild_search_index runs for the admin

    for word in ("户口簿", "公共租赁住房"):  # a material's word; a synonym of another's (公租房)
        html = admin_client.get("/admin/pages/search/", {"q": word}).content.decode()
        assert "高龄津贴申领" in html, word
        assert "独生子女父母奖励" not in html, word


def test_admin_snippet_search_finds_a_need_by_its_community_and_a_synonym(admin_client):
    from tests.catalog.factories import CommunityFactory, NeedFactory

    liuyin = CommunityFactory(name="柳荫社区", slug="liuyin-sq")
    NeedFactory(title="帮独居老人代办补助", description="想申请最低生活保障，行动不便。", community=liuyin)
    NeedFactory(title="楼道灯坏了", description="三单元楼道灯不亮。", community=CommunityFactory(name="枫林社区"))

    for word in ("低保", "柳荫社区"):  # a synonym the text never spells out; the community, from search_text()
        html = admin_client.get("/admin/snippets/catalog/need/", {"q": word}).content.decode()
        assert "帮独居老人代办补助" in html, word
        assert "楼道灯坏了" not in html, word


def test_admin_community_search_finds_its_grids_and_party_organisation(admin_client, communities):
    from services.places.models import Grid

    Grid.objects.create(community=communities[0], name="桂花苑网格", code="LY-01", compounds="桂花苑小区")
    communities[0].save()  # an editor saves the community: its admin entry is written again, grids included

    for word in ("桂花苑", "枫林社区委员会"):
        html = admin_client.get("/admin/snippets/places/community/", {"q": word}).content.decode()
        expected = "柳荫社区" if word == "桂花苑" else "枫林社区"
        assert f">{expected}<" in html or f"{expected}</a>" in html, word
        assert "远郊社区" not in html, word


def test_admin_image_and_document_search_match_part_of_a_title_and_synonyms(admin_client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from home.demo_images import get_or_create_demo_image

    get_or_create_demo_image("社区实行网格化管理现场", seed=1)
    get_or_create_demo_image("最低生活保障政策解读会", seed=2)
    document_model = get_document_model()
    for title in ("社区实行网格化管理办法", "最低生活保障申请表"):
        document_model.objects.create(title=title, file=ContentFile(b"%PDF-1.4", name="form.pdf"))

    for url, suffix in (("/admin/images/", "现场"), ("/admin/documents/", "办法")):
        html = admin_client.get(url, {"q": "网格"}).content.decode()
        assert f"社区实行网格化管理{suffix}" in html, url
        assert "最低生活保障" not in html, url
    for url, title in (("/admin/images/", "最低生活保障政策解读会"), ("/admin/documents/", "最低生活保障申请表")):
        html = admin_client.get(url, {"q": "低保"}).content.decode()
        assert title in html, url
        assert "网格化管理" not in html, url


def test_every_list_filter_of_an_indexed_snippet_works_with_a_search():
    """Wagtail filters before it searches: a filter the index does not know was a server error with a query."""
    from modelsearch.index import class_is_indexed
    from wagtail.snippets.models import get_snippet_models

    checked = 0
    for model in get_snippet_models():
        if not class_is_indexed(model):
            continue
        filterable = {f.get_attname(model) for f in model.get_filterable_search_fields()}
        list_filter = model.snippet_viewset.list_filter
        for name in list_filter if isinstance(list_filter, list | tuple) else []:
            attname = model._meta.get_field(name).attname if "__" not in name else name
            assert attname in filterable, f"{model.__name__}: list filter {name!r} is no index.FilterField"
            checked += 1
    assert checked >= 10


def test_admin_need_search_keeps_the_list_filters(admin_client):
    from tests.catalog.factories import CommunityFactory, NeedFactory

    liuyin = CommunityFactory(name="柳荫社区", slug="liuyin-sq")
    NeedFactory(title="帮独居老人代办补助", description="想申请最低生活保障。", community=liuyin, status="open")

    url = "/admin/snippets/catalog/need/"
    assert "帮独居老人代办补助" in admin_client.get(url, {"q": "低保", "status": "open"}).content.decode()
    response = admin_client.get(url, {"q": "低保", "status": "done", "community": liuyin.pk})
    assert response.status_code == 200
    assert "帮独居老人代办补助" not in response.content.decode()
