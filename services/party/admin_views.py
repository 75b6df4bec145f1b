"""Community staff in the admin: confirm or decline check-ins and service hours of their community's members.

Staff see only the members of the communities they work for (CommunityStaff); administrators (superusers,
or the ``party.change_registration`` permission) see every community. Names and phone numbers are shown
by the one masking rule, and each look at a member's page is recorded in the audit log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.ground.privacy import mask_for, may_see_personal_data
from services.feedback.personal_data import log_viewed
from services.places.models import Community

from . import service
from .forms import DeclineForm
from .models import Status


def can_handle(user):
    """Staff of at least one community, or administrators of the check-in."""
    return user.is_authenticated and service.communities_for(user) != []


def require_staff(user):
    if not can_handle(user):
        raise PermissionDenied


def _shown(user, registration):
    registration.name_shown = mask_for(user, "name", registration.name)
    registration.phone_shown = mask_for(user, "phone", registration.resident.phone)
    return registration


def _shown_service(user, record):
    record.name_shown = mask_for(user, "name", record.registration.name)
    return record


def members(request):
    """The members of the user's communities, those awaiting confirmation first."""
    require_staff(request.user)
    queryset = service.registrations_for(request.user).select_related("community__street")
    status = request.GET.get("status", "")
    if status in Status.values:
        queryset = queryset.filter(status=status)
    communities = service.communities_for(request.user)
    choices = Community.objects.all() if communities is None else Community.objects.filter(pk__in=communities)
    community = request.GET.get("community", "")
    if community.isdigit():
        queryset = queryset.filter(community_id=int(community))
    rows = [_shown(request.user, r) for r in queryset.order_by("status", "-created_at")[:200]]
    pending_hours = service.services_for(request.user).filter(
        status=Status.PENDING, registration__status=Status.CONFIRMED
    )
    context = {
        "rows": rows,
        "status": status,
        "statuses": Status.choices,
        "communities": choices,
        "community": community,
        "pending_hours": [_shown_service(request.user, s) for s in pending_hours.order_by("date")[:100]],
        "page_title": _("Party members' check-in"),
        "header_title": _("Party members' check-in"),
        "header_icon": "group",
    }
    return render(request, "party/admin/members.html", context)


def member(request, pk):
    """One member: the declaration, the posts, the hours; confirm or decline each."""
    require_staff(request.user)
    registration = _shown(request.user, get_object_or_404(service.registrations_for(request.user), pk=pk))
    log_viewed(request.user, registration)
    context = {
        "registration": registration,
        "in_full": may_see_personal_data(request.user),
        "posts": registration.posts.all(),
        "services": registration.services.all()[:100],
        "decline_form": DeclineForm(),
        "pending": Status.PENDING,
        "confirmed": Status.CONFIRMED,
        "page_title": _("Party member"),
        "header_title": _("Party member %(name)s") % {"name": registration.name_shown},
        "header_icon": "user",
    }
    return render(request, "party/admin/member.html", context)


@require_POST
def handle_registration(request, pk, action):
    require_staff(request.user)
    registration = get_object_or_404(service.registrations_for(request.user), pk=pk)
    try:
        if action == "confirm":
            service.confirm_registration(registration, request.user)
            messages.success(request, _("Check-in confirmed."))
        elif action == "decline":
            service.decline_registration(registration, request.user, request.POST.get("reason", ""))
            messages.success(request, _("Check-in declined; the member sees your reason."))
        else:
            raise PermissionDenied
    except service.PartyError as exc:
        messages.error(request, str(exc))
    return redirect("party_admin:member", pk=registration.pk)


@require_POST
def handle_service(request, pk, action):
    require_staff(request.user)
    record = get_object_or_404(service.services_for(request.user), pk=pk)
    try:
        if action == "confirm":
            entry = service.confirm_service(record, request.user)
            if entry is None:
                messages.success(request, _("Hours confirmed (no points are due for them)."))
            else:
                messages.success(request, _("Hours confirmed: %(points)d points awarded.") % {"points": entry.points})
        elif action == "decline":
            service.decline_service(record, request.user, request.POST.get("reason", ""))
            messages.success(request, _("Hours declined; the member sees your reason."))
        else:
            raise PermissionDenied
    except service.PartyError as exc:
        messages.error(request, str(exc))
    return redirect("party_admin:member", pk=record.registration_id)
