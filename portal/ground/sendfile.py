"""Hand a private file to the client after the app's own checks: through nginx or from the app.

Behind nginx (``X_ACCEL_REDIRECT`` on) the response is only an ``X-Accel-Redirect`` to the internal
location ``/_protected/`` (deploy/nginx/portal.conf), so nginx sends the bytes; otherwise the file is
streamed by the app. Also the ``SENDFILE_BACKEND`` of Wagtail's document view (``sendfile``).
"""

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse

PROTECTED_PREFIX = "/_protected/"


def sendfile(request, filename, mimetype=None, **kwargs):
    """A response that delivers ``filename`` (a path under MEDIA_ROOT); Wagtail's sendfile backend signature."""
    mimetype = mimetype or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    media_root = os.path.realpath(settings.MEDIA_ROOT)
    real = os.path.realpath(filename)
    if not real.startswith(media_root + os.sep) or not os.path.isfile(real):
        raise Http404
    if getattr(settings, "X_ACCEL_REDIRECT", False):
        response = HttpResponse(content_type=mimetype)
        response["X-Accel-Redirect"] = PROTECTED_PREFIX + quote(os.path.relpath(real, media_root))
        return response
    response = FileResponse(open(real, "rb"), content_type=mimetype)  # noqa: SIM115 - closed by Django
    response["Content-Length"] = os.path.getsize(real)
    return response


def serve_field_file(request, field_file, private=True):
    """Serve a model's FileField (a resident's photo) once the caller has decided who may see it."""
    if not field_file:
        raise Http404
    response = sendfile(request, field_file.path)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
