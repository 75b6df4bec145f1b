"""Open311 GeoReport v2: discovery, services, requests GET/POST, tokens, JSON and XML, spec errors."""

import datetime
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from services.feedback.models import CategoryQuestion, Open311Key, Status, Ticket
from services.feedback.workflow import perform

from .factories import make_ticket

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture
def api_key(db):
    _key, raw = Open311Key.issue("12345热线")
    return raw


def post(client, key, **fields):
    data = {"api_key": key, "service_code": "parking", "lat": "30.27", "long": "120.15", "description": "占道停车"}
    data.update(fields)
    return client.post(f"{BASE}/requests.json", {k: v for k, v in data.items() if v is not None})


def test_discovery_and_services(client, category):
    discovery = client.get(f"{BASE}/discovery.json").json()
    assert discovery["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert "application/json" in discovery["endpoints"][0]["formats"]
    services = client.get(f"{BASE}/services.json").json()
    assert services == [
        {
            "service_code": "parking",
            "service_name": "乱停车",
            "description": "",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "社区事务",
        }
    ]
    root = ET.fromstring(client.get(f"{BASE}/services.xml").content)
    assert root.tag == "services" and root.find("service/service_code").text == "parking"
    assert root.find("service/metadata").text == "false"


def test_service_definition_with_attributes(client, category):
    CategoryQuestion.objects.create(
        category=category, code="plate", question="车牌号（如知道）", datatype="string", required=False
    )
    CategoryQuestion.objects.create(
        category=category, code="time", question="发生时段", datatype="singlevaluelist", required=True,
        choices="day|白天\nnight|夜间",
    )  # fmt: skip
    assert client.get(f"{BASE}/services.json").json()[0]["metadata"] is True
    definition = client.get(f"{BASE}/services/parking.json").json()
    assert definition["service_code"] == "parking"
    codes = [a["code"] for a in definition["attributes"]]
    assert codes == ["plate", "time"]
    assert definition["attributes"][1]["values"] == [{"key": "day", "name": "白天"}, {"key": "night", "name": "夜间"}]
    xml = ET.fromstring(client.get(f"{BASE}/services/parking.xml").content)
    assert xml.tag == "service_definition"
    assert [v.find("key").text for v in xml.findall("attributes/attribute/values/value")] == ["day", "night"]
    unknown = client.get(f"{BASE}/services/nope.json")
    assert unknown.status_code == 404 and unknown.json()[0]["code"] == 404


def test_post_creates_a_ticket_and_token_lookup(client, category, api_key):
    response = post(client, api_key, phone="13812345678", first_name="建国", last_name="王", email="w@example.cn")
    assert response.status_code == 201
    body = response.json()[0]
    ticket = Ticket.objects.get(number=body["service_request_id"])
    assert ticket.source == "open311" and ticket.name == "王建国" and ticket.phone == "13812345678"
    token = client.get(f"{BASE}/tokens/{body['token']}.json").json()
    assert token == [{"service_request_id": ticket.number, "token": body["token"]}]
    assert client.get(f"{BASE}/tokens/deadbeef.json").status_code == 404


def test_post_with_idempotency_key_creates_one(client, category, api_key):
    first = client.post(
        f"{BASE}/requests.json",
        {"api_key": api_key, "service_code": "parking", "address_string": "柳荫路1号", "description": "x"},
        HTTP_IDEMPOTENCY_KEY="retry-1",
    )
    second = client.post(
        f"{BASE}/requests.json",
        {"api_key": api_key, "service_code": "parking", "address_string": "柳荫路1号", "description": "x"},
        HTTP_IDEMPOTENCY_KEY="retry-1",
    )
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()[0]["service_request_id"] == second.json()[0]["service_request_id"]
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "status", "fragment"),
    [
        ({"api_key": None}, 403, "api_key"),
        ({"api_key": "wrong"}, 403, "api_key 无效"),
        ({"service_code": None}, 400, "service_code"),
        ({"service_code": "nope"}, 404, "未知的服务编码"),
        ({"lat": None, "long": None}, 400, "缺少位置"),
        ({"lat": "abc"}, 400, "必须是数字"),
        ({"lat": "51.5", "long": "-0.12"}, 400, "不在中国境内"),
        ({"lat": "30.2", "long": None}, 400, "同时提供"),
        ({"description": None}, 400, "description"),
        ({"description": "长" * 2001}, 400, "2000"),
        ({"phone": "12345"}, 400, "phone"),
        ({"email": "bad@"}, 400, "email"),
    ],
)
def test_post_errors_follow_the_spec(client, category, api_key, fields, status, fragment):
    key = fields.pop("api_key", api_key) if "api_key" in fields else api_key
    response = post(client, key, **fields)
    assert response.status_code == status
    body = response.json()
    assert isinstance(body, list) and body[0]["code"] == status and fragment in body[0]["description"]
    assert Ticket.objects.count() == 0


