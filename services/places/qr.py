"""QR codes for posters at a station's door (drawn locally with segno, no external service)."""

import io

import segno
from django.http import HttpResponse


def qr_svg(url, scale=4):
    """The SVG markup of a QR code for ``url`` (error correction M, dark ink on white)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, title=url)
    return buffer.getvalue()


def qr_svg_response(url):
    response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
