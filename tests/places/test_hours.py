"""Opening hours: what a resident reads as 开放中 / 即将关闭 / 已关闭 and when it changes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from services.places import hours, hours_text
from services.places.hours import opening_status
from services.places.hours_text import HoursSyntaxError, parse_weekly_text

MON = datetime.date(2026, 11, 23)  # a Monday


def at(day, hh, mm=0):
    return datetime.datetime.combine(day, datetime.time(hh, mm))


def schedule(text, exceptions=None, holidays="regular", notes=None):
    return {
        "weekly": parse_weekly_text(text),
        "exceptions": exceptions or {},
        "notes": notes or {},
        "holidays": holidays,
    }


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


OFFICE = schedule("周一至周五 08:30-12:00,13:30-17:30；周六 09:00-12:00")


def test_office_hours_with_lunch_break():
    assert opening_status(OFFICE, at(MON, 9)).state == hours.OPEN
    lunch = opening_status(OFFICE, at(MON, 12, 30))
    assert lunch.state == hours.CLOSED
    assert lunch.opens_at == at(MON, 13, 30)
    assert lunch.label == "已关闭 · 今天 13:30 开放"


def test_closing_soon_in_the_last_half_hour():
    status = opening_status(OFFICE, at(MON, 17, 5))
    assert status.state == hours.CLOSING_SOON
    assert status.label == "即将关闭 · 今天 17:30 关闭"
    assert opening_status(OFFICE, at(MON, 16, 59)).state == hours.OPEN
    assert opening_status(OFFICE, at(MON, 17, 30)).state == hours.CLOSED


def test_next_opening_tomorrow_and_after_sunday():
    friday_evening = opening_status(OFFICE, at(MON + datetime.timedelta(days=4), 20))
    assert friday_evening.label == "已关闭 · 明天 09:00 开放"
    sunday = opening_status(OFFICE, at(MON + datetime.timedelta(days=6), 10))
    assert sunday.opens_at == at(MON + datetime.timedelta(days=7), 8, 30)
    assert sunday.label == "已关闭 · 明天 08:30 开放"
    saturday_afternoon = opening_status(OFFICE, at(MON + datetime.timedelta(days=5), 13))
    assert saturday_afternoon.label == "已关闭 · 周一 08:30 开放"


def test_range_past_midnight_is_open_after_midnight_of_the_next_day():
    late = schedule("周五 20:00-次日02:00")
    friday = MON + datetime.timedelta(days=4)
    saturday = friday + datetime.timedelta(days=1)
    assert opening_status(late, at(friday, 23)).state == hours.OPEN
    after_midnight = opening_status(late, at(saturday, 1, 40))
    assert after_midnight.state == hours.CLOSING_SOON
    assert after_midnight.closes_at == at(saturday, 2)
    assert opening_status(late, at(saturday, 2, 1)).state == hours.CLOSED
    # Thursday night is not open: the range belongs to Friday only.
    assert opening_status(late, at(friday, 1)).state == hours.CLOSED


def test_every_day_past_midnight_merges_consecutive_days():
    late = schedule("每天 07:00-次日01:00")
    status = opening_status(late, at(MON, 23, 50))
    assert status.state == hours.OPEN
    assert status.label == "开放中 · 明天 01:00 关闭"


def test_24_hour_station_is_never_closing_soon_at_midnight():
    always = schedule("24小时")
    status = opening_status(always, at(MON, 23, 45))
    assert status.state == hours.OPEN
    assert status.always_open
    assert status.label == "开放中 · 24小时开放"


def test_24_hour_except_one_closed_day_says_when_it_closes():
    schedule_ = schedule("24小时", exceptions={(MON + datetime.timedelta(days=2)).isoformat(): []})
    status = opening_status(schedule_, at(MON, 10))
    assert status.state == hours.OPEN
    assert status.closes_at == at(MON + datetime.timedelta(days=2), 0)
    assert status.label == "开放中 · 明天 24:00 关闭"


def test_dated_exception_closes_a_normal_day():
    closed = schedule("周一至周五 09:00-17:00", exceptions={MON.isoformat(): []}, notes={MON.isoformat(): "设备检修"})
    status = opening_status(closed, at(MON, 10))
    assert status.state == hours.CLOSED
    assert status.opens_at == at(MON + datetime.timedelta(days=1), 9)


def test_dated_exception_with_special_hours_opens_a_sunday():
    sunday = MON + datetime.timedelta(days=6)
    special = schedule("周一至周五 09:00-17:00", exceptions={sunday.isoformat(): [["10:00", "14:00"]]})
    assert opening_status(special, at(sunday, 11)).state == hours.OPEN
    assert opening_status(special, at(sunday, 15)).state == hours.CLOSED


def test_public_holiday_closes_stations_that_follow_the_calendar():
    follows = schedule("周一至周五 09:00-17:00", holidays="closed")
    keeps = schedule("周一至周五 09:00-17:00", holidays="regular")
    calendar = {MON.isoformat(): hours.HOLIDAY}
    assert opening_status(follows, at(MON, 10), calendar).state == hours.CLOSED
    assert opening_status(keeps, at(MON, 10), calendar).state == hours.OPEN


def test_make_up_working_day_opens_on_a_weekend_with_monday_hours():
    follows = schedule("周一 08:30-17:30；周二至周五 09:00-17:00", holidays="closed")
    saturday = MON + datetime.timedelta(days=5)
    calendar = {saturday.isoformat(): hours.WORKDAY}
    status = opening_status(follows, at(saturday, 9), calendar)
    assert status.state == hours.OPEN
    assert status.closes_at == at(saturday, 17, 30)


def test_station_exception_wins_over_the_holiday_calendar():
    follows = schedule("周一至周五 09:00-17:00", holidays="closed", exceptions={MON.isoformat(): [["09:00", "12:00"]]})
    calendar = {MON.isoformat(): hours.HOLIDAY}
    assert opening_status(follows, at(MON, 10), calendar).state == hours.OPEN


def test_no_opening_for_two_weeks():
    closed = schedule(
        "周一 09:00-10:00", exceptions={(MON + datetime.timedelta(days=7 * n)).isoformat(): [] for n in range(3)}
    )
    status = opening_status(closed, at(MON, 11))
    assert status.state == hours.CLOSED
    assert status.opens_at is None
    assert status.label == "已关闭 · 近两周暂停开放"


def test_next_opening_more_than_a_week_away_shows_the_date():
    closed = schedule("周一 09:00-10:00", exceptions={(MON + datetime.timedelta(days=7)).isoformat(): []})
    status = opening_status(closed, at(MON, 11))
    assert status.opens_at == at(MON + datetime.timedelta(days=14), 9)
    assert status.label == "已关闭 · 12月7日 09:00 开放"


def test_aware_times_are_read_in_shanghai_time():
    utc_evening = datetime.datetime(2026, 11, 23, 1, 0, tzinfo=datetime.UTC)  # 09:00 in Shanghai
    assert opening_status(OFFICE, utc_evening).state == hours.OPEN
    new_york = datetime.datetime(2026, 11, 22, 20, 0, tzinfo=ZoneInfo("America/New_York"))  # Mon 09:00 Shanghai
    assert opening_status(OFFICE, new_york).state == hours.OPEN
    assert opening_status(OFFICE, datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)).state == hours.CLOSED


def test_is_open_at_agrees_with_the_full_status():
    late = schedule("每天 07:00-次日01:00；周日 休息")
    for day in range(8):
        for hour in range(24):
            moment = at(MON + datetime.timedelta(days=day), hour, 30)
            assert hours.is_open_at(late, moment) == opening_status(late, moment).is_open, moment


@pytest.mark.parametrize(
    ("text", "monday", "saturday", "sunday"),
    [
        ("周一至周五 09:00-17:00", [["09:00", "17:00"]], [], []),
        ("每天 00:00-24:00", [["00:00", "00:00"]], [["00:00", "00:00"]], [["00:00", "00:00"]]),
        ("24小时", [["00:00", "00:00"]], [["00:00", "00:00"]], [["00:00", "00:00"]]),
        ("工作日 9:00—12:00，13:30～17:30；周末 休息", [["09:00", "12:00"], ["13:30", "17:30"]], [], []),
        ("周六至周一 20:00-次日02:00", [["20:00", "02:00"]], [["20:00", "02:00"]], [["20:00", "02:00"]]),
        ("mon-fri 08:00-16:00; sat 10:00-12:00", [["08:00", "16:00"]], [["10:00", "12:00"]], []),
        ("1-5 08:00-16:00；7 10:00-12:00", [["08:00", "16:00"]], [], [["10:00", "12:00"]]),
        ("星期一、星期三 09:00-11:00", [["09:00", "11:00"]], [], []),
    ],
)
def test_parse_weekly_text(text, monday, saturday, sunday):
    weekly = parse_weekly_text(text)
    assert weekly[0] == monday
    assert weekly[5] == saturday
    assert weekly[6] == sunday


@pytest.mark.parametrize(
    "text", ["", "周八 09:00-10:00", "周一 9点到10点", "周一 25:00-26:00", "周一 09:00-09:75", "随时"]
)
def test_unreadable_hours_are_refused_with_a_reason(text):
    with pytest.raises(HoursSyntaxError) as error:
        parse_weekly_text(text)
    assert str(error.value)


@pytest.mark.parametrize(
    "text",
    [
        "24小时",
        "周一至周五 08:30-12:00,13:30-17:30；周六 09:00-12:00",
        "每天 07:00-次日01:00",
        "周一 09:00-10:00；周三 09:00-10:00；周日 20:00-次日02:00",
    ],
)
def test_text_form_round_trips(text):
    weekly = parse_weekly_text(text)
    assert hours_text.format_weekly_text(weekly) == text
    assert parse_weekly_text(hours_text.format_weekly_text(weekly)) == weekly


def test_a_broken_stored_range_does_not_break_the_status():
    broken = {"weekly": [[["9h", "17:00"], ["09:00", "17:00"]]] + [[] for _i in range(6)], "holidays": "regular"}
    assert opening_status(broken, at(MON, 10)).state == hours.OPEN
