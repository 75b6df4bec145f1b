"""QR codes drawn locally with segno (no external service), cached per URL, format and size."""

import hashlib
import io

import segno
from django.core.cache import cache
from django.http import HttpResponse

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
CACHE_SECONDS = 24 * 3600


def qr_bytes(url, fmt="svg", scale=8, border=4):
    """The QR code for ``url`` as PNG or SVG bytes; error correction M survives a smudged printout."""
    key = "qr:" + hashlib.sha256(f"{fmt}:{scale}:{border}:{url}".encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        code = segno.make(url, error="m", micro=False)
        buffer = io.BytesIO()
        if fmt == "png":
            code.save(buffer, kind="png", scale=scale, border=border)
        else:
            code.save(buffer, kind="svg", scale=scale, border=border, xmldecl=True, svgns=True, title=url)
        data = buffer.getvalue()
        cache.set(key, data, CACHE_SECONDS)
    return data


def qr_response(url, fmt="svg", filename=None, scale=8, border=4):
    """An HTTP response with the QR code for ``url``, cacheable for a day by browsers and proxies."""
    response = HttpResponse(qr_bytes(url, fmt, scale, border), content_type=FORMATS[fmt])
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
