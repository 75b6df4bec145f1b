"""Plain Django views of the catalog: QR codes of guides and the answer to '这个页面有用吗'."""

import hashlib
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from portal.ground.client import client_address
from portal.ground.params import MAX_ID
from portal.ground.qr import FORMATS, qr_response
from services.catalog.forms import UsefulnessForm
from services.catalog.models import ServiceGuidePage


@require_GET
def guide_qr(request, pk, fmt):
    """The QR code (PNG or SVG) that opens a live guide at its absolute URL on a phone."""
    if fmt not in FORMATS:
        raise Http404
    guide = get_object_or_404(ServiceGuidePage.objects.live().public(), pk=_id_or_404(pk))
    url = request.build_absolute_uri(guide.get_url(request))
    return qr_response(url, fmt, filename=f"guide-{guide.pk}-qr.{fmt}")


def _id_or_404(value):
    """A page id from the URL; a number no column can hold finds nothing (not an OverflowError)."""
    number = int(value)
    if number > MAX_ID:
        raise Http404
    return number


# --- 这个页面有用吗 ----------------------------------------------------------------------------------

USEFULNESS_WINDOW = 3600  # seconds; the per-address limit is USEFULNESS_RATE_LIMIT answers per window
ANSWERED_COOKIE = "useful_answered"
ANSWERED_SALT = "catalog.usefulness"


@csrf_exempt
def guide_usefulness(request, pk):
    """Record the answer to '这个页面有用吗' for one guide, then back to the guide with thanks.

    Why this view takes no CSRF token: guides are the pages residents read most, and the page cache in
    nginx keeps no page that carries a CSRF token (a token is tied to one browser's cookie, so a cached
    token would fail for everyone else). A token fetched by JavaScript would leave the form broken
    without JavaScript, and an intermediate page for the token would double the clicks of the
    commonest answer. So the form is a plain form in the cached page and this view is exempt, which is
    sound because of what it does and how it is guarded:

    - it acts for nobody: an anonymous yes/no and an optional short note (no account, no session, no
      personal data; phone numbers and the like in the note are masked before saving), so a forged
      request can gain no one's authority, only add an answer;
    - forged cross-site posts are refused (403): browsers send ``Origin`` with every POST, and it must be
      the site's own (or one of ``CSRF_TRUSTED_ORIGINS``); without ``Origin`` a ``Referer``, if sent, must be;
    - ballot stuffing is bounded: ``USEFULNESS_RATE_LIMIT`` answers per hour per client address
      (``portal.ground.client.client_address``, so residents behind the proxy have their own count), then
      429; a honeypot field drops bots silently; one answer per browser and guide, remembered in a
      signed cookie rather than a session (a session cookie would take the resident out of the page
      cache for the rest of the visit).

    Invalid answers get the guide back with the message (400). A GET comes back to the guide.
    """
    guide = get_object_or_404(ServiceGuidePage.objects.live(), pk=_id_or_404(pk))
    if any(not restriction.accept_request(request) for restriction in guide.get_view_restrictions()):
        raise Http404
    if request.method != "POST":
        return redirect(guide.url)
    if not _posted_from_this_site(request):
        return render(request, "catalog/usefulness_refused.html", {"guide": guide}, status=403)
    address = client_address(request)
    if not _within_rate_limit(address):
        return render(request, "catalog/usefulness_refused.html", {"guide": guide, "too_many": True}, status=429)
    form = UsefulnessForm(request.POST)
    if not form.is_valid():
        context = guide.get_context(request)
        context["usefulness_form"] = form
        return TemplateResponse(request, guide.get_template(request), context, status=400)
    answered = _answered(request)
    response = redirect(f"{guide.url}?useful=thanks#page-useful")
    if form.is_spam() or guide.pk in answered:
        return response
    form.record(guide)
    response.set_signed_cookie(
        ANSWERED_COOKIE,
        ",".join(str(pk) for pk in (answered + [guide.pk])[-100:]),
        salt=ANSWERED_SALT,
        max_age=365 * 24 * 3600,
        path="/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def _origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def _posted_from_this_site(request):
    """The site's own origin (or a trusted one) in ``Origin``, else in ``Referer``; neither sent is accepted.

    Every browser in use sends ``Origin`` on a POST (``null`` from sandboxed or privacy-stripped
    contexts, refused here), so a cross-site form post always names its site. A request with neither
    header is not from a browser on another site; such a client could write any header it likes anyway.
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return _is_own(request, origin.lower())
    referer = request.META.get("HTTP_REFERER")
    if referer:
        return _is_own(request, _origin_of(referer))
    return True


def _is_own(request, origin):
    """``origin`` is this site's, or listed in ``CSRF_TRUSTED_ORIGINS`` (``https://*.example.cn`` as Django reads it)."""
    if not origin:
        return False
    if origin == f"{request.scheme}://{request.get_host()}".lower():
        return True
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted = trusted.lower()
        scheme, _, host = trusted.partition("://")
        if origin == trusted or (
            host.startswith("*.") and origin.startswith(scheme + "://") and origin.endswith(host[1:])
        ):
            return True
    return False


def _within_rate_limit(address):
    """Count one answer for ``address``; False once it is past ``USEFULNESS_RATE_LIMIT`` this hour."""
    window = int(time.time() // USEFULNESS_WINDOW)
    key = "catalog:useful:" + hashlib.sha256(f"{address}:{window}".encode()).hexdigest()[:32]
    if cache.add(key, 1, USEFULNESS_WINDOW + 60):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, USEFULNESS_WINDOW + 60)
            count = 1
        cache.touch(key, USEFULNESS_WINDOW + 60)  # file-based incr resets the expiry to the default
    return count <= settings.USEFULNESS_RATE_LIMIT


def _answered(request):
    """The guides this browser has answered for (from the signed cookie; a bad cookie counts as none)."""
    value = request.get_signed_cookie(ANSWERED_COOKIE, default="", salt=ANSWERED_SALT)
    return [int(part) for part in value.split(",") if part.isdigit()]