def test_errors_in_xml(client, category):
    response = client.post(f"{BASE}/requests.xml", {"service_code": "parking"})
    assert response.status_code == 403
    root = ET.fromstring(response.content)
    assert root.tag == "errors" and root.find("error/code").text == "403"


def test_required_attribute_is_checked(client, category, api_key):
    CategoryQuestion.objects.create(
        category=category, code="time", question="时段", datatype="singlevaluelist", required=True, choices="day|白天"
    )
    assert post(client, api_key).status_code == 400
    assert post(client, api_key, **{"attribute[time]": "never"}).status_code == 400
    ok = post(client, api_key, **{"attribute[time]": "day"})
    assert ok.status_code == 201
    assert Ticket.objects.get().attributes == {"time": "day"}


def test_revoked_key_is_refused(client, category):
    key, raw = Open311Key.issue("旧系统")
    key.active = False
    key.save()
    assert post(client, raw).status_code == 403


def test_get_requests_never_shows_personal_data(client, category, community, centre_user):
    ticket = make_ticket(category, community, name="李秀英", phone="13912345678", email="li@example.cn",
                         description="我家住302室，门口被堵", latitude=30.271234, longitude=120.151234)  # fmt: skip
    body = client.get(f"{BASE}/requests.json").json()
    assert len(body) == 1
    item = body[0]
    text = str(body)
    for secret in ("李秀英", "13912345678", "li@example.cn", "302室"):
        assert secret not in text
    assert item["service_request_id"] == ticket.number and item["status"] == "open"
    assert item["lat"] == 30.27 and item["long"] == 120.15
    assert item["detailed_status"] == "received" and item["rating"] == ""
    perform(ticket, "accept", centre_user)
    perform(ticket, "reply", centre_user, reply="已协调。")
    perform(ticket, "rate", as_resident=True, rating="satisfied")
    perform(ticket, "publish", centre_user, public_text="居民反映消防通道被堵，已协调清理。")
    item = client.get(f"{BASE}/requests/{ticket.number}.json").json()[0]
    assert item["status"] == "closed" and item["rating"] == "satisfied"
    assert item["description"] == "居民反映消防通道被堵，已协调清理。"
    xml = ET.fromstring(client.get(f"{BASE}/requests/{ticket.number}.xml").content)
    assert xml.tag == "service_requests" and xml.find("request/status").text == "closed"


def test_department_key_reads_its_own_tickets_in_full_only(client, category, community, centre_user, dept_a, dept_b):
    mine = make_ticket(category, community, description="A部门的诉求细节")
    theirs = make_ticket(category, community, description="B部门的诉求细节")
    for t, d in ((mine, dept_a), (theirs, dept_b)):
        perform(t, "accept", centre_user)
        perform(t, "dispatch", centre_user, department=d.pk)
    _key, raw = Open311Key.issue("城管系统", dept_a)
    text = str(client.get(f"{BASE}/requests.json", headers={"X-Api-Key": raw}).json())
    assert "A部门的诉求细节" in text and "B部门的诉求细节" not in text
    detail = client.get(f"{BASE}/requests/{theirs.number}.json", headers={"X-Api-Key": raw}).json()[0]
    assert detail["description"] == ""


