"""Structured data (schema.org JSON-LD) in a page, serialised safely."""

import json

from django.utils.safestring import mark_safe


def json_ld(data):
    """``data`` as a <script type="application/ld+json"> that no text inside it can close early."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
