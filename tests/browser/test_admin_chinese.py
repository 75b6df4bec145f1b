"""The admin pages issue 16 found in English, in the browser: the account page (its time-zone list threw
RangeError for "localtime") and the sites list."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems
from tests.support.two_factor import browser_admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_account_and_sites_pages_load_without_errors_in_chinese(desktop, live_server, demo_site, django_user_model):
    django_user_model.objects.create_superuser("zhadmin", "zh@example.cn", "pw-zh-admin-123")
    page = desktop
    browser_admin_login(page, live_server.url, "zhadmin", "pw-zh-admin-123")
    problems = PageProblems(page)
    page.goto(live_server.url + "/admin/account/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("帐号")
    assert page.locator("select option[value='localtime'], select option[value='Africa/Abidjan']").count() == 0
    problems.assert_none("on the account page")
    page.goto(live_server.url + "/admin/sites/")
    page.wait_for_load_state("networkidle")
    headers = [text.strip() for text in page.locator("table.listing thead th").all_inner_texts()]
    assert headers == ["站点", "端口", "站点名称", "根页面", "默认？"]
    problems.assert_none("on the sites list")