def test_get_filters(client, category, community, centre_user):
    from .factories import CategoryFactory

    other = CategoryFactory(name="噪音", code="noise")
    a = make_ticket(category, community)
    b = make_ticket(other, community)
    perform(b, "hide", centre_user, reason="重复")
    c = make_ticket(other, community)
    perform(c, "accept", centre_user)
    perform(c, "reply", centre_user, reply="好")
    perform(c, "close", centre_user)
    ids = lambda r: {x["service_request_id"] for x in r.json()}  # noqa: E731
    assert ids(client.get(f"{BASE}/requests.json")) == {a.number, c.number}  # hidden never listed
    assert ids(client.get(f"{BASE}/requests.json", {"service_code": "noise"})) == {c.number}
    assert ids(client.get(f"{BASE}/requests.json", {"status": "closed"})) == {c.number}
    assert ids(client.get(f"{BASE}/requests.json", {"status": "open"})) == {a.number}
    assert ids(client.get(f"{BASE}/requests.json", {"service_request_id": f"{a.number},{c.number}"})) == {
        a.number,
        c.number,
    }
    old = (timezone.now() - datetime.timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert client.get(f"{BASE}/requests.json", {"start_date": old}).status_code == 400
    assert client.get(f"{BASE}/requests.json", {"start_date": "yesterday"}).status_code == 400
    # An offset W3C syntax allows but PostgreSQL does not (+20:13) is read in UTC: an empty list, not a 500.
    far = client.get(f"{BASE}/requests.json", {"end_date": "1502-07-09T13:13:04+20:13"})
    assert far.status_code == 200 and ids(far) == set()
    assert client.get(f"{BASE}/requests.json", {"status": "pending"}).status_code == 400
    assert client.get(f"{BASE}/requests/FK00000000-0000.json").status_code == 404


def test_methods_outside_the_spec_get_405(client, category):
    response = client.post(f"{BASE}/services.json")
    assert response.status_code == 405 and response.json()[0]["code"] == 405
    assert client.delete(f"{BASE}/requests.json").status_code == 405


def test_create_open311_key_command(capsys):
    from django.core.management import call_command

    call_command("create_open311_key", "网格通App")
    out = capsys.readouterr().out
    raw = out.strip().split()[-1]
    assert Open311Key.objects.check_key(raw).name == "网格通App"


@pytest.mark.django_db(transaction=True)
def test_independent_client_library_reads_our_api(live_server, category, community):
    """The georeport package (a third-party GeoReport v2 client) parses our JSON and XML."""
    georeport = pytest.importorskip("georeport")
    ticket = make_ticket(category, community)
    for fmt in ("json", "xml"):
        client = georeport.GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
        services = client.get_service_list()
        service = services[0] if isinstance(services, list) else services
        assert service["service_code"] == "parking"
        requests_ = client.get_service_requests(status="open")
        first = requests_[0] if isinstance(requests_, list) else requests_
        assert first["service_request_id"] == ticket.number
        single = client.get_service_request(ticket.number)
        assert single["service_request_id"] == ticket.number and single["status"] == "open"
    assert Ticket.objects.filter(status=Status.RECEIVED).count() == 1


def test_a_sensitive_complaint_reveals_no_place_by_its_number(client, community, centre_user):
    from .factories import CategoryFactory

    noise = CategoryFactory(name="噪音", code="noise", sensitive=True)
    ticket = make_ticket(noise, community, address="柳荫路8号3幢302室", latitude=30.271234, longitude=120.151234,
                         description="楼上邻居每晚敲打到凌晨")  # fmt: skip
    for url in (f"{BASE}/requests/{ticket.number}.json", f"{BASE}/requests.json"):
        item = client.get(url).json()[0]
        assert item["service_request_id"] == ticket.number
        assert (item["lat"], item["long"], item["address"]) == (None, None, "")
    xml = client.get(f"{BASE}/requests/{ticket.number}.xml").content.decode()
    assert "柳荫" not in xml and "30.27" not in xml
    perform(ticket, "accept", centre_user)
    perform(ticket, "reply", centre_user, reply="已上门调解。")
    perform(ticket, "close", centre_user)
    perform(ticket, "publish", centre_user, public_text="居民反映夜间噪音，社区已上门调解。")
    for page in (f"/feedback/public/{ticket.number}/", "/feedback/public/"):
        html = client.get(page).content.decode()
        assert "社区已上门调解" in html or ticket.number in html
        assert community.name not in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_api_key_in_the_query_string_is_refused(client, category, api_key, method):
    url = f"{BASE}/requests.json?api_key={api_key}"
    body = {"service_code": "parking", "address_string": "柳荫路1号", "description": "占道停车"}
    response = getattr(client, method)(url, body if method == "post" else None)
    assert response.status_code == 400
    [err] = response.json()
    assert err["code"] == 400 and "不能放在网址里" in err["description"]
    assert not Ticket.objects.exists()
    # The same key in the body or the X-Api-Key header works.
    assert client.post(f"{BASE}/requests.json", {**body, "api_key": api_key}).status_code == 201
    assert client.get(f"{BASE}/requests.json", headers={"X-Api-Key": api_key}).status_code == 200
    assert client.get(f"{BASE}/requests.json", headers={"X-Api-Key": "wrong"}).status_code == 403


@pytest.mark.parametrize(("url", "xml"), [("/open311/v2/discovery.yaml", False), ("/open311/v3/requests.xml", True),
                                          ("/open311/v2/requests/%0A.json", False)])  # fmt: skip
def test_unknown_open311_urls_answer_the_error_array(client, url, xml):
    response = client.get(url)
    assert response.status_code == 404
    if xml:
        assert ET.fromstring(response.content).find("error/description").text == "没有这个 Open311 接口。"
    else:
        assert response.json() == [{"code": 404, "description": "没有这个 Open311 接口。"}]
