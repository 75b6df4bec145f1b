"""QR codes generated locally with segno (no external service), cached per URL and format."""

import hashlib
import io

import segno
from django.core.cache import cache

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def qr_bytes(url, fmt):
    """The QR code for ``url`` as PNG or SVG bytes; error correction M survives a smudged printout."""
    key = "catalog:qr:" + hashlib.sha256(f"{fmt}:{url}".encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        code = segno.make(url, error="m", micro=False)
        buffer = io.BytesIO()
        if fmt == "png":
            code.save(buffer, kind="png", scale=8, border=4)
        else:
            code.save(buffer, kind="svg", scale=8, border=4, xmldecl=True, svgns=True, title=url)
        data = buffer.getvalue()
        cache.set(key, data, 24 * 3600)
    return data
