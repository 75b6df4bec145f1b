"""Micro-wishes: moderation before publication, claims with hidden phones, the open-claim limit, fulfilment."""

import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from services.feedback.models import Wish, WishClaim, WishStatus
from services.feedback.wishes import ClaimRefused, claim_wish

from .factories import SECRETS, image_with_every_metadata, make_wish

pytestmark = pytest.mark.django_db


def test_a_posted_wish_waits_for_approval(client, home_page, community):
    data = {
        "title": "助听器一副",
        "beneficiary": "八旬老人陈爷爷",
        "description": "听力下降，希望有一副助听器。",
        "community": community.pk,
        "submitter_name": "陈晓",
        "submitter_phone": "13700001111",
        "consent": "on",
    }
    response = client.post("/wishes/new/", data)
    assert response.status_code == 302
    wish = Wish.objects.get()
    assert wish.status == WishStatus.PENDING
    assert "助听器一副" not in client.get("/wishes/").content.decode()
    assert client.get(f"/wishes/{wish.pk}/").status_code == 404
    bad = client.post("/wishes/new/", {**data, "submitter_phone": "123"})
    assert bad.status_code == 400 and "请输入 11 位手机号码" in bad.content.decode()


def test_board_and_claim_never_show_the_phone(client, home_page, community):
    wish = make_wish(community)
    board = client.get("/wishes/").content.decode()
    assert "一台轮椅" in board and "13900001111" not in board
    response = client.post(f"/wishes/{wish.pk}/", {"name": "刘志强", "phone": "13655556666"})
    assert response.status_code == 302
    wish.refresh_from_db()
    assert wish.status == WishStatus.CLAIMED
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert "刘**" in page and "13655556666" not in page and "刘志强" not in page
    again = client.post(f"/wishes/{wish.pk}/", {"name": "赵六", "phone": "13600000000"})
    assert again.status_code == 409 and "已被他人认领" in again.content.decode()
    assert WishClaim.objects.count() == 1


