"""Resident pages: book a station's room (/stations/<id>/book/), sign up for activities, 我的预约与报名.

Every page here is personal or carries a form: never cached (never_cache), as the page cache requires.
"""

import datetime

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from services.participation import signin
from services.places.models import StationPage

from . import rooms, signups
from .forms import BookingForm
from .models import ACTIVE_SIGN_UP, HOLDS_SLOT, Activity, RoomBooking, SignUp, SignUpStatus
from .slots import bookable_days, day_slots


def live_station(page_id):
    return get_object_or_404(StationPage.objects.live().public(), pk=page_id)


def sign_in_first(request, message, next_url):
    messages.info(request, message)
    return redirect(f"{reverse('participation:me')}?next={next_url}")


def chosen_day(room, raw):
    days = bookable_days(room)
    try:
        day = datetime.date.fromisoformat(raw or "")
    except ValueError:
        return days[0], days
    return (day if day in days else days[0]), days


@never_cache
def book_room(request, page_id):
    """The station's rooms, the free slots of the chosen room and day, and the booking form."""
    station = live_station(page_id)
    room_list = list(station.rooms.filter(active=True))
    room = next((r for r in room_list if str(r.pk) == request.GET.get("room", request.POST.get("room"))), None)
    room = room or (room_list[0] if room_list else None)
    resident = signin.current_resident(request)
    form = BookingForm(request.POST or None)
    if request.method == "POST":
        if resident is None:
            return sign_in_first(request, _("Sign in with your mobile number to book a room."), request.path)
        if room is not None and form.is_valid():
            data = form.cleaned_data
            try:
                booking = rooms.book(resident, room, data["slot"], data["purpose"], data["attendees"])
            except rooms.BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Booking sent: %(room)s, %(date)s %(time)s. The station will reply by text message.")
                    % {"room": room.name, "date": f"{booking.date:%m月%d日}", "time": f"{booking.start_time:%H:%M}"},
                )
                return redirect("bookings:mine")
    day, days = chosen_day(room, request.GET.get("date") or request.POST.get("slot", "")[:10]) if room else (None, [])
    context = {
        "station": station,
        "rooms": room_list,
        "room": room,
        "day": day,
        "days": days,
        "slots": day_slots(room, day) if room else [],
        "form": form,
        "resident": resident,
        "chosen_slot": request.POST.get("slot", ""),
    }
    return render(request, "bookings/book.html", context, status=400 if form.errors else 200)


def open_activities():
    """Activities open for sign-up that have not started, with their counts."""
    today = timezone.localdate()
    return (
        Activity.objects.filter(sign_up_open=True, date__gte=today, station__live=True)
        .select_related("station")
        .annotate(
            confirmed=Count("sign_ups", filter=Q(sign_ups__status=SignUpStatus.CONFIRMED)),
            waiting=Count("sign_ups", filter=Q(sign_ups__status=SignUpStatus.WAITING)),
        )
        .order_by("date", "start_time")
    )


@never_cache
def activity_list(request):
    """Every activity open for sign-up, soonest first."""
    activities = [a for a in open_activities() if not signups.has_started(a)]
    return render(request, "bookings/activities.html", {"activities": activities})


@never_cache
def activity_detail(request, page_id, activity_id):
    station = live_station(page_id)
    activity = get_object_or_404(Activity.objects.select_related("station"), pk=activity_id, station=station)
    resident = signin.current_resident(request)
    mine = None
    if resident is not None:
        mine = SignUp.objects.filter(activity=activity, resident=resident, status__in=ACTIVE_SIGN_UP).first()
    confirmed, waiting = signups.counts(activity)
    context = {
        "station": station,
        "activity": activity,
        "resident": resident,
        "mine": mine,
        "position": signups.waiting_position(mine) if mine and mine.status == SignUpStatus.WAITING else None,
        "confirmed": confirmed,
        "waiting": waiting,
        "places_left": max(0, activity.capacity - confirmed),
        "queue_left": max(0, activity.waiting_list - waiting),
        "started": signups.has_started(activity),
    }
    return render(request, "bookings/activity.html", context)


@require_POST
def sign_up(request, page_id, activity_id):
    station = live_station(page_id)
    activity = get_object_or_404(Activity, pk=activity_id, station=station)
    resident = signin.current_resident(request)
    if resident is None:
        return sign_in_first(request, _("Sign in with your mobile number to sign up."), activity.get_absolute_url())
    try:
        row = signups.sign_up(resident, activity)
    except signups.SignUpError as exc:
        messages.error(request, str(exc))
    else:
        if row.status == SignUpStatus.CONFIRMED:
            messages.success(request, _("You are signed up. We will text you a reminder the day before."))
        else:
            messages.success(
                request,
                _("The activity is full: you are number %(n)d on the waiting list. We will text you if a place "
                  "becomes free.") % {"n": signups.waiting_position(row)},
            )  # fmt: skip
    return redirect(activity.get_absolute_url())


@never_cache
def my_bookings(request):
    """The signed-in resident's room bookings and sign-ups, with cancel buttons."""
    resident = signin.current_resident(request)
    if resident is None:
        return sign_in_first(request, _("Sign in with your mobile number to see your bookings."), request.path)
    context = {
        "resident": resident,
        "bookings": RoomBooking.objects.filter(resident=resident)
        .select_related("room__station")
        .order_by("-date", "-start_time")[:50],
        "sign_ups": SignUp.objects.filter(resident=resident)
        .select_related("activity__station")
        .order_by("-activity__date", "-pk")[:50],
        "holds_slot": HOLDS_SLOT,
        "active": ACTIVE_SIGN_UP,
        "today": timezone.localdate(),
    }
    return render(request, "bookings/mine.html", context)


@require_POST
def cancel_booking(request, pk):
    resident = signin.current_resident(request)
    if resident is None:
        return sign_in_first(request, _("Sign in with your mobile number to see your bookings."), "/me/bookings/")
    booking = get_object_or_404(RoomBooking, pk=pk, resident=resident)
    try:
        rooms.cancel(booking)
        messages.success(request, _("Booking cancelled."))
    except rooms.BookingError as exc:
        messages.error(request, str(exc))
    return redirect("bookings:mine")


@require_POST
def cancel_sign_up(request, pk):
    resident = signin.current_resident(request)
    if resident is None:
        return sign_in_first(request, _("Sign in with your mobile number to see your bookings."), "/me/bookings/")
    row = get_object_or_404(SignUp.objects.select_related("activity__station"), pk=pk, resident=resident)
    try:
        signups.cancel(row)
        messages.success(request, _("Sign-up cancelled."))
    except signups.SignUpError as exc:
        messages.error(request, str(exc))
    return redirect("bookings:mine")
