"""Public pages of the feedback loop: report, track, rate, the published list."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from portal.ground.client import client_address
from portal.ground.params import id_param
from portal.ground.sendfile import serve_field_file
from services.places.models import MapSettings, StationPage

from . import abuse
from .forms import RatingForm, TicketForm, TrackForm
from .models import Status, Ticket, TicketPhoto
from .questions import answer_rows
from .submission import create_ticket
from .workflow import EVENT_LABELS, TransitionError, perform

TRACK_FAILURES_PER_HOUR = 10


def _private(response):
    """Tracking pages hold personal data: never cached, indexed, or leaked to other sites through Referer (same-origin keeps the Origin header that CSRF checks need)."""
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def too_many(request, message=None):
    """The Chinese 429 page."""
    return render(request, "feedback/429.html", {"message": message}, status=429)


def rejected(request):
    """What a bot that filled the honeypot sees."""
    return render(request, "feedback/rejected.html", status=400)


def station_initial(station_id):
    """Pre-fill community/address/description from a station page of the places app."""
    station = StationPage.objects.live().filter(pk=station_id).first()
    if station is None:
        return {}
    initial = {"station": station.pk, "description": _("About the station “%(name)s”: ") % {"name": station.title}}
    if getattr(station, "address", ""):
        initial["address"] = f"{station.title}（{station.address}）"[:200]
    if getattr(station, "community_id", None):
        initial["community"] = station.community_id
    return initial


def map_options(request):
    """The district's tile settings (places.MapSettings) for the optional pin map, as JSON.

    Cached per content version and site (map settings are places content).
    """
    from portal.ground.caching import per_version

    return per_version(request, f"feedback:map-options:{request.get_host()}", lambda: _map_options(request))


def _map_options(request):
    """The report form's map options as JSON ("" for a request outside any site: no map then)."""
    if Site.find_for_request(request) is None:
        return ""
    return json.dumps(MapSettings.for_request(request).as_js(), ensure_ascii=False)


def _has_tiles(options):
    """Whether the map options name a tile server (without one the pin map is a plain surface)."""
    import json

    try:
        return bool(options and json.loads(options).get("tileUrl"))
    except (ValueError, AttributeError):
        return False


