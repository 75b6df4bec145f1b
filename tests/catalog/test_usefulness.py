"""'这个页面有用吗': anonymous answers, honeypot, one answer per session, masking, admin counts."""

import pytest

from services.catalog.models import UsefulnessVote

from .factories import ServiceGuidePageFactory


@pytest.fixture
def guide(catalog, categories, item_types):
    page = ServiceGuidePageFactory(parent=catalog, title="居住证申领", slug="permit", category=categories["hukou"])
    page.save_revision().publish()
    return page


def test_yes_answer_is_recorded_and_thanks_shown(client, guide):
    response = client.post("/services/permit/useful/", {"useful": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == "/services/permit/?useful=thanks#page-useful"
    assert "感谢您的反馈" in response.content.decode()
    vote = UsefulnessVote.objects.get()
    assert vote.page_id == guide.pk and vote.useful is True and vote.missing == ""


def test_no_answer_keeps_the_note_with_personal_data_masked(client, guide):
    client.post("/services/permit/useful/", {"useful": "no", "missing": "没写周末能不能办，我电话13912345678"})
    vote = UsefulnessVote.objects.get()
    assert vote.useful is False
    assert "13912345678" not in vote.missing and "139****5678" in vote.missing


def test_honeypot_drops_spam_silently(client, guide):
    response = client.post("/services/permit/useful/", {"useful": "yes", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not UsefulnessVote.objects.exists()


def test_one_answer_per_session_and_page(client, guide):
    client.post("/services/permit/useful/", {"useful": "yes"})
    client.post("/services/permit/useful/", {"useful": "yes"})
    assert UsefulnessVote.objects.count() == 1


@pytest.mark.parametrize("data", [{}, {"useful": "maybe"}, {"useful": "no", "missing": "长" * 600}])
def test_bad_answers_get_a_chinese_message_not_a_500(client, guide, data):
    response = client.post("/services/permit/useful/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="alert alert--error"' in html
    assert not UsefulnessVote.objects.exists()


def test_get_on_the_answer_url_goes_back_to_the_guide(client, guide):
    assert client.get("/services/permit/useful/")["Location"] == "/services/permit/"


def test_admin_report_counts_answers_per_page(admin_client, guide):
    UsefulnessVote.objects.create(page=guide, useful=True)
    UsefulnessVote.objects.create(page=guide, useful=False, missing="缺少周末办理时间")
    UsefulnessVote.objects.create(page=guide, useful=False)
    response = admin_client.get("/admin/reports/usefulness/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "居住证申领" in html and "缺少周末办理时间" in html
    page = response.context["object_list"][0]
    assert (page.useful_count, page.not_useful_count, page.comment_count) == (1, 2, 1)
