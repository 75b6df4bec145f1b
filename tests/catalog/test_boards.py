"""The three lists: public boards with filters, the moderated need form, project ↔ need status."""

import uuid

import pytest

from services.catalog.models import Need

from .factories import CommunityFactory, NeedFactory, ProjectFactory, ResourceFactory

BOARD_FILTERS = {"needs": {"status", "category"}, "resources": {"kind"}, "projects": {"status"}}


@pytest.fixture
def communities(db):
    return CommunityFactory(name="柳荫社区", slug="liuyin"), CommunityFactory(name="望湖社区", slug="wanghu")


def test_needs_board_shows_approved_needs_without_contact_details(client, catalog, communities):
    NeedFactory(title="楼道扶手加装", community=communities[0], contact_name="王阿姨", contact_phone="13912345678")
    NeedFactory(title="待审核的需求", community=communities[0], moderation="pending")
    NeedFactory(title="不予公开的需求", community=communities[0], moderation="rejected")
    html = client.get("/services/needs/").content.decode()
    assert "楼道扶手加装" in html
    assert "待审核的需求" not in html and "不予公开的需求" not in html
    assert "13912345678" not in html and "王阿姨" not in html


def test_needs_board_filters_by_community_status_and_category(client, catalog, communities):
    NeedFactory(title="柳荫的需求", community=communities[0], status="open", category="elderly")
    NeedFactory(title="望湖的需求", community=communities[1], status="done", category="children")
    html = client.get("/services/needs/?community=wanghu").content.decode()
    assert "望湖的需求" in html and "柳荫的需求" not in html
    html = client.get("/services/needs/?status=open&category=elderly").content.decode()
    assert "柳荫的需求" in html and "望湖的需求" not in html


