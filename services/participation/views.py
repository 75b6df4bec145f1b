"""Resident pages: sign in with a mobile number (/me/), "我的", and the points page (/points/)."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from services.catalog.models import Need
from services.feedback.models import Ticket, Wish

from . import points, signin
from .forms import CodeForm, PhoneForm, ProfileForm
from .models import EarningRule, ExchangeItem, RedemptionStatus, Resident


@never_cache
def me(request):
    """Sign-in (number, then code) for visitors; "我的" for a signed-in resident."""
    resident = signin.current_resident(request)
    if resident is None:
        return sign_in_page(request)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            Resident.objects.filter(pk=resident.pk).update(**form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("participation:me")
    form = ProfileForm(initial={"display_name": resident.display_name, "on_honour_roll": resident.on_honour_roll})
    context = {
        "resident": resident,
        "form": form,
        "balance": points.balance(resident),
        "entries": resident.entries.select_related("station")[:50],
        "redemptions": resident.redemptions.select_related("item__station")[:20],
        # Reports made with this number before signing in are the resident's once the number is verified.
        "tickets": Ticket.objects.filter(phone=resident.phone)
        .select_related("category")
        .order_by("-submitted_at")[:20],
        # Wishes the resident posted, and wishes they claimed as a volunteer.
        "wishes": Wish.objects.filter(
            Q(submitter_phone=resident.phone) | Q(claims__phone=resident.phone, claims__withdrawn=False)
        )
        .distinct()
        .order_by("-pk")[:20],
        "needs": Need.objects.filter(contact_phone=resident.phone).order_by("-pk")[:20],
        "waiting": RedemptionStatus.WAITING,
    }
    return render(request, "participation/me.html", context)


def sign_in_page(request):
    step = request.POST.get("step", "phone") if request.method == "POST" else "phone"
    phone_form, code_form = PhoneForm(), None
    if step == "phone" and request.method == "POST":
        phone_form = PhoneForm(request.POST)
        if phone_form.is_valid():
            phone = phone_form.cleaned_data["phone"]
            try:
                signin.send_code(request, phone)
            except signin.SignInError as exc:
                phone_form.add_error("phone", str(exc))
            else:
                code_form = CodeForm(initial={"phone": phone})
    elif step == "code":
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            try:
                resident = signin.verify_code(code_form.cleaned_data["phone"], code_form.cleaned_data["code"])
            except signin.SignInError as exc:
                code_form.add_error("code", str(exc))
            else:
                signin.sign_in(request, resident)
                messages.success(request, _("You are signed in."))
                return redirect(request.POST.get("next") if is_local(request.POST.get("next")) else "participation:me")
    next_url = request.POST.get("next") or request.GET.get("next", "")
    context = {"phone_form": phone_form, "code_form": code_form, "next": next_url if is_local(next_url) else ""}
    return render(request, "participation/sign_in.html", context)


def is_local(url):
    return bool(url) and url.startswith("/") and not url.startswith("//") and "\\" not in url


@require_POST
def sign_out(request):
    signin.sign_out(request)
    messages.success(request, _("You have signed out."))
    return redirect("participation:me")


@never_cache
def points_page(request):
    """How to earn and spend points, the catalogue by station, the honour roll; redeeming for the signed-in."""
    resident = signin.current_resident(request)
    items = ExchangeItem.objects.filter(active=True, station__live=True).select_related("station")
    context = {
        "rules": EarningRule.objects.filter(active=True),
        "items": items,
        "honour_roll": points.honour_roll(),
        "resident": resident,
        "balance": points.balance(resident) if resident else None,
    }
    return render(request, "participation/points.html", context)


@require_POST
def redeem(request, item_id):
    resident = signin.current_resident(request)
    if resident is None:
        messages.info(request, _("Sign in with your mobile number to exchange points."))
        return redirect(f"/me/?next=/points/%23item-{item_id}")
    try:
        redemption = points.redeem(resident, item_id)
    except points.PointsError as exc:
        messages.error(request, str(exc))
        return redirect("participation:points")
    messages.success(
        request,
        _("Exchanged. Show the code %(code)s at %(station)s to collect it.")
        % {"code": redemption.code, "station": redemption.item.station.title},
    )
    return redirect("participation:me")
