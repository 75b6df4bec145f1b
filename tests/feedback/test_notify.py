"""E-mail notifications: sent through the task framework, retried after failures, never blocking a ticket."""

import pytest
from django.core import mail

from services.feedback.models import Notification, Status
from services.feedback.notify import retry_due
from services.feedback.workflow import perform

from .factories import make_ticket

pytestmark = pytest.mark.django_db


def test_department_is_mailed_on_dispatch_and_resident_on_reply(django_capture_on_commit_callbacks, category, community,
                                                                centre_user, dept_a):  # fmt: skip
    ticket = make_ticket(category, community, email="resident@example.cn")
    perform(ticket, "accept", centre_user)
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    assert [m.to for m in mail.outbox] == [["cg@example.cn"]]
    assert ticket.number in mail.outbox[0].subject and "13812345678" not in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "reply", centre_user, reply="已处理。")
    assert mail.outbox[1].to == ["resident@example.cn"]
    assert ticket.tracking_token in mail.outbox[1].body
    assert Notification.objects.filter(status=Notification.SENT).count() == 2


def test_a_failing_mail_server_never_blocks_the_ticket(django_capture_on_commit_callbacks, category, community,
                                                       centre_user, dept_a, settings, monkeypatch):  # fmt: skip
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("services.feedback.notify.send_mail", broken)
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    with django_capture_on_commit_callbacks(execute=True):
        ticket = perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    ticket.refresh_from_db()
    assert ticket.status == Status.DISPATCHED
    note = Notification.objects.get()
    assert note.status == Notification.PENDING and note.attempts == 1 and "SMTP down" in note.last_error
    # The server comes back; the retry (task or command) sends the message.
    monkeypatch.undo()
    from django.utils import timezone

    assert retry_due(now=timezone.now() + timezone.timedelta(hours=1)) == 1
    note.refresh_from_db()
    assert note.status == Notification.SENT and mail.outbox[0].to == ["cg@example.cn"]


def test_retry_gives_up_after_many_attempts(category, community, monkeypatch):
    from services.feedback.notify import MAX_ATTEMPTS, deliver

    monkeypatch.setattr("services.feedback.notify.send_mail", lambda *a, **k: (_ for _ in ()).throw(OSError("down")))
    ticket = make_ticket(category, community)
    note = Notification.objects.create(ticket=ticket, recipient="x@example.cn", subject="s", body="b")
    for _ in range(MAX_ATTEMPTS):
        deliver(note.pk)
    note.refresh_from_db()
    assert note.status == Notification.FAILED and note.attempts == MAX_ATTEMPTS


def test_retry_command(category, community, capsys):
    from django.core.management import call_command

    ticket = make_ticket(category, community)
    Notification.objects.create(ticket=ticket, recipient="x@example.cn", subject="s", body="b")
    call_command("retry_feedback_notifications")
    assert "1" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_anonymise_old_feedback(category, community, centre_user):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from services.feedback.models import Ticket

    old = make_ticket(category, community)
    perform(old, "hide", centre_user, reason="重复")
    Ticket.objects.filter(pk=old.pk).update(closed_at=timezone.now() - datetime.timedelta(days=4 * 365))
    recent = make_ticket(category, community)
    call_command("anonymise_old_feedback")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.phone == "" and old.name == "" and old.description
    assert recent.phone == "13812345678"


def test_an_unexpected_notification_error_after_commit_is_only_logged(django_capture_on_commit_callbacks, category,
                                                                      community, centre_user, dept_a, monkeypatch):  # fmt: skip
    def explode(ticket_id):
        raise RuntimeError("outbox table locked")

    monkeypatch.setattr("services.feedback.notify.department_dispatched", explode)
    ticket = make_ticket(category, community)
    perform(ticket, "accept", centre_user)
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "dispatch", centre_user, department=dept_a.pk)
    ticket.refresh_from_db()
    assert ticket.status == Status.DISPATCHED
