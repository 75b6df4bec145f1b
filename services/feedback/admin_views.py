"""Staff views in the Wagtail admin: the ticket inbox, the ticket with its actions, CSV export, API keys."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from portal.ground.params import id_param
from portal.ground.sendfile import serve_field_file
from services.places.models import Community

from .calendar import add_working_days
from .forms import StaffTicketForm
from .models import OPEN_STATUSES, Category, Department, Open311Key, ReplyTemplate, Source, Status, Ticket
from .personal_data import log_exported, log_viewed, resident_of
from .questions import answer_rows
from .submission import create_ticket
from .validators import spreadsheet_safe
from .workflow import (
    ACTIONS,
    EVENT_LABELS,
    AlreadyDone,
    TransitionError,
    add_note,
    available_actions,
    can_use_inbox,
    is_centre,
    perform,
    tickets_visible_to,
)

FILTERS = ("status", "category", "community", "department", "source", "flag", "q")


def _require_inbox(request):
    if not can_use_inbox(request.user):
        raise PermissionDenied


def filtered_tickets(request, include_hidden=None):
    """The tickets this user may see, narrowed by the inbox filters in the query string.

    Hidden tickets are left out unless the query asks for them (or ``include_hidden`` is True).
    """
    tickets = tickets_visible_to(request.user)
    params = request.GET
    if params.get("status") in Status.values:
        tickets = tickets.filter(status=params["status"])
    elif params.get("status") == "open":
        tickets = tickets.filter(status__in=OPEN_STATUSES)
    if (category_id := id_param(params, "category")) is not None:
        tickets = tickets.filter(category_id=category_id)
    if (community_id := id_param(params, "community")) is not None:
        tickets = tickets.filter(community_id=community_id)
    if (department_id := id_param(params, "department")) is not None:
        tickets = tickets.filter(department_id=department_id)
    today = timezone.localdate()
    if params.get("flag") == "overdue":
        tickets = tickets.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    elif params.get("flag") == "due_soon":
        tickets = tickets.filter(
            status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=add_working_days(today, 1)
        )
    elif params.get("flag") == "extension":
        tickets = tickets.filter(extension_requested_days__gt=0)
    elif params.get("flag") == "unacknowledged":
        tickets = tickets.filter(
            status__in=OPEN_STATUSES, department__isnull=False, dispatched_at__isnull=False, acknowledged_at=None
        )
    if params.get("source") in Source.values:
        tickets = tickets.filter(source=params["source"])
    if include_hidden is None:
        include_hidden = params.get("hidden") == "1"
    if not include_hidden:
        tickets = tickets.filter(hidden=False)
    q = params.get("q", "").strip().upper()
    if q:
        tickets = tickets.filter(number__icontains=q[:20])
    return tickets


def inbox(request):
    """诉求工单: the list with filters; department staff only ever get their own department's tickets."""
    _require_inbox(request)
    today = timezone.localdate()
    tickets = action_order(filtered_tickets(request), today)
    page_obj = Paginator(tickets, 50).get_page(request.GET.get("page"))
    for ticket in page_obj:
        ticket.flag = ticket.deadline_state(today)
    centre = is_centre(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    hidden_left_out = 0
    if centre and request.GET.get("hidden") != "1":
        hidden_left_out = filtered_tickets(request, include_hidden=True).filter(hidden=True).count()
    context = {
        "page_title": _("Feedback tickets"),
        "header_title": _("Feedback tickets"),
        "hidden_left_out": hidden_left_out,
        "header_icon": "mail",
        "page_obj": page_obj,
        "statuses": Status.choices,
        "sources": Source.choices,
        "categories": Category.objects.all(),
        "communities": Community.objects.all(),
        "departments": Department.objects.all() if centre else [],
        "params": request.GET,
        "query": query.urlencode(),
        "is_centre": centre,
    }
    return render(request, "feedback/admin/inbox.html", context)


def action_order(tickets, today=None):
    """What needs action first: open and overdue, then other open tickets by deadline, then replied
    tickets awaiting the resident, closed ones last; within a group the earliest deadline, then the
    earliest received."""
    today = today or timezone.localdate()
    return tickets.annotate(
        action_rank=Case(
            When(Q(status__in=OPEN_STATUSES, due_date__lt=today), then=Value(0)),
            When(status__in=OPEN_STATUSES, then=Value(1)),
            When(status=Status.REPLIED, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by(
        "action_rank",
        Case(When(action_rank=3, then=F("submitted_at")), default=None).desc(nulls_last=True),
        F("due_date").asc(nulls_last=True),
        "submitted_at",
    )


def new_ticket(request):
    """Enter a report for a 12345 caller or a walk-in resident (acceptance centre only).

    Same checks, extra questions and numbering as the public form; the channel is recorded on the
    ticket and the staff member as the actor of its first timeline entry.
    """
    _require_centre(request)
    form = StaffTicketForm(request.POST or None, request.FILES or None, request=request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            key = form.cleaned_data["idempotency_key"]
            ticket, created = create_ticket(
                photos=form.cleaned_data["photos"],
                idempotency_key=f"staff-{key}" if key else None,
                user=request.user,
                **form.ticket_fields(),
            )
            if created:
                messages.success(
                    request,
                    _("Ticket %(number)s entered. Tell the resident the number and that the last 4 digits of "
                      "their mobile let them track it.") % {"number": ticket.number},
                )  # fmt: skip
            return redirect("feedback_admin:ticket", pk=ticket.pk)
        status = 400
    context = {
        "page_title": _("Enter a ticket for a resident"),
        "header_title": _("Enter a ticket for a resident"),
        "header_icon": "mail",
        "form": form,
        "files_dropped": request.method == "POST" and bool(request.FILES),
    }
    return render(request, "feedback/admin/new_ticket.html", context, status=status)


def ticket_photo(request, pk, photo_pk):
    """A resident's photo, for staff who may see the ticket."""
    _require_inbox(request)
    ticket = tickets_visible_to(request.user).filter(pk=pk).first()
    photo = ticket.photos.filter(pk=photo_pk).first() if ticket else None
    if photo is None:
        raise Http404
    return serve_field_file(request, photo.image)


def ticket_detail(request, pk):
    """One ticket: everything the resident gave, the full audit trail, and the actions allowed now."""
    _require_inbox(request)
    ticket = tickets_visible_to(request.user).filter(pk=pk).first()
    if ticket is None:
        raise Http404
    if request.method == "POST":
        return _act(request, ticket)
    log_viewed(request.user, ticket)
    events = ticket.events.select_related("actor", "department")
    labels = dict(Status.choices)
    title = _("Ticket %(number)s") % {"number": ticket.number}
    context = {
        "page_title": title,
        "header_title": title,
        "header_icon": "mail",
        "ticket": ticket,
        "flag": ticket.deadline_state(),
        "ack_state": ticket.acknowledgement_state(),
        "answers": answer_rows(ticket),
        "events": [
            {
                "event": e,
                "label": EVENT_LABELS.get(e.action, e.action),
                "from_label": labels.get(e.from_status, ""),
                "to_label": labels.get(e.to_status, ""),
            }
            for e in events
        ],
        "actions": available_actions(request.user, ticket),
        "departments": Department.objects.filter(active=True),
        "templates": ReplyTemplate.for_ticket(ticket),
        "resident": resident_of(request.user, ticket),
        "is_centre": is_centre(request.user),
    }
    return render(request, "feedback/admin/ticket.html", context)


@require_POST
def preview_reply(request, pk):
    """The resident's tracking page as it will look once the draft reply is sent; nothing is saved."""
    from types import SimpleNamespace

    from .views import progress_steps, timeline

    _require_inbox(request)
    ticket = tickets_visible_to(request.user).filter(pk=pk).first()
    if ticket is None:
        raise Http404
    if not any(action.code == "reply" for action in available_actions(request.user, ticket)):
        raise PermissionDenied
    draft = request.POST.get("reply", "").strip()[:2000]
    now = timezone.now()
    ticket.reply = draft
    ticket.replied_at = now
    ticket.status = Status.REPLIED  # an unsaved copy: the page shows it as the resident will see it
    events = timeline(ticket)
    events.append(
        {
            "event": SimpleNamespace(action="reply", created_at=now, note=draft, department=ticket.department),
            "label": EVENT_LABELS["reply"],
        }
    )
    context = {
        "ticket": ticket,
        "timeline": events,
        "answers": answer_rows(ticket),
        "steps": progress_steps(ticket),
        "preview": True,
        "empty_reply": not draft,
    }
    response = render(request, "feedback/track.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _act(request, ticket):
    code = request.POST.get("action", "")
    fields = {
        "dispatch": ("department", "note"),
        "accept": ("note",),
        "acknowledge": (),
        "start": ("note",),
        "reply": ("reply",),
        "extend": ("days", "reason"),
        "approve_extension": ("note",),
        "refuse_extension": ("reason",),
        "return": ("reason",),
        "close": ("note",),
        "hide": ("reason",),
        "publish": ("public_text",),
        "unpublish": (),
    }
    try:
        if code == "hide" and request.POST.get("confirm") != "1":
            # 不予受理 closes the ticket unhandled: never on a stray click, with or without JavaScript.
            raise TransitionError(_("Tick “I confirm” to refuse the ticket (不予受理); nothing was changed."))
        if code == "note":
            add_note(ticket, request.user, request.POST.get("note", ""))
        elif code in fields:
            data = {name: request.POST.get(name, "") for name in fields[code]}
            perform(ticket, code, request.user, **data)
        else:
            raise TransitionError(_("Unknown action."))
    except AlreadyDone as exc:
        messages.info(request, str(exc))
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        label = EVENT_LABELS.get(ACTIONS[code].event or code) if code in ACTIONS else EVENT_LABELS.get(code, code)
        messages.success(request, _("Done: %(action)s") % {"action": label})
    return redirect("feedback_admin:ticket", pk=ticket.pk)


def export_csv(request):
    """CSV of the filtered tickets (Excel-friendly UTF-8 with BOM); personal data masked by role, logged."""
    _require_inbox(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Ticket number"), pgettext("feedback", "Submitted"), _("Category"), _("Community"), _("Address"), _("Description"),
         pgettext("feedback", "Name"), _("Mobile phone"), _("Status"), _("Department"), _("Due date"), _("Replied"), _("Rating"),
         pgettext("feedback channel", "Channel")]
    )  # fmt: skip
    exported = []  # (pk, number) of each row, for the audit log
    for t in filtered_tickets(request).order_by("submitted_at").iterator(chunk_size=500):
        exported.append((t.pk, t.number))
        resident = resident_of(request.user, t)
        row = [
            t.number,
            timezone.localtime(t.submitted_at).strftime("%Y-%m-%d %H:%M"),
            t.category.name,
            t.community.name if t.community else "",
            t.address,
            t.description,
            resident["name"],
            resident["phone"],
            t.get_status_display(),
            t.department.name if t.department else "",
            t.due_date.isoformat() if t.due_date else "",
            timezone.localtime(t.replied_at).strftime("%Y-%m-%d %H:%M") if t.replied_at else "",
            t.get_rating_display() if t.rating else "",
            t.get_source_display(),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    log_exported(request.user, Ticket, exported)
    return response


def _require_centre(request):
    if not is_centre(request.user):
        raise PermissionDenied


def api_keys(request):
    """Open311 API keys: list, create (the key is shown once), revoke."""
    _require_centre(request)
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:80]
        if not name:
            messages.error(request, _("Give the key a name (who will use it)."))
        else:
            department = Department.objects.filter(pk=request.POST.get("department") or 0).first()
            _key, new_key = Open311Key.issue(name, department)
    context = {
        "page_title": _("Open311 API keys"),
        "header_title": _("Open311 API keys"),
        "header_icon": "key",
        "keys": Open311Key.objects.select_related("department"),
        "departments": Department.objects.all(),
        "new_key": new_key,
    }
    return render(request, "feedback/admin/keys.html", context)


@require_POST
def revoke_key(request, pk):
    _require_centre(request)
    key = get_object_or_404(Open311Key, pk=pk)
    key.active = False
    key.save(update_fields=["active"])
    messages.success(request, _("The key “%(name)s” no longer works.") % {"name": key.name})
    return redirect("feedback_admin:keys")
