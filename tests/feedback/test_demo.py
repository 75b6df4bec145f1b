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
