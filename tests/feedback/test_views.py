"""The public report form, tracking and rating, as a resident meets them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from services.feedback.models import Status, Ticket
from services.feedback.workflow import perform

from .factories import image_bytes, make_ticket

pytestmark = pytest.mark.django_db


def form_data(cat, com, **extra):
    data = {
        "category": cat.pk,
        "community": com.pk,
        "address": "柳荫小区5幢楼下",
        "description": "楼下消防通道每天晚上都停满私家车。",
        "name": "王建国",
        "phone": "138 1234 5678",
        "consent": "on",
        "idempotency_key": "abc123",
    }
    data.update(extra)
    return data


def test_form_renders_with_categories_and_privacy_notice(client, home_page, category, community):
    response = client.get("/feedback/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "乱停车" in html and "柳荫社区" in html
    assert "个人信息保护说明" in html
    assert 'name="name_public"' in html and "checked" not in html.split('name="name_public"')[1].split(">")[0]


def test_submit_creates_one_ticket_and_shows_its_number(client, home_page, category, community):
    photo = SimpleUploadedFile("a.jpg", image_bytes(), content_type="image/jpeg")
    response = client.post("/feedback/", form_data(category, community, photos=[photo]))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.phone == "13812345678"
    assert ticket.photos.count() == 1
    assert ticket.name_public is False
    page = client.get(response["Location"])
    html = page.content.decode()
    assert ticket.number in html and "您的诉求已收到" in html
    assert "13812345678" not in html and "138****5678" in html
    assert page["Cache-Control"].startswith("no-store")


def test_double_submit_with_the_same_key_creates_one_ticket(client, home_page, category, community):
    first = client.post("/feedback/", form_data(category, community))
    second = client.post("/feedback/", form_data(category, community))
    assert Ticket.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "请输入 11 位手机号码"),
        ("phone", "", "请填写手机号码"),
        ("description", "", "请描述您遇到的问题"),
        ("description", "长" * 2001, "问题描述不能超过 2000 字"),
        ("name", "", "请填写姓名"),
        ("consent", "", "请确认您已阅读"),
        ("category", "", "请选择问题类别"),
        ("email", "not-an-email", "请填写有效的电子邮箱"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_keeps_the_text(
    client, home_page, category, community, field, value, message
):
    data = form_data(category, community, **{field: value})
    if not value:
        data.pop(field)
    response = client.post("/feedback/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    if field != "description":
        assert "楼下消防通道每天晚上都停满私家车。" in html
    assert Ticket.objects.count() == 0


def test_coordinates_outside_china_are_refused(client, home_page, category, community):
    response = client.post("/feedback/", form_data(category, community, latitude="48.85", longitude="2.35"))
    assert response.status_code == 400
    assert "定位不在中国境内" in response.content.decode()


def test_a_place_is_required(client, home_page, category, community):
    data = form_data(category, community, address="")
    data.pop("community")
    response = client.post("/feedback/", data)
    assert response.status_code == 400
    assert "请说明问题地点" in response.content.decode()


def test_grid_must_belong_to_the_community(client, home_page, category, community):
    from .factories import GridFactory

    other_grid = GridFactory()
    response = client.post("/feedback/", form_data(category, community, grid=other_grid.pk))
    assert "所选网格不属于所选社区" in response.content.decode()


def test_html_is_shown_escaped(client, home_page, category, community):
    response = client.post(
        "/feedback/", form_data(category, community, description="<script>alert(1)</script>有人乱停车")
    )
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_form_errors_say_photos_must_be_chosen_again(client, home_page, category, community):
    photo = SimpleUploadedFile("a.jpg", image_bytes(), content_type="image/jpeg")
    response = client.post("/feedback/", form_data(category, community, phone="1", photos=[photo]))
    assert "请重新选择照片" in response.content.decode()


def test_honeypot_refuses_without_creating(client, home_page, category, community):
    response = client.post("/feedback/", form_data(category, community, website="http://spam.example"))
    assert response.status_code == 400
    assert Ticket.objects.count() == 0


def test_csrf_is_enforced(home_page, category, community):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/feedback/", form_data(category, community))
    assert response.status_code == 403
    assert Ticket.objects.count() == 0


def test_rate_limit_asks_a_question_then_blocks_with_429(client, home_page, category, community, monkeypatch):
    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "2,3,100,100")
    for i in range(2):
        assert client.post("/feedback/", form_data(category, community, idempotency_key=f"k{i}")).status_code == 302
    challenged = client.post("/feedback/", form_data(category, community, idempotency_key="k2"))
    html = challenged.content.decode()
    assert challenged.status_code == 429
    assert "等于几" in html and "楼下消防通道每天晚上都停满私家车。" in html
    assert Ticket.objects.count() == 2
    # Solve the question (the token carries the answer, signed).
    from django.core import signing

    token = html.split('name="challenge_token" value="')[1].split('"')[0]
    answer = signing.loads(token, salt="feedback.challenge")["a"]
    wrong = client.post(
        "/feedback/", form_data(category, community, idempotency_key="k3", challenge_token=token, challenge_answer="99")
    )
    assert wrong.status_code == 429 and "答案不正确" in wrong.content.decode()
    solved = client.post(
        "/feedback/",
        form_data(category, community, idempotency_key="k3", challenge_token=token, challenge_answer=str(answer)),
    )
    assert solved.status_code == 302
    # Past the hard limit even a right answer does not help.
    blocked = client.post("/feedback/", form_data(category, community, idempotency_key="k6"))
    assert blocked.status_code == 429
    assert "提交过于频繁" in blocked.content.decode()
    assert Ticket.objects.count() == 3


def test_rate_limit_per_phone(client, home_page, category, community, monkeypatch):
    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "100,100,1,2")
    assert client.post("/feedback/", form_data(category, community, idempotency_key="p1")).status_code == 302
    assert client.post("/feedback/", form_data(category, community, idempotency_key="p2")).status_code == 429
    other_phone = form_data(category, community, idempotency_key="p3", phone="13900000000")
    assert client.post("/feedback/", other_phone).status_code == 302


def test_track_by_number_and_last_four_digits(client, home_page, category, community):
    ticket = make_ticket(category, community)
    response = client.post("/feedback/track/", {"number": ticket.number.lower(), "phone_last4": "5678"})
    assert response.status_code == 302 and response["Location"] == ticket.get_tracking_url()
    wrong = client.post("/feedback/track/", {"number": ticket.number, "phone_last4": "0000"})
    assert wrong.status_code == 404 and "没有找到" in wrong.content.decode()
    bad = client.post("/feedback/track/", {"number": ticket.number, "phone_last4": "56"})
    assert bad.status_code == 400 and "请输入 4 位数字" in bad.content.decode()


def test_tracking_lookups_are_throttled(client, home_page, category, community):
    ticket = make_ticket(category, community)
    for _ in range(10):
        client.post("/feedback/track/", {"number": ticket.number, "phone_last4": "0000"})
    response = client.post("/feedback/track/", {"number": ticket.number, "phone_last4": "5678"})
    assert response.status_code == 429


def test_unknown_tracking_token_is_404(client, home_page):
    assert client.get("/feedback/track/not-a-real-token/").status_code == 404


def test_timeline_shows_public_steps_and_hides_internal_notes(
    client, home_page, category, community, centre_user, dept_a
):
    from services.feedback.workflow import add_note

    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    add_note(ticket, centre_user, "内部：此人多次反映同一问题")
    html = client.get(ticket.get_tracking_url()).content.decode()
    assert "已受理" in html and "城管执法中队" in html
    assert "多次反映" not in html


def test_rating_unsatisfied_reopens_and_satisfied_closes(client, home_page, category, community, centre_user, dept_a):
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    perform(ticket, "reply", centre_user, reply="已安排执法队员夜间巡查并劝离车辆。")
    url = ticket.get_tracking_url()
    missing_reason = client.post(url, {"rating": "unsatisfied", "comment": ""})
    assert missing_reason.status_code == 400 and "请说明仍存在的问题" in missing_reason.content.decode()
    response = client.post(url, {"rating": "unsatisfied", "comment": "晚上十点后依然停满。"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.REOPENED and ticket.reopen_count == 1
    assert "晚上十点后依然停满" in client.get(url).content.decode()
    # Rating is only possible after a reply.
    assert client.post(url, {"rating": "satisfied"}).status_code == 400
    perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    perform(ticket, "reply", centre_user, reply="已加装隔离桩。")
    client.post(url, {"rating": "satisfied"})
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED and ticket.closed_at


def test_public_list_shows_only_published_without_personal_data(client, home_page, category, community, centre_user):
    ticket = make_ticket(category, community, name="李秀英")
    other = make_ticket(category, community, description="不公开的诉求内容")
    for t in (ticket, other):
        perform(t, "accept", centre_user)
        perform(t, "reply", centre_user, reply="已处理。")
        perform(t, "close", centre_user)
    perform(ticket, "publish", centre_user, public_text="柳荫小区消防通道被占用，已加装隔离桩。")
    html = client.get("/feedback/public/").content.decode()
    assert "已加装隔离桩" in html and "匿名居民" in html
    assert "李秀英" not in html and "13812345678" not in html and "不公开的诉求内容" not in html
    detail = client.get(reverse("feedback:public_detail", args=[ticket.number]))
    assert detail.status_code == 200
    assert client.get(reverse("feedback:public_detail", args=[other.number])).status_code == 404


def test_station_link_prefills_the_form(client, home_page, category, community):
    from wagtail.models import Page

    try:
        from services.places.models import StationIndexPage, StationPage
    except ImportError:
        pytest.skip("places has no station pages")
    index = StationIndexPage(title="站点", slug="stations-x")
    home_page.add_child(instance=index)
    station = StationPage(
        title="柳荫社区党群服务中心",
        slug="liuyin-centre",
        address="柳荫路88号",
        latitude=30.27,
        longitude=120.15,
        community=community,
    )
    index.add_child(instance=station)
    assert Page.objects.filter(pk=station.pk).exists()
    html = client.get(f"/feedback/?station={station.pk}").content.decode()
    assert "柳荫路88号" in html and "关于“柳荫社区党群服务中心”" in html


def test_a_solved_challenge_works_only_once():
    from django.core import signing

    from services.feedback.abuse import check_challenge, new_challenge

    _question, token = new_challenge()
    answer = str(signing.loads(token, salt="feedback.challenge")["a"])
    assert check_challenge(token, answer) is True
    assert check_challenge(token, answer) is False
    assert check_challenge("forged", answer) is False


def test_status_words_are_the_feedback_loops_own(client, home_page, category, community, centre_user):
    """Other apps translate “Closed”/“In progress” differently (已关闭, 实施中); tickets say 已办结 and 办理中."""
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    perform(ticket, "reply", centre_user, reply="已处理。")
    perform(ticket, "close", centre_user)
    html = client.get(ticket.get_tracking_url()).content.decode()
    assert "已办结" in html and "办理中" in html
    assert "已关闭" not in html and "实施中" not in html


def test_pin_map_without_a_base_map_says_so(client, category, community, home_page):
    from django.core.cache import caches
    from wagtail.models import Site

    from services.places.models.map_settings import MapSettings

    html = client.get("/feedback/").content.decode()
    assert "data-pin-map" in html and "本地图未配置底图" in html and "pin-map--no-tiles" in html
    settings = MapSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tile_url = "/tiles/{z}/{x}/{y}.png"
    settings.save()
    for alias in ("default", "local"):
        caches[alias].clear()
    html = client.get("/feedback/").content.decode()
    assert "data-pin-map" in html and "本地图未配置底图" not in html


def test_residents_behind_the_trusted_proxy_do_not_share_the_lookup_lockout(
    client, settings, home_page, category, community
):
    """Behind nginx every request comes from 127.0.0.1; one resident's failed look-ups must not lock out another."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    ticket = make_ticket(category, community)
    for _ in range(10):
        client.post(
            "/feedback/track/", {"number": ticket.number, "phone_last4": "0000"}, HTTP_X_FORWARDED_FOR="198.51.100.2"
        )
    wrong = {"number": ticket.number, "phone_last4": "5678"}
    assert client.post("/feedback/track/", wrong, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429
    assert client.post("/feedback/track/", wrong, HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 302


def test_a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_escape_the_lockout(
    client, settings, home_page, category, community
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    ticket = make_ticket(category, community)
    for i in range(10):
        client.post(
            "/feedback/track/",
            {"number": ticket.number, "phone_last4": "0000"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
    response = client.post(
        "/feedback/track/",
        {"number": ticket.number, "phone_last4": "5678"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429


def test_reports_from_two_residents_behind_the_proxy_are_limited_apart(
    client, settings, monkeypatch, home_page, category, community
):
    """Past the hard limit one resident gets 429; a neighbour behind the same proxy still reports."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "100,2,100,100")
    for i in range(2):
        data = form_data(category, community, phone=f"1381234000{i}", idempotency_key=f"k{i}")
        assert client.post("/feedback/", data, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    third = form_data(category, community, phone="13812340009", idempotency_key="k9")
    assert client.post("/feedback/", third, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429
    neighbour = form_data(category, community, phone="13812340008", idempotency_key="k8")
    assert client.post("/feedback/", neighbour, HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 302
