"""Signing up for activities: places up to the capacity, then a waiting list that moves up on cancellation,
a reminder the day before, and check-in at the door that awards points through the ledger once.

Every change of an activity's sign-ups starts by bumping its ``seats_version``, which takes the row lock
(PostgreSQL) or the write lock (SQLite): two residents asking for the last place are served one after the
other, and the second sees the first. A resident holds at most one active sign-up per activity (a partial
unique index).
"""

import datetime

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from services.participation import points

from . import notify
from .models import ACTIVE_SIGN_UP, Activity, SignUp, SignUpStatus

REMINDER_HOURS = 24


class SignUpError(Exception):
    """A message for the resident or the staff member, in Chinese."""


def lock(activity):
    Activity.objects.filter(pk=activity.pk).update(seats_version=F("seats_version") + 1)


def counts(activity):
    """(confirmed, waiting) for ``activity``."""
    rows = dict(
        activity.sign_ups.filter(status__in=ACTIVE_SIGN_UP).order_by().values_list("status").annotate(n=Count("pk"))
    )
    return rows.get(SignUpStatus.CONFIRMED, 0), rows.get(SignUpStatus.WAITING, 0)


def has_started(activity, now=None):
    return (now or timezone.now()) >= activity.starts_at()


def sign_up(resident, activity):
    """A place, or a place on the waiting list when the activity is full; SignUpError when neither is left."""
    if not activity.sign_up_open:
        raise SignUpError(_("Sign-up for this activity is closed."))
    if has_started(activity):
        raise SignUpError(_("This activity has already started."))
    with transaction.atomic():
        lock(activity)
        if SignUp.objects.filter(activity=activity, resident=resident, status__in=ACTIVE_SIGN_UP).exists():
            raise SignUpError(_("You have already signed up for this activity."))
        confirmed, waiting = counts(activity)
        if confirmed < activity.capacity:
            status = SignUpStatus.CONFIRMED
        elif waiting < activity.waiting_list:
            status = SignUpStatus.WAITING
        else:
            raise SignUpError(_("This activity is full and its waiting list too."))
        return SignUp.objects.create(activity=activity, resident=resident, status=status)


def waiting_position(sign_up_row):
    """1 for the first on the waiting list."""
    return (
        SignUp.objects.filter(
            activity_id=sign_up_row.activity_id, status=SignUpStatus.WAITING, created_at__lte=sign_up_row.created_at
        )
        .exclude(created_at=sign_up_row.created_at, pk__gt=sign_up_row.pk)
        .count()
    )


def cancel(sign_up_row):
    """The resident gives up a place (or a place in the queue); the first waiting resident moves up and is told."""
    activity = sign_up_row.activity
    promoted = None
    with transaction.atomic():
        lock(activity)
        was = SignUp.objects.filter(pk=sign_up_row.pk, status__in=ACTIVE_SIGN_UP).values_list("status", flat=True)
        was = was.first()
        if was is None:
            raise SignUpError(_("This sign-up has already been cancelled."))
        SignUp.objects.filter(pk=sign_up_row.pk).update(status=SignUpStatus.CANCELLED, cancelled_at=timezone.now())
        sign_up_row.status = SignUpStatus.CANCELLED
        if was == SignUpStatus.CONFIRMED and not has_started(activity):
            promoted = promote(activity)
    if promoted is not None:
        notify.tell(
            promoted.resident,
            _("A place has become free: you are now signed up for %(what)s. Cancel on the site if you cannot come.")
            % {"what": describe(activity)},
        )
    return promoted


def promote(activity):
    """Move the first waiting resident up while there is a free place (call with the activity locked)."""
    confirmed, _waiting = counts(activity)
    if confirmed >= activity.capacity:
        return None
    first = (
        activity.sign_ups.filter(status=SignUpStatus.WAITING)
        .select_related("resident")
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    SignUp.objects.filter(pk=first.pk).update(status=SignUpStatus.CONFIRMED, promoted_at=timezone.now())
    first.status = SignUpStatus.CONFIRMED
    return first


def describe(activity):
    return f"{activity.station.title}「{activity.title}」{activity.date:%m月%d日} {activity.start_time:%H:%M}"


def check_in(sign_up_row, user):
    """Staff check a resident in at the door; the activity's rule awards points once, however often clicked."""
    activity = sign_up_row.activity
    with transaction.atomic():
        updated = SignUp.objects.filter(
            pk=sign_up_row.pk, status=SignUpStatus.CONFIRMED, checked_in_at__isnull=True
        ).update(checked_in_at=timezone.now(), checked_in_by=user)
        if not updated:
            raise SignUpError(_("This resident has already been checked in, or holds no place."))
        entry = None
        if activity.rule_id and activity.rule.active:
            entry = points.award(
                sign_up_row.resident,
                activity.rule.points,
                f"{activity.rule.name}：{activity.title}（{activity.date:%m月%d日}）",
                user=user,
                rule=activity.rule,
                station=activity.station,
            )
            SignUp.objects.filter(pk=sign_up_row.pk).update(points_entry=entry)
    return entry


def due_reminders(now=None):
    """Confirmed sign-ups whose activity starts within the next 24 hours and who were not reminded yet."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    horizon = local + datetime.timedelta(hours=REMINDER_HOURS)
    candidates = SignUp.objects.filter(
        status=SignUpStatus.CONFIRMED,
        reminded_at__isnull=True,
        activity__date__gte=local.date(),
        activity__date__lte=horizon.date(),
    ).select_related("activity__station", "resident")
    return [s for s in candidates if now < s.activity.starts_at() <= horizon]


def send_reminders(now=None):
    """Text every resident due a reminder, once each (a second run, even in parallel, sends nothing again)."""
    sent = 0
    for row in due_reminders(now):
        if not SignUp.objects.filter(pk=row.pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
            continue
        notify.tell(
            row.resident,
            _("Reminder: %(what)s starts tomorrow or today at %(time)s, at %(address)s. Cancel on the site if "
              "you cannot come, so that someone on the waiting list can.")
            % {"what": describe(row.activity), "time": f"{row.activity.start_time:%H:%M}",
               "address": row.activity.station.address},
        )  # fmt: skip
        sent += 1
    return sent
