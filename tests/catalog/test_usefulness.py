"""'这个页面有用吗': anonymous answers without a CSRF token (the guide stays cacheable), guarded by origin,
rate limit, honeypot and one answer per browser; masking; admin counts."""

import pytest
from django.test import Client

from services.catalog.models import UsefulnessVote

from .factories import ServiceGuidePageFactory


@pytest.fixture
def guide(catalog, categories, item_types):
    page = ServiceGuidePageFactory(parent=catalog, title="居住证申领", slug="permit", category=categories["hukou"])
    page.save_revision().publish()
    return page


@pytest.fixture
def answer_url(guide):
    return f"/services/useful/{guide.pk}/"


def test_the_guide_form_posts_to_the_answer_view_without_a_csrf_token(client, guide, answer_url):
    html = client.get("/services/permit/").content.decode()
    assert f'action="{answer_url}"' in html
    assert "csrfmiddlewaretoken" not in html


def test_yes_answer_is_recorded_and_thanks_shown(guide, answer_url):
    browser = Client(enforce_csrf_checks=True)  # as a real browser: no token is needed
    response = browser.post(answer_url, {"useful": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == "/services/permit/?useful=thanks#page-useful"
    assert "感谢您的反馈" in response.content.decode()
    vote = UsefulnessVote.objects.get()
    assert vote.page_id == guide.pk and vote.useful is True and vote.missing == ""
    assert "sessionid" not in browser.cookies


def test_no_answer_keeps_the_note_with_personal_data_masked(client, guide, answer_url):
    client.post(answer_url, {"useful": "no", "missing": "没写周末能不能办，我电话13912345678"})
    vote = UsefulnessVote.objects.get()
    assert vote.useful is False
    assert "13912345678" not in vote.missing and "139****5678" in vote.missing


def test_honeypot_drops_spam_silently(client, guide, answer_url):
    response = client.post(answer_url, {"useful": "yes", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not UsefulnessVote.objects.exists()


def test_one_answer_per_browser_and_page(client, guide, answer_url):
    client.post(answer_url, {"useful": "yes"})
    again = client.post(answer_url, {"useful": "yes"})
    assert again.status_code == 302 and again["Location"].endswith("?useful=thanks#page-useful")
    assert UsefulnessVote.objects.count() == 1
    Client().post(answer_url, {"useful": "no"})  # another browser
    assert UsefulnessVote.objects.count() == 2


def test_a_forged_answered_cookie_counts_for_nothing(client, guide, answer_url):
    client.cookies["useful_answered"] = str(guide.pk)
    client.post(answer_url, {"useful": "yes"})
    assert UsefulnessVote.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
    ],
)
def test_an_answer_from_another_site_is_refused_in_chinese(client, guide, answer_url, headers):
    response = client.post(answer_url, {"useful": "yes"}, **headers)
    assert response.status_code == 403
    assert "其他网站" in response.content.decode()
    assert not UsefulnessVote.objects.exists()


@pytest.mark.parametrize(
    "headers", [{"HTTP_ORIGIN": "http://testserver"}, {"HTTP_REFERER": "http://testserver/services/permit/"}, {}]
)
def test_an_answer_from_the_site_itself_is_accepted(client, guide, answer_url, headers):
    assert client.post(answer_url, {"useful": "yes"}, **headers).status_code == 302
    assert UsefulnessVote.objects.count() == 1


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        ("https://www.yunxi.gov.cn", 302),
        ("https://m.zw.yunxi.gov.cn", 302),
        ("http://m.zw.yunxi.gov.cn", 403),
        ("https://zw.yunxi.gov.cn.evil.example", 403),
        ("https://evilyunxi.gov.cn", 403),
    ],
)
def test_trusted_origins_are_read_as_django_reads_them(client, guide, answer_url, settings, origin, status):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.yunxi.gov.cn", "https://*.zw.yunxi.gov.cn"]
    assert client.post(answer_url, {"useful": "yes"}, HTTP_ORIGIN=origin).status_code == status
    assert UsefulnessVote.objects.count() == (1 if status == 302 else 0)


def test_answers_are_limited_per_client_address(guide, answer_url, settings):
    settings.USEFULNESS_RATE_LIMIT = 3
    for _ in range(3):
        assert Client(REMOTE_ADDR="203.0.113.7").post(answer_url, {"useful": "yes"}).status_code == 302
    refused = Client(REMOTE_ADDR="203.0.113.7").post(answer_url, {"useful": "yes"})
    assert refused.status_code == 429 and "请一小时后再试" in refused.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.8").post(answer_url, {"useful": "yes"}).status_code == 302
    assert UsefulnessVote.objects.count() == 4


