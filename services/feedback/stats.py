"""Public figures of the feedback loop, for the home page and the showcase dashboard.

``feedback_figures(days=None)`` is the one function other apps call.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OPEN_STATUSES, Rating, Status, Ticket


def feedback_figures(days=None, since=None, tickets=None):
    """Counts and rates over all time, or the last ``days`` days.

    Returns a dict: ``received``, ``closed``, ``open``, ``overdue``, ``replied`` (tickets with a
    first reply), ``avg_reply_hours`` (submission to first reply, None without replies),
    ``rated``, ``satisfied`` (满意 + 基本满意) and ``satisfaction_rate`` (percent, None when unrated),
    plus ``period`` (what the figures cover, to show next to them: 累计 / 近30天 / 自某日起) and
    ``period_days`` (None unless ``days`` was given).
    """
    tickets = (tickets if tickets is not None else Ticket.objects.all()).filter(hidden=False)
    if days is not None:
        since = timezone.now() - datetime.timedelta(days=days)
    if since is not None:
        tickets = tickets.filter(submitted_at__gte=since)
    today = timezone.localdate()
    counts = tickets.aggregate(
        received=Count("pk"),
        closed=Count("pk", filter=Q(status=Status.CLOSED)),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
        rated=Count("pk", filter=~Q(rating="")),
        satisfied=Count("pk", filter=Q(rating__in=[Rating.SATISFIED, Rating.BASIC])),
    )
    # Averaged in Python: date arithmetic in aggregates differs between SQLite and PostgreSQL.
    pairs = tickets.filter(first_replied_at__isnull=False).values_list("submitted_at", "first_replied_at")
    durations = [(replied - submitted).total_seconds() for submitted, replied in pairs]
    counts["replied"] = len(durations)
    counts["avg_reply_hours"] = round(sum(durations) / len(durations) / 3600, 1) if durations else None
    counts["satisfaction_rate"] = round(100 * counts["satisfied"] / counts["rated"], 1) if counts["rated"] else None
    counts["period_days"] = days
    counts["period"] = period_label(days, since)
    return counts


def period_label(days=None, since=None):
    """“近30天”, “自2026-01-01起” or “累计”: the period a figure covers, in words."""
    if days is not None:
        return ngettext("last %(days)d day", "last %(days)d days", days) % {"days": days}
    if since is not None:
        return _("since %(date)s") % {"date": timezone.localtime(since).date().isoformat()}
    return str(ALL_TIME)


ALL_TIME = _("all time")


def counts_by_status(tickets=None):
    """{status: count} for the admin dashboard."""
    tickets = tickets if tickets is not None else Ticket.objects.filter(hidden=False)
    rows = tickets.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def closed_count():
    return Ticket.objects.filter(hidden=False, status=Status.CLOSED).count()


def satisfaction_rate():
    return feedback_figures()["satisfaction_rate"] or 0
