"""Open311 GeoReport v2 at /open311/v2/ (JSON and XML).

Extensions (documented in services/feedback/README.md): every request carries ``rating``
(``satisfied`` / ``basic`` / ``unsatisfied`` or empty) and ``detailed_status`` (our six-step status).
Personal data (name, phone, e-mail) is never returned; descriptions and exact locations only for
published tickets, or to a department's own key for that department's tickets.
"""

import datetime
from xml.etree import ElementTree as ET

from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from portal.ground.params import public_message

from .models import OPEN_STATUSES, Category, Open311Key, Source, Status, Ticket
from .questions import clean_answers
from .submission import create_ticket
from .validators import clean_text, normalise_mobile, validate_in_china, validate_mobile, validate_person_name

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
MAX_RANGE = datetime.timedelta(days=90)
MAX_RESULTS = 1000
PUBLIC_DECIMALS = 2  # about 1 km: enough for a map of where problems cluster, not for a doorstep
LIST_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


class Open311Error(Exception):
    def __init__(self, status, description):
        super().__init__(description)
        self.status = status
        self.description = description


def _xml_value(parent, tag, value):
    element = ET.SubElement(parent, tag)
    if isinstance(value, list):
        child_tag = LIST_TAGS.get(tag, "item")
        for item in value:
            _xml_value(element, child_tag, item)
    elif isinstance(value, dict):
        for key, val in value.items():
            _xml_value(element, key, val)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def render(data, fmt, root, status=200):
    """JSON as the spec shows it, or XML with the spec's element names."""
    if fmt == "xml":
        element = ET.Element(root)
        if isinstance(data, list):
            for item in data:
                _xml_value(element, LIST_TAGS.get(root, "item"), item)
        else:
            for key, val in data.items():
                _xml_value(element, key, val)
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8")
        return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)
    return JsonResponse(data, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def error(fmt, status, description):
    return render([{"code": status, "description": description}], fmt, "errors", status=status)


def api_view(func):
    """Turn Open311Error and bad requests into the spec's error body; allow only GET (and POST where declared)."""

    @csrf_exempt
    @never_cache
    def wrapper(request, *args, fmt="json", **kwargs):
        allowed = getattr(func, "methods", ("GET",))
        if request.method not in allowed:
            response = error(fmt, 405, _("Method not allowed."))
            response["Allow"] = ", ".join(allowed)
            return response
        if "api_key" in request.GET:  # a key in a URL lands in logs, histories and Referer headers
            return error(fmt, 400, _("Send the api_key in the POST body or the X-Api-Key header, never in the URL."))
        try:
            return func(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except BadRequest as exc:  # e.g. a form body in an encoding other than UTF-8
            return error(fmt, 400, public_message(request, exc))

    return wrapper


def w3c(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


@api_view
def discovery(request, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-01-01T00:00:00+08:00",
        "contact": _("Yunxi District feedback centre, hotline 12345"),
        "key_service": _("Apply for an API key at the district feedback centre."),
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": base.rstrip("/"),
                "changeset": "2026-01-01T00:00:00+08:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(data, fmt, "discovery")


def _service(category):
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": category.questions.exists(),
        "type": "realtime",
        "keywords": category.keywords,
        "group": _("Community affairs"),
    }


@api_view
def services(request, fmt):
    categories = Category.objects.filter(active=True).prefetch_related("questions")
    return render([_service(c) for c in categories], fmt, "services")


@api_view
def service_definition(request, code, fmt):
    category = Category.objects.filter(code=code, active=True).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code: %(code)s") % {"code": code[:40]})
    attributes = []
    for order, q in enumerate(category.questions.all(), start=1):
        attributes.append(
            {
                "variable": True,
                "code": q.code,
                "datatype": q.datatype,
                "required": q.required,
                "datatype_description": "",
                "order": order,
                "description": q.question,
                "values": [{"key": k, "name": n} for k, n in q.choice_list()],
            }
        )
    return render({"service_code": category.code, "attributes": attributes}, fmt, "service_definition")


def _request_data(ticket, full=False):
    """One ticket as a GeoReport service request; ``full`` adds the description and exact location.

    Without ``full`` the location is coarsened to about 1 km and the community, and a sensitive category
    (complaints made at home) shows no location and no community at all: the sequential number must not
    lead anyone to a resident's door.
    """
    lat, lng = ticket.latitude, ticket.longitude
    if full:
        description = ticket.description
        address = " ".join(x for x in [ticket.community.name if ticket.community else "", ticket.address] if x)
    else:
        description = ticket.public_text if ticket.published else ""
        address = ticket.community.name if ticket.community else ""
        if not ticket.shows_place_publicly:
            lat, lng, address = None, None, ""
        elif lat is not None:
            lat, lng = round(lat, PUBLIC_DECIMALS), round(lng, PUBLIC_DECIMALS)
    return {
        "service_request_id": ticket.number,
        "status": "open" if ticket.status in OPEN_STATUSES else "closed",
        "status_notes": ticket.reply
        if ticket.status in (Status.REPLIED, Status.CLOSED) and (full or ticket.published)
        else "",
        "service_name": ticket.category.name,
        "service_code": ticket.category.code,
        "description": description,
        "agency_responsible": ticket.department.name if ticket.department else "",
        "service_notice": "",
        "requested_datetime": w3c(ticket.submitted_at),
        "updated_datetime": w3c(ticket.updated_at),
        "expected_datetime": w3c(timezone.make_aware(datetime.datetime.combine(ticket.due_date, datetime.time(18, 0))))
        if ticket.due_date and ticket.status in OPEN_STATUSES
        else None,
        "address": address,
        "address_id": "",
        "zipcode": "",
        "lat": lat,
        "long": lng,
        "media_url": "",
        "detailed_status": ticket.status,
        "rating": ticket.rating,
    }


def _api_key(request):
    raw = request.POST.get("api_key") or request.headers.get("X-Api-Key") or ""
    if not raw:
        return None
    key = Open311Key.objects.check_key(raw)
    if key is None:
        raise Open311Error(403, _("The api_key is not valid."))
    Open311Key.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def _visible_tickets():
    return Ticket.objects.filter(hidden=False).select_related("category", "community", "department")


def _full_for(key, ticket):
    return key is not None and key.department_id is not None and key.department_id == ticket.department_id


def _parse_date(value, name):
    parsed = parse_datetime(value)
    if parsed is None:
        raise Open311Error(400, _("%(name)s must be a W3C date-time such as 2026-01-01T00:00:00Z.") % {"name": name})
    try:
        aware = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 (e.g. +20:13), which W3C syntax allows.
        return aware.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise Open311Error(400, _("%(name)s must be a W3C date-time such as 2026-01-01T00:00:00Z.") % {"name": name})


def _filtered(request):
    tickets = _visible_tickets()
    ids = request.GET.get("service_request_id", "")
    if ids:
        return tickets.filter(number__in=[i.strip() for i in ids.split(",")[:MAX_RESULTS]])
    codes = [c for c in request.GET.get("service_code", "").split(",") if c]
    if codes:
        tickets = tickets.filter(category__code__in=codes)
    end = _parse_date(request.GET["end_date"], "end_date") if request.GET.get("end_date") else timezone.now()
    start = _parse_date(request.GET["start_date"], "start_date") if request.GET.get("start_date") else end - MAX_RANGE
    if start > end:
        raise Open311Error(400, _("start_date must be before end_date."))
    if end - start > MAX_RANGE:
        raise Open311Error(400, _("The date range may not span more than 90 days."))
    tickets = tickets.filter(submitted_at__gte=start, submitted_at__lte=end)
    statuses = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status must be open or closed."))
    if statuses == {"open"}:
        tickets = tickets.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        tickets = tickets.exclude(status__in=OPEN_STATUSES)
    return tickets


def _requests(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    key = _api_key(request)
    tickets = _filtered(request).order_by("-submitted_at")[:MAX_RESULTS]
    return render([_request_data(t, _full_for(key, t)) for t in tickets], fmt, "service_requests")


_requests.methods = ("GET", "POST")
requests = api_view(_requests)


def _create(request, fmt):
    """POST a service request; needs an api_key. An Idempotency-Key header makes retries safe."""
    key = _api_key(request)
    if key is None:
        raise Open311Error(403, _("An api_key is required to submit a request."))
    post = request.POST
    code = post.get("service_code", "")
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = Category.objects.filter(code=code, active=True).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code: %(code)s") % {"code": code[:40]})
    fields = _post_fields(post, category)
    idem = (request.headers.get("Idempotency-Key") or "").strip()
    if idem and (len(idem) > 64 or not idem.replace("-", "").isalnum()):
        raise Open311Error(400, _("Idempotency-Key must be at most 64 letters, digits or dashes."))
    ticket, created = create_ticket(
        idempotency_key=f"o311-{key.pk}-{idem}" if idem else None,
        source=Source.OPEN311,
        actor_label=key.name,
        **fields,
    )
    data = [
        {
            "service_request_id": ticket.number,
            "token": ticket.api_token,
            "service_notice": _("We will accept it within one working day."),
            "account_id": "",
        }
    ]
    return render(data, fmt, "service_requests", status=201 if created else 200)


def _post_fields(post, category):
    """Validate the POSTed fields; any problem is a 400 with a Chinese description."""
    try:
        lat = float(post["lat"]) if post.get("lat") else None
        lng = float(post["long"]) if post.get("long") else None
    except ValueError:
        raise Open311Error(400, _("lat and long must be numbers."))
    try:
        validate_in_china(lat, lng)
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages))
    address = clean_text(post.get("address_string", ""))
    if lat is None and not address:
        raise Open311Error(400, _("A location is required: lat and long, or address_string."))
    if len(address) > 200:
        raise Open311Error(400, _("address_string may be at most 200 characters."))
    description = clean_text(post.get("description", ""))
    if not description:
        raise Open311Error(400, _("description is required."))
    if len(description) > 2000:
        raise Open311Error(400, _("description may be at most 2000 characters."))
    phone = normalise_mobile(post.get("phone", ""))
    if phone:
        try:
            validate_mobile(phone)
        except ValidationError:
            raise Open311Error(400, _("phone must be an 11-digit mainland mobile number."))
    email = post.get("email", "").strip()
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("email is not a valid address."))
    name = clean_text(f"{post.get('last_name', '')}{post.get('first_name', '')}")[:40]
    try:
        validate_person_name(name)
    except ValidationError:
        raise Open311Error(400, _("last_name and first_name may not start with =, +, -, @ or a tab."))
    attributes, errors = clean_answers(category.questions.all(), lambda q: post.get(f"attribute[{q.code}]", ""))
    if errors:
        first = errors[0]
        messages = {
            "required": _("attribute[%(code)s] is required for this service."),
            "choice": _("attribute[%(code)s] has an unknown value."),
            "number": _("attribute[%(code)s] must be a number."),
            "too_long": _("attribute[%(code)s] may be at most 200 characters."),
        }
        raise Open311Error(400, messages[first.kind] % {"code": first.question.code})
    return {
        "category": category,
        "latitude": lat,
        "longitude": lng,
        "address": address,
        "description": description,
        "phone": phone,
        "email": email[:254],
        "name": name or str(_("Open311 user")),
        "attributes": attributes,
    }


@api_view
def request_detail(request, number, fmt):
    key = _api_key(request)
    ticket = _visible_tickets().filter(number=number).first()
    if ticket is None:
        raise Open311Error(404, _("No service request %(id)s.") % {"id": number[:20]})
    return render([_request_data(ticket, _full_for(key, ticket))], fmt, "service_requests")


@csrf_exempt
def not_found(request, path=""):
    """Any other URL under /open311/: the spec's 404 error array instead of an HTML page."""
    return error("xml" if request.path.endswith(".xml") else "json", 404, _("No such Open311 endpoint."))


@api_view
def token_detail(request, token, fmt):
    ticket = Ticket.objects.filter(api_token=token, hidden=False).first()
    if ticket is None:
        raise Open311Error(404, _("Unknown token."))
    return render([{"service_request_id": ticket.number, "token": ticket.api_token}], fmt, "service_requests")