@pytest.mark.parametrize("data", [{}, {"useful": "maybe"}, {"useful": "no", "missing": "长" * 600}])
def test_bad_answers_get_a_chinese_message_not_a_500(client, guide, answer_url, data):
    response = client.post(answer_url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="alert alert--error"' in html and "居住证申领" in html
    assert not UsefulnessVote.objects.exists()


def test_get_on_the_answer_url_goes_back_to_the_guide(client, guide, answer_url):
    assert client.get(answer_url)["Location"] == "/services/permit/"
    assert client.get("/services/permit/useful/")["Location"] == "/services/permit/"


def test_the_former_answer_address_still_records(client, guide):
    """A guide left open in a tab from before still posts to /<guide>/useful/ (with its token)."""
    moved = client.post("/services/permit/useful/", {"useful": "yes"})
    assert (moved.status_code, moved["Location"]) == (307, f"/services/useful/{guide.pk}/")
    assert client.post("/services/permit/useful/", {"useful": "yes"}, follow=True).status_code == 200
    assert UsefulnessVote.objects.count() == 1


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999999"])
def test_an_unknown_guide_is_a_404(client, guide, pk):
    assert client.post(f"/services/useful/{pk}/", {"useful": "yes"}).status_code == 404
    assert client.get(f"/services/qr/{pk}.png").status_code == 404


def test_a_draft_guide_takes_no_answers(client, guide, answer_url):
    guide.unpublish()
    assert client.post(answer_url, {"useful": "yes"}).status_code == 404
    assert not UsefulnessVote.objects.exists()


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


# --- Behind nginx: the guide is cached, the answer still works without a CSRF token -----------------


def _form_action(html):
    form = html.split('id="page-useful"', 1)[1]
    return form.split('action="', 1)[1].split('"', 1)[0]


def test_a_guide_is_served_from_the_page_cache_and_its_form_still_records_answers(behind_nginx, guide):
    from portal.ground import page_cache
    from tests.support.http import Resident

    resident = Resident(behind_nginx, "127.0.0.2")
    resident.get("/services/permit/?warm=1")  # the site's settings rows are created on a first visit (a change)
    page_cache.flush()
    first = resident.get("/services/permit/")
    assert first.status == 200 and "这个页面有用吗？" in first.text
    again = resident.get("/services/permit/")
    assert again.headers["X-Cache-Status"] == "HIT"
    assert "csrfmiddlewaretoken" not in again.text

    # A browser without JavaScript posts the cached form as it is (its Origin is the site's own).
    action = _form_action(again.text)
    answer = resident.request(
        "POST", action, body={"useful": "no", "missing": "没写要带几张照片"}, headers={"Origin": behind_nginx}
    )
    assert answer.status == 302 and answer.headers["Location"].endswith("/services/permit/?useful=thanks#page-useful")
    thanks = resident.get("/services/permit/?useful=thanks")
    assert "感谢您的反馈" in thanks.text
    vote = UsefulnessVote.objects.get()
    assert vote.page_id == guide.pk and vote.useful is False and vote.missing == "没写要带几张照片"
    # Answering set no session: the resident keeps getting the cached guide.
    assert "sessionid" not in resident.cookies
    assert resident.get("/services/permit/").headers["X-Cache-Status"] == "HIT"


def test_an_answer_posted_from_another_site_is_refused(behind_nginx, guide):
    from tests.support.http import Resident

    resident = Resident(behind_nginx, "127.0.0.3")
    action = _form_action(resident.get("/services/permit/").text)
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Referer": "https://evil.example/x"}):
        refused = resident.request("POST", action, body={"useful": "yes"}, headers=headers)
        assert refused.status == 403 and "其他网站" in refused.text, headers
    assert not UsefulnessVote.objects.exists()


def test_an_answer_is_not_a_content_change(client, guide, answer_url, django_capture_on_commit_callbacks):
    """Answers are read in the admin only: recording one must not purge the page cache or the fragments."""
    from portal.ground.signals import content_changed

    client.get("/services/permit/")  # the site's settings rows are created on a first visit (a change)
    changes = []

    def record(sender, **kwargs):
        changes.append(kwargs)

    content_changed.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(answer_url, {"useful": "yes"}).status_code == 302
    finally:
        content_changed.disconnect(record)
    assert UsefulnessVote.objects.count() == 1 and changes == []