def render_report(request, context, status=200):
    context["map_options"] = map_options(request)
    context["map_has_tiles"] = _has_tiles(context["map_options"])
    return render(request, "feedback/report.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """我要反映: the report form; a valid POST creates exactly one ticket and shows its number."""
    if request.method in ("GET", "HEAD"):
        initial = {}
        station = id_param(request.GET, "station")
        if station is not None:
            initial = station_initial(station)
        return render_report(request, {"form": TicketForm(initial=initial, request=request)})

    form = TicketForm(request.POST, request.FILES, request=request)
    if request.POST.get("website"):
        return rejected(request)
    context = {"form": form, "files_dropped": bool(request.FILES)}
    if not form.is_valid():
        return render_report(request, context, status=400)
    key = form.cleaned_data["idempotency_key"]
    if key and (existing := Ticket.objects.filter(idempotency_key=key).first()):
        return redirect(existing.get_tracking_url() + "?new=1")

    ip, phone = client_address(request), form.cleaned_data["phone"]
    verdict = abuse.verdict(ip, phone)
    if verdict == "blocked":
        return too_many(request)
    if verdict == "challenge" and not abuse.check_challenge(
        form.cleaned_data["challenge_token"], form.cleaned_data["challenge_answer"]
    ):
        context["challenge_question"], context["challenge_token"] = abuse.new_challenge()
        context["challenge_failed"] = bool(form.cleaned_data["challenge_answer"])
        return render_report(request, context, status=429)

    ticket, _created = create_ticket(
        photos=form.cleaned_data["photos"], idempotency_key=key or None, **form.ticket_fields()
    )
    abuse.register_submission(ip, phone)
    if getattr(ticket, "photos_not_saved", 0):
        messages.warning(
            request,
            _(
                "Your report was received, but the server could not store your photos just now. "
                "You can describe the problem in more detail when we contact you."
            ),
        )
    return redirect(ticket.get_tracking_url() + "?new=1")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track_lookup(request):
    """查询进度: number + last four digits of the phone lead to the ticket's private page."""
    form = TrackForm(request.POST or None)
    not_found = False
    if request.method == "POST":
        ip = client_address(request)
        if abuse.count("track-fail", ip, abuse.WINDOW) >= TRACK_FAILURES_PER_HOUR:
            return too_many(request, _("Too many unsuccessful look-ups. Please try again in an hour."))
        if form.is_valid():
            ticket = Ticket.objects.filter(number=form.cleaned_data["number"]).first()
            if ticket and ticket.phone and ticket.phone.endswith(form.cleaned_data["phone_last4"]):
                return redirect(ticket.get_tracking_url())
            abuse.hit("track-fail", ip, abuse.WINDOW)
            not_found = True
    status = 404 if not_found else (400 if form.errors else 200)
    return _private(
        render(request, "feedback/track_lookup.html", {"form": form, "not_found": not_found}, status=status)
    )


def track_photo(request, token, pk):
    """A photo of a ticket, for its private tracking page only (there is no public address for it)."""
    photo = get_object_or_404(TicketPhoto, pk=pk, ticket__tracking_token=token)
    return serve_field_file(request, photo.image)


def timeline(ticket, include_private=False):
    """The timeline entries with their labels, oldest first."""
    events = ticket.events.select_related("department")
    if not include_private:
        events = events.filter(public=True)
    return [{"event": e, "label": EVENT_LABELS.get(e.action, e.action)} for e in events]


STEPS = [Status.RECEIVED, Status.ACCEPTED, Status.DISPATCHED, Status.PROCESSING, Status.REPLIED, Status.CLOSED]


def progress_steps(ticket):
    """The six steps of the loop with the ones reached marked done."""
    status = Status.ACCEPTED if ticket.status == Status.REOPENED else ticket.status
    reached = STEPS.index(status) if status in STEPS else 0
    return [{"label": s.label, "done": i <= reached, "current": i == reached} for i, s in enumerate(STEPS)]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request, token):
    """The ticket's private page: progress, timeline, reply, and the rating form once replied."""
    ticket = get_object_or_404(
        Ticket.objects.select_related("category", "community", "department"), tracking_token=token
    )
    rating_form = RatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if rating_form.is_valid():
            try:
                perform(ticket, "rate", as_resident=True, **rating_form.cleaned_data)
                return redirect(ticket.get_tracking_url() + "?rated=1")
            except TransitionError as exc:
                rating_form.add_error(None, str(exc))
        status = 400
    context = {
        "ticket": ticket,
        "timeline": timeline(ticket),
        "answers": answer_rows(ticket),
        "steps": progress_steps(ticket),
        "rating_form": rating_form,
        "is_new": request.GET.get("new") == "1",
        "rated": request.GET.get("rated") == "1",
        "tracking_url": request.build_absolute_uri(ticket.get_tracking_url()),
    }
    return _private(render(request, "feedback/track.html", context, status=status))


def public_list(request):
    """公开答复: closed tickets an editor published, with personal data removed."""
    tickets = (
        Ticket.objects.filter(published=True, hidden=False, status=Status.CLOSED)
        .select_related("category", "community", "department")
        .order_by("-closed_at")
    )
    category = request.GET.get("category", "")
    if category:
        tickets = tickets.filter(category__code=category)
    page_obj = Paginator(tickets, 20).get_page(request.GET.get("page"))
    from .models import Category

    return render(
        request,
        "feedback/public_list.html",
        {"page_obj": page_obj, "categories": Category.objects.filter(active=True), "category": category},
    )


def public_detail(request, number):
    ticket = get_object_or_404(
        Ticket.objects.select_related("category", "community", "department"),
        number=number,
        published=True,
        hidden=False,
        status=Status.CLOSED,
    )
    if not ticket.public_text:
        raise Http404
    return render(request, "feedback/public_detail.html", {"ticket": ticket})