@pytest.mark.parametrize("board", ["needs", "resources", "projects"])
@pytest.mark.parametrize("query", ["community=nowhere", "status=<b>x</b>", "kind=rocket", "page=abc", "page=99999"])
def test_boards_handle_bad_filters_without_errors(client, catalog, communities, board, query):
    NeedFactory(community=communities[0])
    ResourceFactory(community=communities[0])
    ProjectFactory(community=communities[0])
    response = client.get(f"/services/{board}/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<b>x</b>" not in html
    key = query.split("=")[0]
    if key == "community" or key in BOARD_FILTERS[board]:
        assert 'class="alert alert--error"' in html


def test_resources_board_filters_by_kind_and_shows_district_wide(client, catalog, communities):
    ResourceFactory(title="专家义诊", kind="professional", community=None)
    ResourceFactory(title="银行活动室", kind="venue", community=communities[1])
    html = client.get("/services/resources/?kind=professional").content.decode()
    assert "专家义诊" in html and "全区" in html and "银行活动室" not in html


def test_projects_board_shows_match_and_status(client, catalog, communities):
    need = NeedFactory(title="老人买菜难", community=communities[0])
    resource = ResourceFactory(title="青年志愿服务队", provider="城投集团团委")
    ProjectFactory(title="菜篮子代购", need=need, resource=resource, community=communities[0], status="done")
    html = client.get("/services/projects/?status=done").content.decode()
    assert "菜篮子代购" in html and "老人买菜难" in html and "青年志愿服务队" in html and "已完成" in html


def test_project_moves_its_need_forward_but_never_back(communities):
    need = NeedFactory(community=communities[0], status="open")
    project = ProjectFactory(need=need, community=communities[0], status="in_progress")
    need.refresh_from_db()
    assert need.status == "in_progress"
    project.status = "claimed"
    project.save()
    need.refresh_from_db()
    assert need.status == "in_progress"


def valid_need(where, **extra):
    data = {
        "title": "小区需要电动车充电棚",
        "description": "楼道充电有安全隐患，希望增设集中充电点。",
        "community": where.pk,
        "category": "environment",
        "contact_name": "李先生",
        "contact_phone": "139 1234 5678",
        "submission_token": str(uuid.uuid4()),
        "website": "",
    }
    data.update(extra)
    return data


def test_need_form_creates_a_pending_need_and_shows_the_reference(
    client, catalog, communities, django_capture_on_commit_callbacks
):
    response = client.post("/services/needs/new/", valid_need(communities[0]), follow=True)
    need = Need.objects.get()
    assert need.moderation == "pending" and need.source == "resident"
    assert need.contact_phone == "13912345678"
    assert need.reference.startswith("XQ")
    assert need.reference in response.content.decode()
    assert "小区需要电动车充电棚" not in client.get("/services/needs/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the approval commits: cached boards refresh
        need.moderation = "approved"
        need.save()
    assert "小区需要电动车充电棚" in client.get("/services/needs/").content.decode()


def test_double_submit_creates_one_need(client, catalog, communities):
    data = valid_need(communities[0])
    first = client.post("/services/needs/new/", data)
    second = client.post("/services/needs/new/", data)
    assert first.status_code == second.status_code == 302
    assert Need.objects.count() == 1


def test_missing_fields_are_explained_in_chinese_and_input_is_kept(client, catalog, communities):
    data = valid_need(communities[0], title="", community="", contact_phone="12")
    response = client.post("/services/needs/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写需求标题。" in html
    assert "请选择所在社区。" in html
    assert "请填写11位手机号码，或带区号的固定电话。" in html
    assert "楼道充电有安全隐患" in html  # what the resident typed is kept
    assert data["submission_token"] in html
    assert not Need.objects.exists()


def test_overlong_text_is_refused_with_a_clear_message(client, catalog, communities):
    response = client.post("/services/needs/new/", valid_need(communities[0], description="长" * 5000))
    assert response.status_code == 400
    assert "5000" in response.content.decode()  # Django's message names the length typed
    assert not Need.objects.exists()


def test_html_in_text_is_stored_and_shown_escaped(client, catalog, communities):
    script = "<script>alert(1)</script>需要帮助"
    client.post("/services/needs/new/", valid_need(communities[0], title=script[:60], description=script))
    need = Need.objects.get()
    need.moderation = "approved"
    need.save()
    html = client.get("/services/needs/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;需要帮助" in html


def test_honeypot_need_is_not_saved(client, catalog, communities):
    response = client.post("/services/needs/new/", valid_need(communities[0], website="buy now"))
    assert response.status_code == 302
    assert not Need.objects.exists()


def test_unknown_community_id_is_a_form_error(client, catalog, communities):
    response = client.post("/services/needs/new/", valid_need(communities[0], community="999999"))
    assert response.status_code == 400
    assert "请从列表中选择社区。" in response.content.decode()


def test_thanks_page_without_a_submission(client, catalog):
    html = client.get("/services/needs/thanks/").content.decode()
    assert "没有找到从这个浏览器提交的需求" in html


def test_references_are_sequential_per_day(communities):
    first = NeedFactory(community=communities[0])
    second = NeedFactory(community=communities[0])
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1


def test_search_text_of_the_lists_never_contains_contact_details(communities):
    need = NeedFactory(title="楼道灯坏了", community=communities[0], contact_name="王阿姨", contact_phone="13912345678")
    text = need.search_text()
    assert "楼道灯坏了" in text and "柳荫社区" in text
    assert "13912345678" not in text and "王阿姨" not in text
    assert "区人民医院" in ResourceFactory().search_text()
    assert "需求与资源对接" in ProjectFactory(community=communities[0]).search_text()


def test_project_page_shows_need_resource_community_and_status_history(client, catalog, communities):
    need = NeedFactory(title="老人买菜难", description="独居老人希望有人代购蔬菜。", community=communities[0])
    resource = ResourceFactory(title="青年志愿服务队", provider="城投集团团委", public_contact="团委办公室")
    project = ProjectFactory(
        title="菜篮子代购", need=need, resource=resource, community=communities[0], status="open", lead_unit="柳荫社区"
    )
    project.status = "in_progress"
    project.save()
    board = client.get("/services/projects/").content.decode()
    assert f'href="/services/projects/{project.pk}/"' in board
    html = client.get(f"/services/projects/{project.pk}/").content.decode()
    for text in [
        "菜篮子代购",
        "实施中",
        "柳荫社区",
        "老人买菜难",
        "独居老人希望有人代购蔬菜。",
        "青年志愿服务队",
        "城投集团团委",
    ]:
        assert text in html, text
    history = html.split('class="status-history"')[1].split("</ol>")[0]
    assert history.index("征集中") < history.index("实施中")
    assert "13912345678" not in html and "王阿姨" not in html


def test_project_page_hides_the_text_of_an_unapproved_need(client, catalog, communities):
    need = NeedFactory(
        title="待审核的需求", description="还没审核的描述", community=communities[0], moderation="pending"
    )
    project = ProjectFactory(need=need, resource=None, community=communities[0])
    html = client.get(f"/services/projects/{project.pk}/").content.decode()
    assert "还没审核的描述" not in html and "13912345678" not in html
    assert "暂无资源认领该项目" in html


def test_unknown_project_is_404(client, catalog):
    assert client.get("/services/projects/999999/").status_code == 404
    assert client.get("/services/projects/abc/").status_code == 404


def test_project_status_history_records_changes_only(communities):
    project = ProjectFactory(community=communities[0], status="open")
    project.title = "改名"
    project.save()
    project.status = "done"
    project.save()
    assert [c.status for c in project.status_changes.all()] == ["open", "done"]
