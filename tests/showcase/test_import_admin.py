"""Importing reports in the admin: upload, preview with detected fields and dropped lines, correct, import."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from home.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

MESSY = (
    "欢迎访问云溪区人民政府网站\n记者 林晓雨\n湖滨社区开展安全入户检查\n来源：湖滨社区居委会网站 | 2024-03-02 10:00:00\n"
    "社区组织志愿者为独居老人上门检查燃气和电线。\n下一步将每月开展一次。\n责任编辑：陈思远\n"
)
TRADITIONAL = "望湖社區舉辦網(wǎng)格員培訓\n2024年03月05日 來源：望湖街道辦事處\n培訓圍繞入戶走訪和矛盾調解展開。\n"


@pytest.fixture
def news_index(home_page):
    """The news section under a site with a moderation workflow, as Wagtail's migrations set up a new site.

    (A transactional test elsewhere in the run flushes the rows those migrations made.)
    """
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    if home_page.get_workflow() is None:
        task = GroupApprovalTask.objects.create(name="审核")
        task.groups.set([Group.objects.get_or_create(name="Moderators")[0]])
        workflow = Workflow.objects.create(name="审核发布")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=home_page)
    index = NewsIndexPage(title="新闻动态", slug="news")
    home_page.add_child(instance=index)
    return index


def upload(client, *files):
    response = client.post(
        reverse("showcase_import:upload"),
        {"kind": "news", "files": [SimpleUploadedFile(name, text.encode("utf-8")) for name, text in files]},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def formset_data(page):
    """The preview's form fields as the browser would post them back."""
    html = page.content.decode()
    data = dict(re.findall(r'name="(form-[^"]+|csrfmiddlewaretoken)"[^>]*?value="([^"]*)"', html))
    for name in re.findall(r'type="checkbox" name="(form-\d+-include)"[^>]*checked', html):
        data[name] = "on"
    return data


def test_upload_preview_correct_and_import_as_drafts(admin_client, news_index):
    preview_url = upload(admin_client, ("messy.txt", MESSY), ("trad.txt", TRADITIONAL))
    page = admin_client.get(preview_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="湖滨社区开展安全入户检查"' in html and 'value="湖滨社区居委会"' in html
    assert 'value="望湖社区举办网格员培训"' in html, "Traditional script is shown converted"
    assert "欢迎访问云溪区人民政府网站" in html and "责任编辑：陈思远" in html, "dropped lines are listed"
    assert "从繁体转换为简体" in html, "how each field was found is shown in Chinese"

    data = formset_data(page)
    data["form-1-title"] = "望湖社区举办网格员业务培训"  # the editor corrects a title
    done = admin_client.post(preview_url, data)
    assert done.status_code == 200
    pages = {p.title: p for p in NewsPage.objects.all()}
    assert set(pages) == {"湖滨社区开展安全入户检查", "望湖社区举办网格员业务培训"}
    messy = pages["湖滨社区开展安全入户检查"]
    assert not messy.live and messy.author == "林晓雨" and str(messy.date) == "2024-03-02"
    assert messy.workflow_in_progress, "imported drafts go to moderation"
    assert "责任编辑" not in str(messy.body.render_as_block())


def test_importing_the_same_report_again_updates_the_draft(admin_client, news_index):
    for _round in range(2):
        preview_url = upload(admin_client, ("messy.txt", MESSY))
        admin_client.post(preview_url, formset_data(admin_client.get(preview_url)))
    assert NewsPage.objects.filter(title="湖滨社区开展安全入户检查").count() == 1


def test_a_bad_file_is_reported_and_the_others_still_preview(admin_client, news_index):
    preview_url = upload(admin_client, ("empty.txt", ""), ("messy.txt", MESSY))
    html = admin_client.get(preview_url).content.decode()
    assert "empty.txt：文件是空的。" in html and 'value="湖滨社区开展安全入户检查"' in html


def test_an_unsupported_file_is_refused_in_chinese(admin_client, news_index):
    response = admin_client.post(
        reverse("showcase_import:upload"),
        {"kind": "news", "files": [SimpleUploadedFile("photo.exe", b"MZ")]},
    )
    assert response.status_code == 200 and "不是支持的文件类型" in response.content.decode()


def test_a_preview_belongs_to_the_editor_who_uploaded(admin_client, news_index, client, django_user_model):
    preview_url = upload(admin_client, ("messy.txt", MESSY))
    other = django_user_model.objects.create_superuser("other", "o@example.cn", "pw-other-123")
    client.force_login(other)
    assert client.get(preview_url).status_code == 404


def test_editors_without_permission_to_add_news_cannot_import(client, news_index, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", "r@example.cn", "pw-reader-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("showcase_import:upload"), follow=True)
    assert 'name="files"' not in response.content.decode()
    client.post(
        reverse("showcase_import:upload"), {"kind": "news", "files": [SimpleUploadedFile("a.txt", MESSY.encode())]}
    )
    assert NewsPage.objects.count() == 0
