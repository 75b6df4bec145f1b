"""The holiday calendar: seeded from the chinesecalendar package (holidays and 调休), editors' days kept,
and a visible warning (admin, /healthz, the ticket page) when the current or next year has no calendar."""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.feedback.calendar import add_working_days, is_estimated
from services.places.holiday_seed import package_years, seed_holidays
from services.places.models import PublicHoliday
from services.places.models.holidays import missing_calendar_years

pytestmark = pytest.mark.django_db
D = datetime.date


def test_seeding_brings_every_year_the_package_knows_with_its_make_up_days():
    counts = seed_holidays()
    assert counts["created"] > 500
    years = package_years()
    assert years[0] <= 2010 and 2026 in years
    assert set(PublicHoliday.objects.dates("date", "year").values_list("date__year", flat=True)) == set(years)
    make_up = PublicHoliday.objects.get(date=D(2026, 9, 20))  # a Sunday worked before National Day
    assert make_up.kind == "workday" and make_up.name == "国庆节调休上班"
    assert PublicHoliday.objects.get(date=D(2026, 10, 1)).name == "国庆节"
    assert PublicHoliday.objects.get(date=D(2026, 2, 17)).name == "春节"
    # Deadlines follow it: Friday 18 Sep + 1 working day is the make-up Sunday, not Monday 21 Sep.
    assert add_working_days(D(2026, 9, 18), 1) == D(2026, 9, 20)
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)  # National Day: 1–7 Oct
    assert seed_holidays()["created"] == 0  # a second run changes nothing


def test_seeding_never_overrides_an_editors_change(admin_client):
    seed_holidays()
    edited = PublicHoliday.objects.get(date=D(2026, 10, 7))
    response = admin_client.post(
        f"/admin/snippets/places/publicholiday/edit/{edited.pk}/",
        {"date": "2026-10-07", "name": "区内补休（编辑调整）", "kind": "holiday"},
    )
    assert response.status_code == 302
    deleted = PublicHoliday.objects.get(date=D(2026, 10, 10))
    response = admin_client.post(f"/admin/snippets/places/publicholiday/delete/{deleted.pk}/")
    assert response.status_code == 302 and not PublicHoliday.objects.filter(date=D(2026, 10, 10)).exists()
    # A seeded day nobody edited is brought back in line with the package.
    PublicHoliday.objects.filter(date=D(2026, 10, 2)).update(name="误改")
    counts = seed_holidays()
    assert PublicHoliday.objects.get(date=D(2026, 10, 7)).name == "区内补休（编辑调整）"
    assert not PublicHoliday.objects.filter(date=D(2026, 10, 10)).exists()
    assert PublicHoliday.objects.get(date=D(2026, 10, 2)).name == "国庆节"
    assert counts["kept"] == 2 and counts["updated"] == 1


def test_the_command_seeds_and_names_a_missing_year(capsys):
    call_command("seed_holidays")
    out, err = capsys.readouterr()
    assert "新增" in out and PublicHoliday.objects.filter(date=D(2026, 9, 20)).exists()
    expected = missing_calendar_years()
    for year in expected:
        assert f"{year} 年的节假日安排尚未录入" in err


def test_the_demo_takes_the_calendar_from_the_package_and_guesses_nothing():
    from services.places.demo import load_holidays

    load_holidays()
    assert PublicHoliday.objects.get(date=D(2026, 9, 20)).kind == "workday"
    known = {year for year in package_years() if year >= 2026}
    assert set(PublicHoliday.objects.values_list("date__year", flat=True).distinct()) == known
    assert not PublicHoliday.objects.filter(date__year__gt=max(known)).exists()


def this_and_next_year():
    year = timezone.localdate().year
    return year, year + 1


def enter_year(year):
    PublicHoliday.objects.create(date=D(year, 1, 1), name="元旦", kind="holiday")


def test_missing_years_are_the_current_and_next_without_any_day():
    assert missing_calendar_years(D(2026, 12, 6)) == [2026, 2027]
    enter_year(2026)
    assert missing_calendar_years(D(2026, 12, 6)) == [2027]
    enter_year(2027)
    assert missing_calendar_years(D(2026, 12, 6)) == []


def test_healthz_reports_a_missing_year_and_recovers(client):
    this_year, next_year = this_and_next_year()
    enter_year(this_year)
    body = client.get("/healthz").json()
    assert body["checks"]["calendar"] == {"ok": False, "missing_years": [next_year]}
    assert body["status"] == "degraded"
    assert client.get("/healthz").status_code == 200  # pages are still served
    enter_year(next_year)
    body = client.get("/healthz").json()
    assert body["checks"]["calendar"]["ok"] is True and body["status"] == "ok"


def test_the_admin_warns_on_the_dashboard_and_the_holiday_list(admin_client):
    this_year, next_year = this_and_next_year()
    enter_year(this_year)
    dashboard = admin_client.get("/admin/").content.decode()
    assert (
        "data-holiday-calendar-warning" in dashboard and f"{next_year} 年的法定节假日和调休上班日尚未录入" in dashboard
    )
    listing = admin_client.get("/admin/snippets/places/publicholiday/").content.decode()
    assert f"{next_year} 年的法定节假日和调休上班日尚未录入" in listing
    enter_year(next_year)
    assert "data-holiday-calendar-warning" not in admin_client.get("/admin/").content.decode()
    assert "尚未录入" not in admin_client.get("/admin/snippets/places/publicholiday/").content.decode()


def test_a_deadline_in_a_year_without_calendar_is_computed_but_never_silently(caplog):
    enter_year(2026)
    with caplog.at_level(logging.WARNING, logger="services.feedback.calendar"):
        due = add_working_days(D(2026, 12, 31), 1)
    assert due == D(2027, 1, 1)  # Monday–Friday, the only rule left without a calendar
    assert "no holiday calendar for 2027" in caplog.text
    assert is_estimated(due) and not is_estimated(D(2026, 12, 31))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="services.feedback.calendar"):
        add_working_days(D(2026, 12, 1), 1)
    assert caplog.text == ""
