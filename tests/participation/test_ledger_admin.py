"""The points ledger in the admin: every entry with filters, balances, corrections, a formula-safe CSV export,
and residents' numbers masked by role with every look in the site history."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from services.participation import points
from services.participation.models import EarningRule, ExchangeItem, PointEntry, Resident, StationStaff

pytestmark = pytest.mark.django_db
ZHANG, LI = "13912345678", "13787654321"


@pytest.fixture
def other_station(station):
    from tests.places.factories import make_station

    return make_station(station.get_parent(), title="望湖社区小蜜蜂驿站")


@pytest.fixture
def ledger(station, other_station):
    """Two residents with awards at two stations, an exchange, a correction, and a formula-like reason."""
    zhang = Resident.objects.create(phone=ZHANG, display_name="张建华")
    li = Resident.objects.create(phone=LI, display_name="李秀英")
    rule = EarningRule.objects.create(name="参加站点活动并现场签到", points=10)
    first = points.award(zhang, 30, "参加站点活动并现场签到：读书会", rule=rule, station=station)
    points.award(zhang, -10, "更正：读书会按20分计", station=station, corrects=first)
    points.award(li, 50, "志愿服务：垃圾分类值守", station=other_station)
    points.award(li, 5, '=HYPERLINK("http://evil.example","点我")', station=other_station)
    item = ExchangeItem.objects.create(name="环保购物袋", points=20, station=other_station, stock=5)
    points.redeem(li, item.pk)
    PointEntry.objects.filter(reason__startswith="志愿服务").update(
        created_at=datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)
    )
    return {"zhang": zhang, "li": li, "first": first}


def staff_of(station, django_user_model, *extra_perms):
    user = django_user_model.objects.create_user("desk", password="pw-desk-123")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *extra_perms]))
    StationStaff.objects.create(user=user, station=station)
    return django_user_model.objects.get(pk=user.pk)


def rows(client, query=""):
    html = client.get(f"/admin/points/ledger/{query}").content.decode()
    body = html.split("data-ledger>")[1].split("</table>")[0]
    return [r.split("</td>")[3].split("<td>")[-1].split(" <span")[0] for r in body.split("<tr data-entry=")[1:]], html


def test_the_ledger_lists_every_entry_with_who_made_it_and_the_total(admin_client, ledger):
    reasons, html = rows(admin_client)
    assert len(reasons) == 5 and "积分台账" in html
    assert "共 5 条记录，合计 55 分" in html  # 30 - 10 + 50 + 5 - 20
    assert "居民本人（兑换）" in html and "admin" not in reasons
    assert f"更正第{ledger['first'].pk}号记录" in html


def test_the_ledger_filters_by_resident_reason_kind_and_date(admin_client, ledger):
    assert rows(admin_client, f"?phone={ZHANG}")[0] == ["更正：读书会按20分计", "参加站点活动并现场签到：读书会"]
    reasons, html = rows(admin_client, "?phone=4321")
    assert len(reasons) == 3 and "读书会" not in html
    assert rows(admin_client, "?reason=垃圾分类")[0] == ["志愿服务：垃圾分类值守"]
    assert rows(admin_client, "?kind=correction")[0] == ["更正：读书会按20分计"]
    assert rows(admin_client, "?kind=exchange")[0] == ["兑换环保购物袋"]
    assert rows(admin_client, "?date_from=2026-02-01&date_to=2026-03-31")[0] == ["志愿服务：垃圾分类值守"]


def test_a_bad_filter_is_a_chinese_message_not_an_error(admin_client, ledger):
    response = admin_client.get("/admin/points/ledger/?phone=12&date_from=2026-13-45")
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入完整的11位手机号码或后4位" in html and "请输入有效的日期" in html


def test_the_balance_of_the_resident_searched_for_and_of_every_resident(admin_client, ledger):
    assert "该居民当前积分余额：20 分" in admin_client.get(f"/admin/points/ledger/?phone={ZHANG}").content.decode()
    html = admin_client.get("/admin/points/balances/").content.decode()
    table = html.split("data-balances>")[1]
    li_row = table.split(f'data-resident="{ledger["li"].pk}">')[1].split("</tr>")[0]
    zhang_row = table.split(f'data-resident="{ledger["zhang"].pk}">')[1].split("</tr>")[0]
    # Earned, spent, balance.
    assert "<td>55</td><td>-20</td><td data-balance><strong>35</strong>" in li_row
    assert "<td>30</td><td>-10</td><td data-balance><strong>20</strong>" in zhang_row
    assert table.index(LI) < table.index(ZHANG), "the largest balance first"


def test_station_staff_see_only_their_stations_entries_and_no_balances_list(
    client, ledger, other_station, django_user_model
):
    client.force_login(staff_of(other_station, django_user_model))
    reasons, html = rows(client)
    assert len(reasons) == 3 and "读书会" not in html
    assert client.get("/admin/points/balances/").status_code in (302, 403)
    assert client.get(f"/admin/points/ledger/{ledger['first'].pk}/correct/").status_code == 404


def test_a_correction_is_a_new_entry_referring_to_the_one_it_corrects(admin_client, ledger):
    first = ledger["first"]
    response = admin_client.post(f"/admin/points/ledger/{first.pk}/correct/", {"points": "-5", "reason": "重复签到"})
    assert response.status_code == 302
    correction = PointEntry.objects.filter(corrects=first).latest("pk")
    assert (correction.points, correction.created_by.username) == (-5, "admin")
    assert correction.reason == f"更正第{first.pk}号记录：重复签到"
    assert PointEntry.objects.get(pk=first.pk).points == 30
    assert points.balance(ledger["zhang"]) == 15


def test_a_correction_below_zero_is_refused_in_chinese(admin_client, ledger):
    first = ledger["first"]
    response = admin_client.post(f"/admin/points/ledger/{first.pk}/correct/", {"points": "-100", "reason": "错误"})
    assert response.status_code == 200 and "余额" in response.content.decode()
    assert points.balance(ledger["zhang"]) == 20


def export(client, query=""):
    response = client.get(f"/admin/points/ledger/export.csv{query}")
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_is_formula_safe_and_follows_the_filters(admin_client, ledger):
    table = export(admin_client)
    assert table[0][:4] == ["日期", "居民", "积分", "原因"]
    reasons = [row[3] for row in table[1:]]
    assert '\'=HYPERLINK("http://evil.example","点我")' in reasons
    assert not any(cell.startswith(("=", "+", "@")) for row in table for cell in row)
    assert [row[2] for row in export(admin_client, f"?phone={ZHANG}")[1:]] == ["30", "-10"]


def test_staff_without_the_permission_see_masked_numbers_everywhere(client, ledger, other_station, django_user_model):
    staff = staff_of(other_station, django_user_model)
    client.force_login(staff)
    pages = [
        client.get("/admin/points/ledger/").content.decode(),
        client.get("/admin/points/redemptions/").content.decode(),
        client.get("/admin/points/award/").content.decode(),
        client.get("/admin/points/ledger/export.csv").content.decode("utf-8-sig"),
    ]
    for page in pages:
        assert "137****4321" in page and LI not in page


def test_with_the_permission_numbers_are_shown_in_full(client, ledger, other_station, django_user_model):
    client.force_login(staff_of(other_station, django_user_model, "view_personal_data"))
    assert LI in client.get("/admin/points/redemptions/").content.decode()
    assert LI in client.get("/admin/points/ledger/").content.decode()
    assert [row[1] for row in export(client)[1:]] == [LI, LI, LI]


def test_every_look_and_export_is_in_the_admin_site_history(
    client, admin_user, ledger, other_station, django_user_model
):
    staff = staff_of(other_station, django_user_model)
    client.force_login(staff)
    client.get("/admin/points/ledger/")
    client.get("/admin/points/ledger/export.csv")
    entries = ModelLogEntry.objects.filter(user=staff, object_id=str(ledger["li"].pk))
    assert sorted(entries.values_list("action", flat=True)) == [
        "participation.personal_data_exported",
        "participation.personal_data_viewed",
    ]
    assert all(entry.data["in_full"] is False and entry.label == "137****4321" for entry in entries)
    assert not ModelLogEntry.objects.filter(user=staff, object_id=str(ledger["zhang"].pk)).exists()
    client.force_login(admin_user)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "查看居民手机号码（积分）" in history and "导出居民手机号码（积分）" in history and "desk" in history
    assert LI not in history


def test_the_points_snippets_read_in_chinese(admin_client, station, admin_user):
    EarningRule.objects.create(name="参加站点活动并现场签到", points=10)
    ExchangeItem.objects.create(name="环保购物袋", points=20, station=station, stock=5, active=False)
    StationStaff.objects.create(user=admin_user, station=station)

    def headers_and_cells(url):
        html = admin_client.get(url).content.decode()
        table = html.split('<table class="listing', 1)[1].split("</table>")[0]
        return table

    rules = headers_and_cells("/admin/snippets/participation/earningrule/")
    assert "是" in rules and "True" not in rules
    items = headers_and_cells("/admin/snippets/participation/exchangeitem/")
    assert "否" in items and "False" not in items
    staff = headers_and_cells("/admin/snippets/participation/stationstaff/")
    assert "工作人员账号" in staff and "站点" in staff and "User" not in staff and "Station" not in staff


def test_pages_with_a_signed_in_resident_are_never_cached(client, ledger):
    session = client.session
    session["resident_id"] = ledger["zhang"].pk
    session.save()
    for path in ("/points/", "/me/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], path
        assert "X-Accel-Expires" not in response, path


def test_station_staff_award_only_at_their_own_stations(client, ledger, station, other_station, django_user_model):
    client.force_login(staff_of(other_station, django_user_model))
    rule = EarningRule.objects.get()
    before = PointEntry.objects.count()
    response = client.post("/admin/points/award/", {"phone": ZHANG, "rule": rule.pk, "station": station.pk})
    alerts = [part.split("</p>")[0] for part in response.content.decode().split('role="alert">')[1:]]
    assert response.status_code == 200 and alerts == ["请从列表中选择一项。"], alerts
    assert PointEntry.objects.count() == before
    client.post("/admin/points/award/", {"phone": ZHANG, "rule": rule.pk, "station": other_station.pk})
    assert PointEntry.objects.latest("pk").station == other_station
