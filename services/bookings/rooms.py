"""Booking station rooms: a resident asks for a free slot, staff approve or decline it, the resident is told.

A slot is never booked twice: the database holds at most one pending or approved booking per room, date and
start time (a partial unique index), so of two requests for one slot, whatever the timing, the second fails.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notify
from .models import HOLDS_SLOT, BookingStatus, RoomBooking
from .slots import find_slot

# A resident holds at most this many coming bookings, so that nobody reserves a room for the whole month.
MAX_ACTIVE_BOOKINGS = 3


class BookingError(Exception):
    """A message for the resident or the staff member, in Chinese."""


def book(resident, room, slot_key, purpose, attendees):
    """Ask for a slot of ``room``; returns the pending booking or raises BookingError."""
    if not room.active:
        raise BookingError(_("This room is not open for booking."))
    if attendees > room.capacity:
        raise BookingError(_("This room seats at most %(n)d people.") % {"n": room.capacity})
    slot = find_slot(room, slot_key)
    if slot is None:
        raise BookingError(_("This time is not bookable: the station is closed then, or it has passed."))
    if not slot.free:
        raise BookingError(_("Someone has just booked this time. Please choose another."))
    coming = RoomBooking.objects.filter(
        resident=resident, status__in=HOLDS_SLOT, date__gte=timezone.localdate()
    ).count()
    if coming >= MAX_ACTIVE_BOOKINGS:
        raise BookingError(_("You already have %(n)d bookings waiting or coming up. Cancel one first.") % {"n": coming})
    try:
        with transaction.atomic():
            return RoomBooking.objects.create(
                room=room,
                resident=resident,
                date=slot.date,
                start_time=slot.start,
                end_time=slot.end,
                purpose=purpose,
                attendees=attendees,
            )
    except IntegrityError:
        raise BookingError(_("Someone has just booked this time. Please choose another.")) from None


def _describe(booking):
    return f"{booking.room.station.title}{booking.room.name} {booking.date:%m月%d日} {booking.start_time:%H:%M}"


def _change(booking, from_statuses, **values):
    """Move ``booking`` on only if it is still in one of ``from_statuses`` (two clicks change it once)."""
    updated = RoomBooking.objects.filter(pk=booking.pk, status__in=from_statuses).update(**values)
    if not updated:
        raise BookingError(_("This booking has already been handled."))
    for name, value in values.items():
        setattr(booking, name, value)


def approve(booking, user):
    _change(booking, [BookingStatus.PENDING], status=BookingStatus.APPROVED, handled_by=user, handled_at=timezone.now())
    notify.tell(
        booking.resident,
        _("Your booking of %(what)s is approved. Please arrive on time.") % {"what": _describe(booking)},
    )


def decline(booking, user, reason):
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(_("Give the resident a reason."))
    _change(
        booking,
        [BookingStatus.PENDING, BookingStatus.APPROVED],
        status=BookingStatus.DECLINED,
        reason=reason[:200],
        handled_by=user,
        handled_at=timezone.now(),
    )
    notify.tell(
        booking.resident,
        _("Your booking of %(what)s could not be accepted: %(reason)s")
        % {"what": _describe(booking), "reason": booking.reason},
    )


def cancel(booking):
    """The resident withdraws a pending or approved booking; the slot is free again."""
    _change(booking, HOLDS_SLOT, status=BookingStatus.CANCELLED, handled_at=timezone.now())
