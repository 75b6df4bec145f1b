"""Working-day arithmetic over weekends, holidays and make-up workdays, and the deadline flags."""

import datetime

import pytest

from services.feedback.calendar import add_working_days, deadline_state, is_working_day, working_days_between
from services.places.models.holidays import PublicHoliday

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def national_day_2026(db):
    # 2026 National Day: 1–7 Oct off; Sat 10 Oct is a make-up workday.
    for day in range(1, 8):
        PublicHoliday.objects.create(date=D(2026, 10, day), name="国庆节", kind="holiday")
    PublicHoliday.objects.create(date=D(2026, 10, 10), name="国庆调休", kind="workday")


def test_plain_weeks_skip_weekends():
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 23)  # Friday → Monday
    assert add_working_days(D(2026, 11, 23), 5) == D(2026, 11, 30)
    assert add_working_days(D(2026, 11, 21), 1) == D(2026, 11, 23)  # from a Saturday


def test_holidays_are_skipped_and_make_up_days_count(national_day_2026):
    assert not is_working_day(D(2026, 10, 1))
    assert is_working_day(D(2026, 10, 10))  # a Saturday
    # Dispatched on Wed 30 Sep with 3 working days: 8 Oct, 9 Oct, Sat 10 Oct.
    assert add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert add_working_days(D(2026, 9, 30), 4) == D(2026, 10, 12)
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4


def test_a_holiday_added_later_moves_new_deadlines():
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)
    PublicHoliday.objects.create(date=D(2027, 1, 1), name="元旦", kind="holiday")
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)


def test_deadline_flags():
    due = D(2026, 11, 25)  # a Wednesday
    assert deadline_state(due, today=D(2026, 11, 26)) == "overdue"
    assert deadline_state(due, today=D(2026, 11, 25)) == "due_soon"
    assert deadline_state(due, today=D(2026, 11, 24)) == "due_soon"
    assert deadline_state(due, today=D(2026, 11, 23)) == ""
    # Friday before a Monday deadline: one working day left → due soon.
    assert deadline_state(D(2026, 11, 30), today=D(2026, 11, 27)) == "due_soon"
