"""Values no valid request carries get a 400 that says what was wrong, in Chinese: never a 500."""

import json

import pytest

HUGE = "9" * 26
FORM = "application/x-www-form-urlencoded; charset={}"
# "中文反映" in GB2312, percent-encoded as an old form would send it.
GB2312_BODY = b"description=%D6%D0%CE%C4%B7%B4%D3%B3&title=%D6%D0"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [f"/feedback/?station={HUGE}", f"/wishes/?community={HUGE}"])
def test_an_id_beyond_any_database_column_is_a_chinese_400(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="zh-Hans"' in page
    assert "不是有效的编号" in page


@pytest.mark.parametrize("name", ["category", "community", "department"])
def test_inbox_filters_with_an_id_beyond_any_column_are_a_400(client, home_page, admin_user, name):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="受理中心")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="manage_tickets")
    )
    admin_user.groups.add(group)
    client.force_login(admin_user)
    assert client.get("/admin/feedback/tickets/").status_code == 200
    response = client.get(f"/admin/feedback/tickets/?{name}={HUGE}")
    assert response.status_code == 400
    assert "不是有效的编号" in response.content.decode()


def test_pages_api_offset_beyond_any_column_is_a_json_400(client, home_page):
    response = client.get("/api/v2/pages/?offset=99999999999999999999")
    assert response.status_code == 400
    assert "offset" in response.json()["message"]
    assert "不是有效的编号" in response.json()["message"]
    assert client.get("/api/v2/pages/?offset=0").status_code == 200


@pytest.mark.parametrize("charset", ["gb2312", "latin-1"])
@pytest.mark.parametrize("url", ["/feedback/", "/wishes/new/"])
def test_forms_declaring_another_charset_get_a_chinese_400(client, home_page, url, charset):
    response = client.generic("POST", url, GB2312_BODY, content_type=FORM.format(charset))
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="zh-Hans"' in page
    assert "UTF-8" in page and "字符编码" in page


@pytest.mark.parametrize("charset", ["gb2312", "latin-1"])
def test_open311_post_declaring_another_charset_answers_with_the_error_array(client, home_page, charset):
    response = client.generic("POST", "/open311/v2/requests.json", GB2312_BODY, content_type=FORM.format(charset))
    assert response.status_code == 400
    errors = json.loads(response.content)
    assert errors[0]["code"] == 400
    assert "字符编码" in errors[0]["description"]


def test_open311_xml_error_for_another_charset(client, home_page):
    response = client.generic("POST", "/open311/v2/requests.xml", GB2312_BODY, content_type=FORM.format("gb2312"))
    assert response.status_code == 400
    assert "<errors><error><code>400</code>" in response.content.decode()


def test_a_utf8_form_is_still_read(client, home_page):
    response = client.post("/wishes/new/", {"title": "帮独居老人修水龙头"})
    page = response.content.decode()
    assert "帮独居老人修水龙头" in page  # the form came back with what was typed, decoded
    assert "字符编码" not in page
