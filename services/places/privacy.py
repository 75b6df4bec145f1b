"""Masking of personal data shown on public pages."""


def mask_name(name):
    """Keep the surname of a Chinese name and hide the rest: 张建华 → 张**; empty stays empty."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone):
    """Hide the middle digits of a phone number: 13812345678 → 138****5678."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
