"""The admin pages residents' editors met in English: the sites list and the account page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _listing_headers(html):
    table = html.split('<table class="listing', 1)[1].split("</thead>", 1)[0]
    return [re.sub(r"<[^>]+>|\s+", "", cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]


def test_sites_list_has_chinese_column_headers(admin_client, home_page):
    response = admin_client.get("/admin/sites/")
    assert response.status_code == 200
    assert _listing_headers(response.content.decode()) == ["站点", "端口", "站点名称", "根页面", "默认？"]


def test_sites_can_still_be_edited_from_the_settings_menu(admin_client, home_page):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    html = admin_client.get("/admin/").content.decode()
    assert '"/admin/sites/"' in html  # the settings menu still links the sites list
    response = admin_client.post(
        f"/admin/sites/edit/{site.pk}/",
        {
            "hostname": site.hostname,
            "port": 8080,
            "site_name": "云溪区门户",
            "root_page": site.root_page_id,
            "is_default_site": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "已更新" in response.content.decode()
    site.refresh_from_db()
    assert (site.port, site.site_name) == (8080, "云溪区门户")


def test_account_page_renders_without_a_foreign_time_zone_list_and_saves(admin_client, admin_user, home_page):
    response = admin_client.get("/admin/account/")
    assert response.status_code == 200
    html = response.content.decode()
    # Wagtail listed every system zone (English identifiers, "localtime" which the browser rejects).
    assert "localtime" not in html and "Africa/Abidjan" not in html
    assert "current_time_zone" not in html
    response = admin_client.post(
        "/admin/account/",
        {
            "name_email-first_name": "晓红",
            "name_email-last_name": "李",
            "name_email-email": "lixiaohong@example.cn",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "您的帐号设置已经修改成功" in response.content.decode()
    admin_user.refresh_from_db()
    assert (admin_user.last_name, admin_user.first_name, admin_user.email) == ("李", "晓红", "lixiaohong@example.cn")


def test_users_list_reads_yes_or_no_in_chinese(admin_client, home_page):
    html = admin_client.get("/admin/users/").content.decode()
    status = re.search(r'<td class="status">(.*?)</td>', html, re.S).group(1)
    assert "True" not in status and "False" not in status
    assert re.sub(r"<[^>]+>|\s+", "", status) == "是是"  # the icon's spoken title and the word beside it
