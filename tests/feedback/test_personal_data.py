"""Residents' personal data on the staff side: one masking rule on the page and in the export, every look logged."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from services.feedback.models import Ticket
from services.feedback.workflow import perform

from .factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatched(category, community, centre_user, dept_a):
    ticket = make_ticket(category, community, name="王建国", phone="13812345678", email="wangjg@example.cn")
    perform(ticket, "accept", centre_user)
    perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    return ticket


def _page_resident(client, ticket):
    html = client.get(f"/admin/feedback/tickets/{ticket.pk}/").content.decode()
    return html.split("data-resident>")[1].split("</dd>")[0]


def _export_row(client, ticket):
    body = client.get("/admin/feedback/tickets/export.csv").content.decode("utf-8-sig")
    return next(row for row in csv.reader(io.StringIO(body)) if row[0] == ticket.number)


def test_department_user_sees_the_same_masked_data_on_the_page_and_in_the_export(client, dispatched, user_a):
    client.force_login(user_a)
    shown = _page_resident(client, dispatched)
    assert "王**" in shown and "138****5678" in shown and "w***@example.cn" in shown
    assert "王建国" not in shown and "wangjg@" not in shown and "13812345678" not in shown
    row = _export_row(client, dispatched)
    assert (row[6], row[7]) == ("王**", "138****5678")


def test_with_the_permission_page_and_export_show_everything(client, dispatched, user_a, django_user_model):
    user_a.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    client.force_login(django_user_model.objects.get(pk=user_a.pk))
    shown = _page_resident(client, dispatched)
    assert "王建国" in shown and "13812345678" in shown and "wangjg@example.cn" in shown
    row = _export_row(client, dispatched)
    assert (row[6], row[7]) == ("王建国", "13812345678")


def test_views_and_exports_are_in_the_admin_site_history(client, dispatched, user_a, admin_user):
    client.force_login(user_a)
    client.get(f"/admin/feedback/tickets/{dispatched.pk}/")
    client.get("/admin/feedback/tickets/export.csv")
    entries = ModelLogEntry.objects.filter(object_id=str(dispatched.pk), user=user_a)
    assert sorted(entries.values_list("action", flat=True)) == [
        "feedback.personal_data_exported",
        "feedback.personal_data_viewed",
    ]
    assert all(entry.data["in_full"] is False for entry in entries)
    client.force_login(admin_user)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "查看居民个人信息" in history and "导出居民个人信息" in history and "staff_a" in history
    assert dispatched.number in history


def test_export_neutralises_formulas_in_names_even_when_masked(client, category, community, centre_user):
    ticket = make_ticket(category, community, name='=HYPERLINK("http://evil.example","点我")', address="+1+1")
    client.force_login(centre_user)
    row = _export_row(client, ticket)
    assert row[6].startswith("'=") and row[4] == "'+1+1"
    centre_user.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    client.force_login(type(centre_user).objects.get(pk=centre_user.pk))
    row = _export_row(client, ticket)
    assert row[6] == '\'=HYPERLINK("http://evil.example","点我")'


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil.example")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"])
def test_the_report_form_refuses_a_name_that_starts_like_a_formula(client, home_page, category, community, name):
    response = client.post(
        "/feedback/",
        {"category": category.pk, "community": community.pk, "description": "路灯坏了", "name": name,
         "phone": "13812345678", "consent": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "姓名不能以 =、+、-、@ 或制表符开头" in response.content.decode()
    assert not Ticket.objects.exists()


def test_wish_moderators_see_the_submitter_by_the_same_rule(client, community, django_user_model):
    from .factories import make_wish

    wish = make_wish(community, submitter_name="社区工作者张小燕", submitter_phone="13900001111")
    moderator = django_user_model.objects.create_user("moderator", password="pw-mod-123")
    moderator.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_wish"]))
    client.force_login(moderator)
    url = f"/admin/snippets/feedback/wish/edit/{wish.pk}/"

    def shown():
        html = client.get(url).content.decode()
        return html.split("data-resident-contact>")[1].split("</p>")[0]

    assert shown() == "社******* · 139****1111"
    assert "13900001111" not in client.get(url).content.decode()
    moderator.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    client.force_login(django_user_model.objects.get(pk=moderator.pk))
    assert shown() == "社区工作者张小燕 · 13900001111"
    entries = ModelLogEntry.objects.filter(object_id=str(wish.pk), action="feedback.personal_data_viewed")
    assert [e.data["in_full"] for e in entries.order_by("timestamp", "pk")] == [False, False, True]
