"""Signing in with a mobile number: codes sent, limited, hashed, expiring; "我的" shows the resident's own things."""

import datetime

import pytest
from django.utils import timezone

from services.participation.models import Resident, SignInCode
from services.participation.signin import SESSION_KEY

from .conftest import last_code

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def ask_code(client, phone=PHONE, **extra):
    return client.post("/me/", {"step": "phone", "phone": phone}, **extra)


def sign_in(client, phone=PHONE):
    ask_code(client, phone)
    return client.post("/me/", {"step": "code", "phone": phone, "code": last_code()})


def test_sign_in_with_the_code_from_the_text_message(client, home_page):
    page = ask_code(client)
    assert "验证码已发送至 13912345678" in page.content.decode()
    assert sms_to() == PHONE
    response = sign_in_with(client, last_code())
    assert response.status_code == 302 and response["Location"] == "/me/"
    page = client.get("/me/")
    html = page.content.decode()
    assert "139****5678" in html and "退出登录" in html
    assert "no-store" in page["Cache-Control"], "a personal page is never cached"


def sms_to():
    from services.participation import sms

    return sms.outbox[-1][0]


def sign_in_with(client, code):
    return client.post("/me/", {"step": "code", "phone": PHONE, "code": code})


def test_codes_are_stored_hashed(client, home_page):
    ask_code(client)
    code = last_code()
    record = SignInCode.objects.get()
    assert code not in record.code_hash and len(record.code_hash) == 64


def test_a_wrong_code_is_refused_and_five_wrong_codes_use_it_up(client, home_page):
    ask_code(client)
    code = last_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert "验证码不对" in sign_in_with(client, wrong).content.decode()
    for _n in range(4):
        sign_in_with(client, wrong)
    response = sign_in_with(client, code)
    assert "错误次数过多" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_expired_code_is_refused(client, home_page):
    ask_code(client)
    SignInCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "验证码已过期" in sign_in_with(client, last_code()).content.decode()


def test_a_code_works_once(client, home_page, django_user_model):
    ask_code(client)
    code = last_code()
    sign_in_with(client, code)
    client.post("/me/sign-out/")
    assert "验证码已过期" in sign_in_with(client, code).content.decode()


def test_codes_are_limited_per_number(client, home_page):
    ask_code(client)
    assert "不到一分钟" in ask_code(client).content.decode()
    SignInCode.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    for _n in range(4):
        SignInCode.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
        ask_code(client)
    SignInCode.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    assert "发送次数过多" in ask_code(client).content.decode()
    assert SignInCode.objects.count() == 5


def test_codes_are_limited_per_client_address_not_shared_behind_a_trusted_proxy(client, home_page, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    for n in range(20):
        ask_code(client, f"1390000{n:04d}", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.2")
    blocked = ask_code(client, "13900009999", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert "网络请求验证码次数过多" in blocked.content.decode()
    other = ask_code(client, "13900009999", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.3")
    assert "验证码已发送" in other.content.decode(), "another resident behind the proxy is not limited"


@pytest.mark.parametrize("phone", ["12345", "2391234567８", "abc", "139123456789"])
def test_a_wrong_number_gets_a_chinese_message(client, home_page, phone):
    response = ask_code(client, phone)
    assert response.status_code == 200 and "请输入11位手机号码" in response.content.decode()


def test_earlier_reports_with_the_same_number_are_shown_once_verified(client, home_page):
    from tests.feedback.factories import make_ticket

    mine = make_ticket(phone=PHONE)
    other = make_ticket(phone="13700000000")
    sign_in(client)
    html = client.get("/me/").content.decode()
    assert mine.number in html and other.number not in html


def test_signing_out_ends_the_session(client, home_page):
    sign_in(client)
    client.post("/me/sign-out/")
    assert "发送验证码" in client.get("/me/").content.decode()


def test_residents_are_not_staff_and_cannot_reach_the_admin(client, home_page):
    sign_in(client)
    assert Resident.objects.get().phone == PHONE
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_session_expires(client, home_page, settings):
    settings.RESIDENT_SESSION_SECONDS = 3600
    sign_in(client)
    assert client.session.get_expiry_age() == 3600


def test_sms_gateway_failure_is_a_chinese_message_and_no_code_is_kept(client, home_page, settings, tmp_path):
    settings.SMS_URL = "http://127.0.0.1:9/sms"  # nothing listens on the discard port
    response = ask_code(client)
    assert "短信发送失败" in response.content.decode()
    assert SignInCode.objects.count() == 0


def test_file_backend_writes_one_file_per_message(client, home_page, settings, tmp_path):
    settings.SMS_URL = f"file://{tmp_path}"
    ask_code(client)
    [message] = list(tmp_path.iterdir())
    assert PHONE in message.read_text(encoding="utf-8")


def test_http_gateway_receives_the_documented_request(client, home_page, settings):
    """The generic HTTP backend POSTs JSON {to, text, sender} with a bearer token to a real local server."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received = []

    class Gateway(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, dict(self.headers), json.loads(body.decode("utf-8"))))
            self.send_response(202)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.SMS_URL = f"http://127.0.0.1:{server.server_port}/send"
        settings.SMS_TOKEN, settings.SMS_SENDER = "gateway-token-1", "幸福街道"
        assert "验证码已发送" in ask_code(client).content.decode()
    finally:
        server.shutdown()
    [(path, headers, body)] = received
    assert path == "/send" and headers["Authorization"] == "Bearer gateway-token-1"
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert (body["to"], body["sender"]) == (PHONE, "幸福街道")
    import re

    assert "10 分钟内有效" in body["text"]
    code = re.search(r"验证码是 (\d{6})", body["text"]).group(1)
    assert sign_in_with(client, code).status_code == 302, "the texted code signs the resident in"
