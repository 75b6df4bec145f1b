"""Public pages of the micro-wish board (微心愿)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.ground.caching import per_version
from portal.ground.client import client_address
from portal.ground.params import id_param
from portal.ground.sendfile import serve_field_file
from services.places.models import Community

from . import abuse
from .forms import ClaimForm, WishForm
from .models import PUBLIC_WISH_STATUSES, Wish, WishStatus
from .views import rejected, too_many
from .wishes import MAX_OPEN_CLAIMS_PER_PHONE, ClaimRefused, claim_wish


def board(request):
    """The public board: approved wishes, filterable by status and community."""
    wishes = Wish.objects.filter(status__in=PUBLIC_WISH_STATUSES).select_related("community")
    status = request.GET.get("status", "")
    if status in PUBLIC_WISH_STATUSES:
        wishes = wishes.filter(status=status)
    community = request.GET.get("community", "")
    if (community_id := id_param(request.GET, "community")) is not None:
        wishes = wishes.filter(community_id=community_id)
    # Wishes waiting for someone come first, then claimed, then the fulfilled ones.
    rank = Case(When(status=WishStatus.OPEN, then=0), When(status=WishStatus.CLAIMED, then=1), default=2)
    wishes = wishes.order_by(rank, "-approved_at", "-created_at")
    # One grouped count instead of one query per status.
    counts = dict.fromkeys(PUBLIC_WISH_STATUSES, 0)
    counts.update(
        Wish.objects.filter(status__in=PUBLIC_WISH_STATUSES).order_by().values_list("status").annotate(n=Count("pk"))
    )
    context = {
        "page_obj": Paginator(wishes, 24).get_page(request.GET.get("page")),
        "status": status,
        "community": community,
        # Communities are content: their list is cached per content version (wishes are not).
        "communities": per_version(request, "feedback:wish-communities", lambda: list(Community.objects.all())),
        "statuses": [(s, WishStatus(s).label, counts[s]) for s in PUBLIC_WISH_STATUSES],
    }
    return render(request, "feedback/wishes/board.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def new_wish(request):
    """Post a wish; it appears on the board after a community moderator approves it."""
    form = WishForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("website"):
            return rejected(request)
        if form.is_valid():
            ip, phone = client_address(request), form.cleaned_data["submitter_phone"]
            verdict = abuse.verdict(ip, phone, scope="wish")
            if verdict == "blocked":
                return too_many(request)
            if verdict == "challenge" and not abuse.check_challenge(
                form.cleaned_data["challenge_token"], form.cleaned_data["challenge_answer"], scope="wish"
            ):
                # Past the soft limit: the same arithmetic question as the report form, input kept.
                question, token = abuse.new_challenge(scope="wish")
                context = {
                    "form": form,
                    "challenge_question": question,
                    "challenge_token": token,
                    "challenge_failed": bool(form.cleaned_data["challenge_answer"]),
                }
                return render(request, "feedback/wishes/new.html", context, status=429)
            form.save()
            abuse.register_submission(ip, phone, scope="wish")
            messages.success(
                request, _("Thank you. Your wish will appear on the board once the community approves it.")
            )
            return redirect("feedback:wishes")
    return render(request, "feedback/wishes/new.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def wish_photo(request, pk):
    """The fulfilment photo, public exactly as long as the wish itself is on the public board."""
    wish = get_object_or_404(Wish, pk=pk, status__in=PUBLIC_WISH_STATUSES)
    return serve_field_file(request, wish.fulfilment_photo, private=False)


def wish_detail(request, pk):
    """One wish; volunteers claim open wishes here (their phone is never shown)."""
    wish = get_object_or_404(Wish.objects.select_related("community"), pk=pk, status__in=PUBLIC_WISH_STATUSES)
    form = ClaimForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.POST.get("website"):
            return rejected(request)
        if form.is_valid():
            ip = client_address(request)
            if abuse.verdict(ip, form.cleaned_data["phone"], scope="claim") == "blocked":
                return too_many(request)
            try:
                claim_wish(wish, form.cleaned_data["name"], form.cleaned_data["phone"])
            except ClaimRefused as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                abuse.register_submission(ip, form.cleaned_data["phone"], scope="claim")
                messages.success(request, _("Thank you for claiming this wish! The community will call you."))
                return redirect("feedback:wish_detail", pk=wish.pk)
        else:
            status = 400
    context = {"wish": wish, "form": form, "claim": wish.active_claim, "max_claims": MAX_OPEN_CLAIMS_PER_PHONE}
    return render(request, "feedback/wishes/detail.html", context, status=status)
