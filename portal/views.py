"""Site-wide views: health check, robots.txt, the elderly-mode toggle and error pages."""

import os
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from services.feedback import open311

from . import openapi
from .context_processors import ELDER_COOKIE
from .ground.params import public_message
from .heartbeat import worker_status
from .security import denials

ONE_YEAR = 365 * 24 * 3600
# Errors that mean "the database is not reachable right now", not "the code is wrong".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@require_GET
def openapi_description(request):
    """/api/v1/openapi.json: the OpenAPI 3 description of /api/v1/ and /open311/v2/ (portal/openapi.py)."""
    response = JsonResponse(
        openapi.description(request.build_absolute_uri("/").rstrip("/")), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


@never_cache
@require_GET
def healthz(request):
    """Report database, search, task worker and holiday-calendar status as JSON: 200 when database and search
    answer, else 503; "degraded" (still 200) when the worker is late or a year's holiday calendar is missing."""
    checks = {}
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
    checks["search"] = _search_health()
    ok = all(check["ok"] for check in checks.values())
    # A stopped worker delays e-mails and backups but pages are still served: "degraded", still a 200.
    checks["worker"] = worker_status()
    # Likewise a missing holiday calendar: deadlines in that year count Monday to Friday only.
    checks["calendar"] = _calendar_health() if checks["database"]["ok"] else {"ok": False, "error": "database"}
    warnings_ok = checks["worker"]["ok"] and checks["calendar"]["ok"]
    status = "error" if not ok else "ok" if warnings_ok else "degraded"
    body = {
        "status": status,
        "checks": checks,
        "took_ms": round((time.perf_counter() - started) * 1000, 1),
        # Counters for monitoring: admin permission denials since the shared cache was last cleared.
        "security": {"admin_denials": denials.count()},
    }
    return JsonResponse(body, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})


def _calendar_health():
    """Whether the current and the next year have a holiday calendar (see services/places holiday_seed)."""
    from services.places.models.holidays import missing_calendar_years

    try:
        missing = missing_calendar_years()
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": not missing, "missing_years": missing}


def _search_health():
    """Ask the configured search engine whether it answers (see search/engine)."""
    try:
        from search.engine import get_engine
    except ImportError:
        return {"ok": True, "engine": "none"}
    try:
        return get_engine().health()
    except Exception as exc:  # noqa: BLE001 - a broken engine is reported, not raised
        return {"ok": False, "engine": settings.PORTAL_SEARCH_ENGINE, "error": exc.__class__.__name__}


@require_GET
def robots_txt(request):
    """Allow crawlers on public pages, keep them out of the admin and private tracking pages."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /feedback/track/",
        "Disallow: /api/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def toggle_elder_mode(request):
    """Switch the elderly-friendly mode on or off with a cookie; works without JavaScript."""
    turn_on = request.GET.get("on", request.POST.get("on", "1")) == "1"
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if "\ufffd" in next_url or not next_url.startswith("/"):  # undecodable or relative: go home
        next_url = "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if turn_on:
        response.set_cookie(ELDER_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response


def bad_request(request, exception=None):
    """Chinese 400 page (JSON for the APIs, the spec's error array for Open311) saying what was wrong."""
    message = public_message(request, exception)
    if request.path.startswith("/open311/"):
        return open311.error("xml" if request.path.endswith(".xml") else "json", 400, message)
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message}, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "400.html", {"message": message}, status=400)


def page_not_found(request, exception=None):
    """Chinese 404 page with a search box and the main entries."""
    return render(request, "404.html", status=404)


def server_error(request):
    """Chinese 500 page rendered without context processors that might fail again.

    When the database cannot be reached (a restart, a failover, a locked SQLite file) the answer is a
    503 with Retry-After instead: nothing was saved (every write is one transaction), try again shortly.
    """
    from django.template import loader

    unavailable = isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE)
    status = 503 if unavailable else 500
    if unavailable:
        message = _("The service is briefly unavailable and nothing was saved. Please try again in a minute.")
        if request.path.startswith("/open311/"):
            response = open311.error("xml" if request.path.endswith(".xml") else "json", 503, str(message))
        elif request.path.startswith("/api/"):
            response = JsonResponse({"message": str(message)}, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            response = HttpResponse(loader.get_template("503.html").render({"request": None}), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render({"request": None}), status=status)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages without a <link rel=icon>; send them to the SVG icon."""
    from django.templatetags.static import static

    return HttpResponseRedirect(static("img/favicon.svg"))


@require_GET
def public_media(request, path):
    """Wagtail image renditions under MEDIA_ROOT/images/ (the only public uploads); nginx serves them itself."""
    from django.views.static import serve

    return serve(request, path, document_root=os.path.join(settings.MEDIA_ROOT, "images"))