def test_open_claims_per_phone_are_limited(client, home_page, community):
    wishes = [make_wish(community, title=f"心愿{i}") for i in range(3)]
    for wish in wishes[:2]:
        assert client.post(f"/wishes/{wish.pk}/", {"name": "刘志强", "phone": "13655556666"}).status_code == 302
    refused = client.post(f"/wishes/{wishes[2].pk}/", {"name": "刘志强", "phone": "13655556666"})
    assert refused.status_code == 409 and "尚未实现的心愿" in refused.content.decode()
    wishes[0].status = WishStatus.FULFILLED
    wishes[0].save()
    assert client.post(f"/wishes/{wishes[2].pk}/", {"name": "刘志强", "phone": "13655556666"}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_volunteers_claiming_at_once_get_one_claim(community):
    wish = make_wish(community)
    results = []

    def claim(phone):
        from django.db import connection

        try:
            claim_wish(wish, "志愿者", phone)
            results.append("ok")
        except ClaimRefused:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(f"1380000000{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1 and WishClaim.objects.count() == 1


def test_fulfilment_in_the_admin_strips_photo_metadata(admin_client, community):
    wish = make_wish(community, status=WishStatus.CLAIMED)
    url = f"/admin/snippets/feedback/wish/edit/{wish.pk}/"
    assert admin_client.get(url).status_code == 200
    photo = SimpleUploadedFile("x.jpg", image_with_every_metadata(), content_type="image/jpeg")
    response = admin_client.post(
        url,
        {
            "title": wish.title,
            "beneficiary": wish.beneficiary,
            "description": wish.description,
            "community": community.pk,
            "status": "fulfilled",
            "moderation_note": "",
            "fulfilment_note": "党员刘志强送来轮椅并帮忙调试。",
            "fulfilment_photo": photo,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    wish.refresh_from_db()
    assert wish.status == WishStatus.FULFILLED and wish.fulfilled_at and wish.approved_at
    with wish.fulfilment_photo.open("rb") as fh:
        data = fh.read()
    assert not Image.open(io.BytesIO(data)).getexif()
    assert [secret for secret in SECRETS if secret in data] == []
    page = admin_client.get(f"/wishes/{wish.pk}/").content.decode()
    assert "送来轮椅" in page


def test_board_lists_open_wishes_first(client, home_page, community):
    make_wish(community, title="已实现的心愿", status="fulfilled", fulfilment_note="已送达")
    make_wish(community, title="等待认领的心愿")
    html = client.get("/wishes/").content.decode()
    assert html.index("等待认领的心愿") < html.index("已实现的心愿")
    assert "等待认领的心愿" in client.get("/wishes/?status=open").content.decode()
    assert "已实现的心愿" not in client.get("/wishes/?status=open").content.decode()


def wish_data(community, **extra):
    data = {
        "title": "一副老花镜",
        "beneficiary": "独居老人周奶奶",
        "description": "周奶奶眼睛花了，看不清药盒上的字。",
        "community": community.pk,
        "submitter_name": "周敏",
        "submitter_phone": "13700002222",
        "consent": "on",
    }
    data.update(extra)
    return data


def challenge_answer(html):
    from django.core import signing

    token = html.split('name="challenge_token" value="')[1].split('"')[0]
    return token, str(signing.loads(token, salt="feedback.challenge")["a"])


def test_past_the_soft_limit_a_wish_needs_the_challenge_before_the_429_page(client, home_page, community, monkeypatch):
    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "2,4,100,100")
    for i in range(2):
        assert client.post("/wishes/new/", wish_data(community, title=f"心愿{i}")).status_code == 302
    challenged = client.post("/wishes/new/", wish_data(community))
    html = challenged.content.decode()
    assert challenged.status_code == 429
    assert "等于几" in html and "提交的心愿较多" in html
    assert "周奶奶眼睛花了，看不清药盒上的字。" in html and 'value="一副老花镜"' in html
    assert Wish.objects.count() == 2
    token, answer = challenge_answer(html)
    wrong = client.post("/wishes/new/", wish_data(community, challenge_token=token, challenge_answer="99"))
    assert wrong.status_code == 429 and "答案不正确" in wrong.content.decode() and Wish.objects.count() == 2
    solved = client.post("/wishes/new/", wish_data(community, challenge_token=token, challenge_answer=answer))
    assert solved.status_code == 302 and Wish.objects.count() == 3
    # A solved question counts once.
    again = client.post("/wishes/new/", wish_data(community, challenge_token=token, challenge_answer=answer))
    assert again.status_code == 429 and "等于几" in again.content.decode() and Wish.objects.count() == 3
    token, answer = challenge_answer(again.content.decode())
    assert (
        client.post("/wishes/new/", wish_data(community, challenge_token=token, challenge_answer=answer)).status_code
        == 302
    )
    # Past the hard limit there is no question any more, only the 429 page.
    blocked = client.post("/wishes/new/", wish_data(community))
    assert blocked.status_code == 429 and "提交过于频繁" in blocked.content.decode()
    assert "等于几" not in blocked.content.decode() and Wish.objects.count() == 4


def test_the_wish_challenge_counts_per_phone_too(client, home_page, community, monkeypatch):
    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "100,100,1,3")
    assert client.post("/wishes/new/", wish_data(community)).status_code == 302
    assert client.post("/wishes/new/", wish_data(community)).status_code == 429
    assert client.post("/wishes/new/", wish_data(community, submitter_phone="13700003333")).status_code == 302


def test_a_question_solved_on_the_report_form_does_not_open_the_wish_form(client, home_page, community, monkeypatch):
    from services.feedback.abuse import new_challenge

    monkeypatch.setenv("FEEDBACK_RATE_LIMITS", "1,4,100,100")
    assert client.post("/wishes/new/", wish_data(community)).status_code == 302
    _question, token = new_challenge()  # issued for the report form
    from django.core import signing

    answer = str(signing.loads(token, salt="feedback.challenge")["a"])
    response = client.post("/wishes/new/", wish_data(community, challenge_token=token, challenge_answer=answer))
    assert response.status_code == 429 and Wish.objects.count() == 1
