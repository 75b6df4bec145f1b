"""Station staff in the admin: check a resident's code and hand the item over; award points by the rules."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from services.places.models import StationPage

from . import points
from .models import EarningRule, PointEntry, RedemptionStatus, Resident
from .personal_data import log_shown, phone_of, show_phones
from .signin import SignInError, normalise_phone


def can_handle(user):
    """Staff of at least one station, or administrators of the points."""
    return points.stations_for(user) != []


def require_staff(user):
    if not can_handle(user):
        raise PermissionDenied


def redemptions(request):
    """Redemptions at the user's stations, waiting first; look one up by its code."""
    require_staff(request.user)
    queryset = points.redemptions_for(request.user)
    code = request.GET.get("code", "").strip().upper()[:8]
    if code:
        queryset = queryset.filter(code=code)
    waiting = list(queryset.filter(status=RedemptionStatus.WAITING)[:100])
    handled = list(queryset.exclude(status=RedemptionStatus.WAITING)[:30])
    log_shown(request.user, show_phones(request.user, waiting))  # the handled list shows no resident
    context = {
        "code": code,
        "waiting": waiting,
        "handled": handled,
        "page_title": _("Points exchange"),
        "header_title": _("Points exchange"),
        "header_icon": "tag",
    }
    return render(request, "participation/admin/redemptions.html", context)


@require_POST
def handle_redemption(request, pk, action):
    require_staff(request.user)
    redemption = get_object_or_404(points.redemptions_for(request.user), pk=pk)
    try:
        if action == "collect":
            points.collect(redemption, request.user)
            messages.success(request, _("%(code)s: handed over.") % {"code": redemption.code})
        else:
            points.cancel(redemption, request.user)
            messages.success(request, _("%(code)s: cancelled, points refunded.") % {"code": redemption.code})
    except points.PointsError as exc:
        messages.error(request, str(exc))
    return redirect("participation_admin:redemptions")


class AwardForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Resident's mobile number"), max_length=20)
    rule = forms.ModelChoiceField(label=gettext_lazy("Rule"), queryset=EarningRule.objects.filter(active=True))
    station = forms.ModelChoiceField(label=gettext_lazy("Station"), queryset=StationPage.objects.none())
    note = forms.CharField(label=gettext_lazy("Note (e.g. the activity and date)"), max_length=120, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        stations = points.stations_for(user)
        queryset = StationPage.objects.live().order_by("title")
        self.fields["station"].queryset = queryset if stations is None else queryset.filter(pk__in=stations)

    def clean_phone(self):
        try:
            phone = normalise_phone(self.cleaned_data["phone"])
        except SignInError as exc:
            raise forms.ValidationError(str(exc)) from None
        resident = Resident.objects.filter(phone=phone).first()
        if resident is None:
            raise forms.ValidationError(
                _("No resident has signed in with this number yet: ask them to sign in at /me/ first.")
            )
        return resident


def award(request):
    """Award points by a rule, e.g. after confirming attendance at an activity."""
    require_staff(request.user)
    form = AwardForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reason = data["rule"].name + (f"：{data['note']}" if data["note"] else "")
        entry = points.award(
            data["phone"], data["rule"].points, reason, user=request.user, rule=data["rule"], station=data["station"]
        )
        messages.success(
            request,
            _("%(points)d points awarded to %(phone)s.")
            % {"points": entry.points, "phone": phone_of(request.user, data["phone"])},
        )
        return redirect("participation_admin:award")
    stations = points.stations_for(request.user)
    recent = PointEntry.objects.select_related("resident", "station", "created_by")
    if stations is not None:
        recent = recent.filter(station_id__in=stations)
    recent = list(recent[:30])
    log_shown(request.user, show_phones(request.user, recent))
    context = {
        "form": form,
        "recent": recent,
        "page_title": _("Award points"),
        "header_title": _("Award points"),
        "header_icon": "plus",
    }
    return render(request, "participation/admin/award.html", context)
