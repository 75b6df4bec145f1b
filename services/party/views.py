"""The member's pages: the check-in (/party/report-in/), posts and hours, and the printable annual record."""

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from services.participation import signin

from . import service
from .forms import DeclarationForm, HoursForm
from .models import Registration, Status

HOME = "/party/report-in/"


def _sign_in_first(request, next_url=HOME):
    messages.info(request, _("Sign in with your mobile number to check in as a party member."))
    return redirect(f"/me/?next={quote(next_url)}")


def _registration(resident):
    return Registration.objects.select_related("community__street").filter(resident=resident).first()


@never_cache
def report_in(request):
    """Declare membership and check in with the home community; once confirmed, posts and service hours."""
    resident = signin.current_resident(request)
    if resident is None:
        return _sign_in_first(request)
    registration = _registration(resident)
    form = None
    if registration is None or registration.editable:
        if request.method == "POST":
            form = DeclarationForm(request.POST)
            if form.is_valid():
                try:
                    service.declare(resident, form.cleaned_data)
                except service.PartyError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Sent. Your community will confirm your check-in."))
                return redirect(HOME)
        elif registration is None:
            form = DeclarationForm(initial={"name": resident.display_name})
        else:
            form = DeclarationForm(
                initial={
                    "name": registration.name,
                    "work_unit": registration.work_unit,
                    "branch": registration.branch,
                    "community": registration.community_id,
                }
            )
    elif request.method == "POST":
        messages.error(request, _("Your check-in is confirmed. To change it, please contact your community."))
        return redirect(HOME)
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "party/report_in.html", _context(request, resident, registration, form=form), status=status)


def _context(request, resident, registration, form=None, hours_form=None):
    context = {"resident": resident, "registration": registration, "form": form, "statuses": Status}
    if registration is not None and registration.status == Status.CONFIRMED:
        needs, projects = service.open_posts(registration)
        claims = list(registration.posts.select_related("need", "project"))
        claimed_needs = {c.need_id for c in claims}
        claimed_projects = {c.project_id for c in claims}
        context.update(
            claims=claims,
            needs=[n for n in needs if n.pk not in claimed_needs],
            projects=[p for p in projects if p.pk not in claimed_projects],
            hours_form=hours_form or HoursForm(registration=registration, initial={"date": timezone.localdate()}),
            services=registration.services.all()[:50],
            years=service.record_years(registration),
        )
    return context


def _confirmed_member(request):
    resident = signin.current_resident(request)
    if resident is None:
        return None, _sign_in_first(request)
    registration = _registration(resident)
    if registration is None:
        return None, redirect(HOME)
    return registration, None


def _int_or_none(value):
    return int(value) if value and value.isdigit() and len(value) < 12 else None


@require_POST
def claim_post(request):
    registration, response = _confirmed_member(request)
    if response:
        return response
    need_id, project_id = _int_or_none(request.POST.get("need")), _int_or_none(request.POST.get("project"))
    try:
        if need_id is None and project_id is None:
            raise service.PartyError(_("Choose a post to claim."))
        claim = service.claim(registration, need_id=need_id, project_id=None if need_id else project_id)
    except service.PartyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Claimed: %(post)s.") % {"post": claim.title})
    return redirect(HOME + "#posts")


@require_POST
def release_post(request, claim_id):
    registration, response = _confirmed_member(request)
    if response:
        return response
    try:
        service.release(registration, claim_id)
    except service.PartyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The post was given back."))
    return redirect(HOME + "#posts")


@never_cache
@require_POST
def report_hours(request):
    registration, response = _confirmed_member(request)
    if response:
        return response
    form = HoursForm(request.POST, registration=registration)
    if registration.status == Status.CONFIRMED and form.is_valid():
        service.report_hours(registration, form.cleaned_data)
        messages.success(request, _("Reported. Your community will confirm the hours."))
        return redirect(HOME + "#hours")
    if registration.status != Status.CONFIRMED:
        messages.error(request, _("Service hours can be reported once your community has confirmed your check-in."))
        return redirect(HOME)
    # The form with what was typed and the errors, so nothing typed is lost.
    context = _context(request, registration.resident, registration, hours_form=form)
    return render(request, "party/report_in.html", context, status=400)


@never_cache
def annual_record(request, year):
    """The member's own annual record, for their work unit (printable); only ever the signed-in member's."""
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    resident = signin.current_resident(request)
    if resident is None:
        return _sign_in_first(request, f"{HOME}record/{year}/")
    registration = _registration(resident)
    if registration is None or registration.status != Status.CONFIRMED:
        messages.info(request, _("The annual record is available once your community has confirmed your check-in."))
        return redirect(HOME)
    context = {
        "registration": registration,
        "printed_on": timezone.localdate(),
        **service.annual_record(registration, year),
    }
    return render(request, "party/annual_record.html", context)
