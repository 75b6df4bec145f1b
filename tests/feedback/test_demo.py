"""The demo loader fills every status and can run twice."""

import pytest

from services.feedback import demo
from services.feedback.models import Status, Ticket, Wish


@pytest.mark.django_db
def test_demo_loads_every_status_and_is_idempotent(home_page):
    from services.places import demo as places_demo

    places_demo.load(home_page)
    demo.load(home_page)
    counts = {s: Ticket.objects.filter(status=s).count() for s in Status.values}
    assert all(counts.values()), counts
    assert Ticket.objects.filter(hidden=True).exists() and Ticket.objects.filter(published=True).exists()
    total, wishes = Ticket.objects.count(), Wish.objects.count()
    demo.load(home_page)
    assert Ticket.objects.count() == total and Wish.objects.count() == wishes
    overdue = [t for t in Ticket.objects.filter(status=Status.DISPATCHED) if t.deadline_state() == "overdue"]
    assert overdue


@pytest.mark.django_db
def test_demo_replies_fit_their_complaints_and_timelines_look_human(home_page):
    import datetime

    from django.utils import timezone

    from services.feedback.calendar import is_working_day
    from services.places import demo as places_demo

    places_demo.load(home_page)
    demo.load(home_page)
    replied = Ticket.objects.exclude(reply="")
    replies = [t.reply for t in replied]
    assert len(replies) >= 10 and len(set(replies)) == len(replies)
    by_address = {t.address: t for t in Ticket.objects.all()}
    assert "路灯" in by_address["望湖路88号门口"].reply
    assert "红绿灯" in by_address["柳荫路与桂园路口"].reply or "绿灯" in by_address["柳荫路与桂园路口"].reply
    assert "可回收物" in by_address["柳荫小区南区投放点"].reply
    for ticket in Ticket.objects.filter(category__code="other", hidden=False):
        assert "物业" not in ticket.department.name and "正在处理" not in ticket.reply
    assert not Ticket.objects.filter(description__contains="健康码").exists()
    now = timezone.now()
    for ticket in Ticket.objects.all():
        events = list(ticket.events.all())
        assert events[0].created_at == ticket.submitted_at
        gaps = {events[i + 1].created_at - events[i].created_at for i in range(len(events) - 1)}
        assert len(gaps) == len(events) - 1 or len(events) < 3  # not a fixed rhythm
        for event in events:
            local = timezone.localtime(event.created_at)
            if now - event.created_at < datetime.timedelta(hours=2):
                continue  # squeezed in before "now"
            if event.action in ("received", "rate"):
                assert datetime.time(7, 30) <= local.time() <= datetime.time(21, 30), (ticket.number, event.action)
            else:
                assert is_working_day(local.date()), (ticket.number, event.action)
                assert datetime.time(8, 30) <= local.time() <= datetime.time(19, 0), (ticket.number, event.action)
        if ticket.rated_at:
            assert ticket.rated_at == [e for e in events if e.action == "rate"][-1].created_at


@pytest.mark.django_db
def test_demo_acknowledgements_follow_the_backdated_timeline(home_page):
    from django.utils import timezone

    from services.places import demo as places_demo

    places_demo.load(home_page)
    demo.load(home_page)
    dispatched = list(Ticket.objects.exclude(dispatched_at=None))
    assert dispatched
    for ticket in dispatched:
        last_dispatch = ticket.events.filter(action="dispatch").order_by("-created_at").first()
        assert ticket.dispatched_at == last_dispatch.created_at
        assert ticket.acknowledge_by > timezone.localdate(ticket.dispatched_at)
        if ticket.acknowledged_at:
            acknowledged = ticket.events.filter(action="acknowledged").order_by("-created_at").first()
            assert ticket.acknowledged_at == acknowledged.created_at >= ticket.dispatched_at
    assert any(t.acknowledged_in_time for t in dispatched)
    never = [t for t in dispatched if t.acknowledgement_state() == "overdue"]
    assert never  # the demo's overdue tickets were never acknowledged
