"""The public figures other apps show: received, closed, reply time, satisfaction; the home-page strip."""

import datetime

import pytest
from django.utils import timezone

from services.feedback.models import Ticket
from services.feedback.stats import feedback_figures
from services.feedback.workflow import perform

from .factories import make_ticket

pytestmark = pytest.mark.django_db


def test_figures(category, community, centre_user):
    assert feedback_figures()["satisfaction_rate"] is None
    tickets = [make_ticket(category, community) for _ in range(4)]
    for t, rating in zip(tickets[:3], ["satisfied", "basic", "unsatisfied"], strict=True):
        perform(t, "accept", centre_user)
        perform(t, "reply", centre_user, reply="已处理")
        perform(t, "rate", as_resident=True, rating=rating, comment="仍未解决" if rating == "unsatisfied" else "")
    Ticket.objects.filter(pk=tickets[0].pk).update(submitted_at=timezone.now() - datetime.timedelta(hours=10))
    figures = feedback_figures()
    assert figures["received"] == 4 and figures["closed"] == 2 and figures["open"] == 2
    assert figures["satisfaction_rate"] == 66.7
    assert figures["replied"] == 3 and 3.0 <= figures["avg_reply_hours"] <= 3.5
    Ticket.objects.filter(pk=tickets[3].pk).update(submitted_at=timezone.now() - datetime.timedelta(days=40))
    assert feedback_figures(days=30)["received"] == 3
    assert str(feedback_figures(days=30)["period"]) == "近30天" and str(figures["period"]) == "累计"


def test_home_figures_are_registered(category, community, centre_user):
    from home.registry import _FIGURES

    keys = {f.key: f for f in _FIGURES}
    assert {"feedback_closed", "feedback_satisfaction"} <= set(keys)
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    perform(ticket, "reply", centre_user, reply="已处理")
    perform(ticket, "rate", as_resident=True, rating="satisfied")
    assert keys["feedback_closed"].compute() == 1
    assert keys["feedback_satisfaction"].compute() == 100.0
    assert str(keys["feedback_satisfaction"].label) == "累计答复满意率"
    assert str(keys["feedback_closed"].label) == "累计办结居民诉求"


def test_closing_a_ticket_refreshes_the_home_figures_at_once(
    category, community, centre_user, django_capture_on_commit_callbacks
):
    from home.registry import figures_for_home
    from portal.ground import content_version

    def closed():
        return next(f["value"] for f in figures_for_home() if f["key"] == "feedback_closed")

    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket(category, community)
    assert content_version.current() == before  # a submission changes nothing public
    assert closed() == 0  # now cached for a minute
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "accept", centre_user)
        perform(ticket, "reply", centre_user, reply="已处理")
        perform(ticket, "rate", as_resident=True, rating="satisfied")
    assert content_version.current() > before
    assert closed() == 1
