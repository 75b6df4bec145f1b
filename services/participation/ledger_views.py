"""The points ledger in the admin: every entry with filters, balances per resident, corrections, CSV export.

Station staff see the entries of their own stations; administrators of the points see every entry and
every balance. Residents' numbers follow the one masking rule and each page or export is logged.
"""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from services.feedback.validators import spreadsheet_safe
from services.places.models import StationPage

from . import points
from .admin_views import require_staff
from .models import PointEntry, Resident, RuleKind
from .personal_data import EXPORTED, log_shown, show_phones
from .signin import SignInError, normalise_phone

PER_PAGE = 50
# "What for" choices of the filter: the earning rules' kinds, plus exchanges and corrections.
EXCHANGE, CORRECTION = "exchange", "correction"


class LedgerFilterForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("Resident's mobile number (or its last 4 digits)"), max_length=20, required=False
    )
    reason = forms.CharField(label=gettext_lazy("Reason contains"), max_length=60, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("What for"), required=False)
    station = forms.ModelChoiceField(
        label=gettext_lazy("At station"), queryset=StationPage.objects.none(), required=False
    )
    date_from = forms.DateField(label=gettext_lazy("From (YYYY-MM-DD)"), required=False)
    date_to = forms.DateField(label=gettext_lazy("To (YYYY-MM-DD)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("All")),
            *RuleKind.choices,
            (EXCHANGE, _("Exchanges")),
            (CORRECTION, _("Corrections")),
        ]
        stations = points.stations_for(user)
        queryset = StationPage.objects.order_by("title")
        self.fields["station"].queryset = queryset if stations is None else queryset.filter(pk__in=stations)

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        if not raw or (len(raw) == 4 and raw.isdigit()):
            return raw
        try:
            return normalise_phone(raw)
        except SignInError as exc:
            raise forms.ValidationError(_("Enter the full 11-digit number or its last 4 digits.")) from exc

    def filter(self, queryset):
        """``queryset`` narrowed by the valid filters (an invalid field is left out and shows its message)."""
        if not self.is_bound:
            return queryset
        self.is_valid()  # fills cleaned_data with the fields that are valid
        data = self.cleaned_data
        phone = data.get("phone")
        if phone:
            queryset = queryset.filter(
                **{"resident__phone" if len(phone) == 11 else "resident__phone__endswith": phone}
            )
        if data.get("reason"):
            queryset = queryset.filter(reason__icontains=data["reason"])
        kind = data.get("kind")
        if kind == EXCHANGE:
            queryset = queryset.filter(Q(redemption__isnull=False) | Q(source__startswith=points.REFUND_SOURCE))
        elif kind == CORRECTION:
            queryset = queryset.filter(corrects__isnull=False)
        elif kind:
            queryset = queryset.filter(rule__kind=kind)
        if data.get("station"):
            queryset = queryset.filter(station=data["station"])
        if data.get("date_from"):
            queryset = queryset.filter(created_at__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(created_at__date__lte=data["date_to"])
        return queryset


def visible_entries(user):
    """Every entry for administrators of the points; a station's entries for its staff."""
    queryset = PointEntry.objects.select_related("resident", "station", "rule", "created_by")
    stations = points.stations_for(user)
    return queryset if stations is None else queryset.filter(station_id__in=stations)


def filtered(request):
    form = LedgerFilterForm(request.GET or None, user=request.user)
    return form, form.filter(visible_entries(request.user))


def ledger(request):
    """Every entry, newest first, with filters; the total of what is listed and the resident's balance."""
    require_staff(request.user)
    form, entries = filtered(request)
    page_obj = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    log_shown(request.user, show_phones(request.user, page_obj.object_list))
    phone = form.cleaned_data.get("phone", "") if form.is_bound else ""
    resident = Resident.objects.filter(phone=phone).first() if phone and len(phone) == 11 else None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page_obj,
        "total": entries.aggregate(total=Coalesce(Sum("points"), 0))["total"],
        "resident": resident,
        "resident_balance": points.balance(resident) if resident else None,
        "query": query.urlencode(),
        "is_points_admin": points.stations_for(request.user) is None,
        "page_title": _("Points ledger"),
        "header_title": _("Points ledger"),
        "header_icon": "list-ul",
    }
    return render(request, "participation/admin/ledger.html", context)


def export_csv(request):
    """The filtered entries as CSV (UTF-8 with BOM for Excel); cells that a spreadsheet would run are quoted."""
    require_staff(request.user)
    _form, entries = filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="points-ledger-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Date"), _("Resident"), _("Points"), _("Reason"), _("Rule"), _("Station"), _("Entered by"), _("Corrects")]
    )
    shown = {}
    for entry in entries.order_by("created_at", "pk").iterator(chunk_size=500):
        show_phones(request.user, [entry])
        shown[entry.resident_id] = entry.resident
        row = [
            timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M"),
            entry.phone_shown,
            entry.points,
            entry.reason,
            entry.rule.name if entry.rule else "",
            entry.station.title if entry.station else "",
            str(entry.entered_by),
            entry.corrects_id or "",
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    log_shown(request.user, list(shown.values()), action=EXPORTED)
    return response


def balances(request):
    """Each resident's balance with what they earned and spent (administrators of the points only)."""
    require_points_admin(request.user)
    residents = Resident.objects.annotate(
        # Refunds of cancelled exchanges count against what was spent, not as points earned.
        earned=Coalesce(
            Sum(
                "entries__points",
                filter=Q(entries__points__gt=0) & ~Q(entries__source__startswith=points.REFUND_SOURCE),
            ),
            0,
        ),
        balance=Coalesce(Sum("entries__points"), 0),
        spent=F("balance") - F("earned"),
        entry_count=Count("entries"),
        last_entry=Max("entries__created_at"),
    ).order_by("-balance", "pk")
    phone = request.GET.get("phone", "").strip()
    if phone.isdigit() and 4 <= len(phone) <= 11:
        residents = residents.filter(phone__endswith=phone)
    page_obj = Paginator(residents, PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    log_shown(request.user, show_phones(request.user, page_obj.object_list, attribute=None))
    context = {
        "page_obj": page_obj,
        "phone": phone,
        "page_title": _("Points balances"),
        "header_title": _("Points balances"),
        "header_icon": "user",
    }
    return render(request, "participation/admin/balances.html", context)


def require_points_admin(user):
    if points.stations_for(user) is not None:
        raise PermissionDenied


class CorrectionForm(forms.Form):
    points = forms.IntegerField(
        label=gettext_lazy("Points to add (negative to take away)"), min_value=-100000, max_value=100000
    )
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=150)

    def clean_points(self):
        value = self.cleaned_data["points"]
        if value == 0:
            raise forms.ValidationError(_("A correction changes the balance: enter a number other than 0."))
        return value


def correct(request, pk):
    """A correction is a new entry that refers to the one it corrects; the entry itself never changes."""
    require_staff(request.user)
    entry = get_object_or_404(visible_entries(request.user), pk=pk)
    if entry.redemption_id:
        messages.error(request, _("An exchange is corrected by cancelling it on the exchange desk."))
        return redirect("participation_admin:ledger")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = _("Correction of entry %(pk)d: %(reason)s") % {"pk": entry.pk, "reason": form.cleaned_data["reason"]}
        try:
            points.award(
                entry.resident,
                form.cleaned_data["points"],
                reason,
                user=request.user,
                rule=entry.rule,
                station=entry.station,
                corrects=entry,
            )
        except points.PointsError as exc:
            form.add_error("points", str(exc))
        else:
            messages.success(request, _("The correction was added to the ledger."))
            return redirect(f"{reverse('participation_admin:ledger')}?phone={entry.resident.phone[-4:]}")
    show_phones(request.user, [entry])
    log_shown(request.user, [entry.resident])
    context = {
        "entry": entry,
        "form": form,
        "page_title": _("Correct a ledger entry"),
        "header_title": _("Correct a ledger entry"),
        "header_icon": "edit",
    }
    return render(request, "participation/admin/correct.html", context)
