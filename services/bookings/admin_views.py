"""Station staff in the admin: approve or decline room bookings, see sign-ups, check residents in at the door."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rooms, signups, staff
from .forms import DeclineForm
from .models import ACTIVE_SIGN_UP, Activity, BookingStatus, RoomBooking, SignUp, SignUpStatus


def require_staff(user):
    if not staff.can_handle(user):
        raise PermissionDenied


def with_phones(user, rows):
    for row in rows:
        row.phone_shown = staff.phone_for(user, row.resident)
    staff.log_viewed(user, rows)
    return rows


def bookings(request):
    """Room bookings at the user's stations: waiting for approval first, then the coming ones."""
    require_staff(request.user)
    queryset = staff.for_stations(
        request.user, RoomBooking.objects.select_related("room__station", "resident"), "room__station_id"
    )
    today = timezone.localdate()
    context = {
        "pending": with_phones(
            request.user, list(queryset.filter(status=BookingStatus.PENDING, date__gte=today)[:100])
        ),
        "coming": with_phones(
            request.user, list(queryset.filter(status=BookingStatus.APPROVED, date__gte=today)[:100])
        ),
        "decline_form": DeclineForm(),
        "page_title": _("Room bookings"),
        "header_title": _("Room bookings"),
        "header_icon": "calendar",
    }
    return render(request, "bookings/admin/bookings.html", context)


@require_POST
def handle_booking(request, pk, action):
    require_staff(request.user)
    queryset = staff.for_stations(request.user, RoomBooking.objects.select_related("room__station", "resident"),
                                  "room__station_id")  # fmt: skip
    booking = get_object_or_404(queryset, pk=pk)
    try:
        if action == "approve":
            rooms.approve(booking, request.user)
            messages.success(request, _("Booking approved; the resident has been told."))
        else:
            form = DeclineForm(request.POST)
            if not form.is_valid():
                raise rooms.BookingError(_("Give the resident a reason."))
            rooms.decline(booking, request.user, form.cleaned_data["reason"])
            messages.success(request, _("Booking declined; the resident has been told why."))
    except rooms.BookingError as exc:
        messages.error(request, str(exc))
    return redirect("bookings_admin:bookings")


def activities(request):
    """Coming activities with sign-up at the user's stations, with their counts."""
    require_staff(request.user)
    today = timezone.localdate()
    queryset = staff.for_stations(request.user, Activity.objects.select_related("station").filter(date__gte=today))
    rows = []
    for activity in queryset[:100]:
        confirmed, waiting = signups.counts(activity)
        rows.append((activity, confirmed, waiting))
    context = {
        "rows": rows,
        "page_title": _("Sign-ups and check-in"),
        "header_title": _("Sign-ups and check-in"),
        "header_icon": "list-ul",
    }
    return render(request, "bookings/admin/activities.html", context)


def check_in_desk(request, pk):
    """One activity's sign-ups at the door: check in those with a place; look one up by the number's last digits."""
    require_staff(request.user)
    activity = get_object_or_404(staff.for_stations(request.user, Activity.objects.select_related("station", "rule")),
                                 pk=pk)  # fmt: skip
    rows = activity.sign_ups.filter(status__in=ACTIVE_SIGN_UP).select_related("resident").order_by("status", "pk")
    digits = "".join(ch for ch in request.GET.get("phone", "") if ch.isdigit())[:11]
    if digits:
        rows = rows.filter(resident__phone__endswith=digits)
    context = {
        "activity": activity,
        "rows": with_phones(request.user, list(rows[:300])),
        "digits": digits,
        "confirmed": SignUpStatus.CONFIRMED,
        "page_title": _("Check-in: %(title)s") % {"title": activity.title},
        "header_title": _("Check-in: %(title)s") % {"title": activity.title},
        "header_icon": "tick",
    }
    return render(request, "bookings/admin/check_in.html", context)


@require_POST
def check_in(request, pk):
    require_staff(request.user)
    queryset = staff.for_stations(request.user, SignUp.objects.select_related("activity__rule", "activity__station",
                                  "resident"), "activity__station_id")  # fmt: skip
    row = get_object_or_404(queryset, pk=pk)
    try:
        entry = signups.check_in(row, request.user)
    except signups.SignUpError as exc:
        messages.error(request, str(exc))
    else:
        shown = staff.phone_for(request.user, row.resident)
        if entry is not None:
            messages.success(
                request, _("%(phone)s checked in; %(n)d points awarded.") % {"phone": shown, "n": entry.points}
            )
        else:
            messages.success(request, _("%(phone)s checked in.") % {"phone": shown})
    return redirect("bookings_admin:check_in_desk", pk=row.activity_id)
