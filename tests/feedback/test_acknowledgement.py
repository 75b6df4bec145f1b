"""签收: a dispatched ticket is acknowledged by its department by a working-day deadline per category."""

import datetime

import pytest
from django.utils import timezone

from services.feedback.calendar import add_working_days
from services.feedback.models import Status, TicketEvent
from services.feedback.workflow import perform
from services.places.models.holidays import PublicHoliday

from .factories import make_ticket

pytestmark = pytest.mark.django_db


def dispatched(category, community, centre_user, dept):
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    return perform(ticket, "dispatch", centre_user, department=dept.pk)


def admin_url(ticket):
    return f"/admin/feedback/tickets/{ticket.pk}/"


def test_dispatch_sets_the_acknowledgement_deadline_in_working_days(category, community, centre_user, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    today = timezone.localdate()
    assert ticket.dispatched_at is not None and timezone.localdate(ticket.dispatched_at) == today
    assert ticket.acknowledge_by == add_working_days(today, 1)
    assert ticket.acknowledge_by.weekday() < 5 and ticket.acknowledge_by > today
    assert ticket.acknowledged_at is None and ticket.awaiting_acknowledgement


def test_the_categorys_days_and_the_holiday_calendar_set_the_deadline(category, community, centre_user, dept_a):
    category.acknowledge_days = 2
    category.save()
    today = timezone.localdate()
    plain = add_working_days(today, 2)
    # A holiday on the first working day after today pushes the deadline one working day later.
    PublicHoliday.objects.create(date=add_working_days(today, 1), name="测试假日", kind="holiday")
    ticket = dispatched(category, community, centre_user, dept_a)
    assert ticket.acknowledge_by > plain
    assert ticket.acknowledge_by == add_working_days(today, 2)


def test_acknowledged_in_time_shows_on_the_residents_timeline(client, category, community, centre_user, user_a, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    client.force_login(user_a)
    page = client.get(admin_url(ticket)).content.decode()
    assert 'data-action-button="acknowledge"' in page and "待签收" in page
    response = client.post(admin_url(ticket), {"action": "acknowledge"}, follow=True)
    assert "已完成：已签收" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.acknowledged_at is not None and ticket.acknowledged_in_time
    assert ticket.acknowledgement_state() == ""
    assert ticket.status == Status.DISPATCHED  # acknowledging is not yet handling
    event = ticket.events.get(action="acknowledged")
    assert event.public and event.department == dept_a and event.actor == user_a
    # The button is gone once acknowledged.
    assert 'data-action-button="acknowledge"' not in client.get(admin_url(ticket)).content.decode()
    client.logout()
    track = client.get(ticket.get_tracking_url()).content.decode()
    assert "已签收" in track and "城管执法中队" in track


def test_acknowledged_late_is_marked_late(client, category, community, centre_user, user_a, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    # Dispatched a week ago: the deadline has passed.
    ticket.dispatched_at = timezone.now() - datetime.timedelta(days=7)
    ticket.acknowledge_by = timezone.localdate() - datetime.timedelta(days=3)
    ticket.save()
    assert ticket.acknowledgement_state() == "overdue"
    client.force_login(user_a)
    client.post(admin_url(ticket), {"action": "acknowledge"})
    ticket.refresh_from_db()
    assert ticket.acknowledged_at is not None and not ticket.acknowledged_in_time
    assert ticket.acknowledgement_state() == "late"
    assert "超过签收期限" in client.get(admin_url(ticket)).content.decode()


def test_never_acknowledged_is_flagged_in_the_inbox(client, category, community, centre_user, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    ticket.acknowledge_by = timezone.localdate() - datetime.timedelta(days=1)
    ticket.save()
    assert ticket.acknowledgement_state() == "overdue" and not ticket.acknowledged_in_time
    client.force_login(centre_user)
    inbox = client.get("/admin/feedback/tickets/").content.decode()
    assert 'data-flag="unacknowledged"' in inbox
    done = dispatched(category, community, centre_user, dept_a)
    done.acknowledged_at = timezone.now()
    done.save()
    waiting = client.get("/admin/feedback/tickets/?flag=unacknowledged").content.decode()
    assert ticket.number in waiting and done.number not in waiting
    detail = client.get(admin_url(ticket)).content.decode()
    assert 'data-acknowledgement="overdue"' in detail
    # The centre cannot acknowledge on the department's behalf.
    assert 'data-action-button="acknowledge"' not in detail
    client.post(admin_url(ticket), {"action": "acknowledge"})
    ticket.refresh_from_db()
    assert ticket.acknowledged_at is None
    assert "已签收" not in client.get(ticket.get_tracking_url()).content.decode()


def test_acknowledging_twice_is_a_message_not_an_error(client, category, community, centre_user, user_a, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    client.force_login(user_a)
    client.post(admin_url(ticket), {"action": "acknowledge"})
    ticket.refresh_from_db()
    first = ticket.acknowledged_at
    response = client.post(admin_url(ticket), {"action": "acknowledge"}, follow=True)
    assert response.status_code == 200
    assert "此工单已于" in response.content.decode() and "无需重复签收" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.acknowledged_at == first
    assert TicketEvent.objects.filter(ticket=ticket, action="acknowledged").count() == 1


def test_another_department_cannot_acknowledge(client, category, community, centre_user, user_b, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    client.force_login(user_b)
    assert client.post(admin_url(ticket), {"action": "acknowledge"}).status_code == 404
    ticket.refresh_from_db()
    assert ticket.acknowledged_at is None


def test_a_redispatch_starts_the_acknowledgement_over(category, community, centre_user, user_a, dept_a, dept_b):
    ticket = dispatched(category, community, centre_user, dept_a)
    ticket = perform(ticket, "acknowledge", user_a)
    assert ticket.acknowledged_at is not None
    ticket = perform(ticket, "return", user_a, reason="不属于本部门职责")
    ticket = perform(ticket, "dispatch", centre_user, department=dept_b.pk)
    assert ticket.acknowledged_at is None and ticket.acknowledge_by is not None and ticket.awaiting_acknowledgement


def test_handling_without_pressing_acknowledge_counts_as_acknowledging(
    category, community, centre_user, user_a, dept_a
):
    ticket = dispatched(category, community, centre_user, dept_a)
    ticket = perform(ticket, "start", user_a)
    assert ticket.acknowledged_at is not None and ticket.acknowledged_in_time
    actions = list(ticket.events.values_list("action", flat=True))
    assert actions[-2:] == ["acknowledged", "start"]


def test_a_deadline_without_a_holiday_calendar_says_it_is_an_estimate(client, category, community, centre_user, dept_a):
    ticket = dispatched(category, community, centre_user, dept_a)
    client.force_login(centre_user)
    # No calendar for the deadline's year: the page says the date counts Monday to Friday only.
    assert ticket.deadline_estimated
    assert "data-deadline-estimated" in client.get(admin_url(ticket)).content.decode()
    for year in {ticket.due_date.year, ticket.acknowledge_by.year}:
        PublicHoliday.objects.get_or_create(date=datetime.date(year, 1, 1), defaults={"name": "元旦"})
    ticket.refresh_from_db()
    assert not ticket.deadline_estimated
    assert "data-deadline-estimated" not in client.get(admin_url(ticket)).content.decode()


def test_tickets_dispatched_before_the_migration_get_their_dispatch_time(category, community, centre_user, dept_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("services.feedback.migrations.0006_acknowledgement")
    ticket = dispatched(category, community, centre_user, dept_a)
    event = ticket.events.get(action="dispatch")
    ticket.dispatched_at = None
    ticket.save()
    undispatched = make_ticket(category, community)
    migration.backfill_dispatched_at(apps, None)
    ticket.refresh_from_db()
    undispatched.refresh_from_db()
    assert ticket.dispatched_at == event.created_at
    assert undispatched.dispatched_at is None
