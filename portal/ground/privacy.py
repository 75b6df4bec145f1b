"""Residents' personal data as each viewer may see it: one masking rule for pages, exports and APIs."""

import re

from django.conf import settings

# The permission that lets staff see residents' names, phones and e-mail addresses in full.
DEFAULT_PERSONAL_DATA_PERMISSION = "feedback.view_personal_data"

# Mainland mobile numbers, landlines with area code, and 18-digit resident ID numbers.
_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def mask_name(name):
    """Keep the surname of a Chinese name and hide the rest: 张建华 → 张**; empty stays empty."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone):
    """The digits of a phone number with at least four of them hidden: 138 1234 5678 → 138****5678.

    Separators are dropped so they cannot reveal the number's shape. A full number (11 digits or more)
    keeps its first three and last four digits; 8 to 10 digits keep only the last four; shorter
    numbers are hidden entirely.
    """
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit())
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) >= 8:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)


def mask_email(email):
    """Keep the first character and the domain: wang@example.cn → w***@example.cn."""
    email = (email or "").strip()
    if not email:
        return ""
    local, at, domain = email.rpartition("@")
    if not at:
        return "*" * len(email)
    return local[:1] + "***@" + domain


def mask_personal_data(text):
    """Free text typed by a resident with ID numbers and phone numbers replaced by asterisks."""
    text = _ID_NUMBER.sub(lambda m: m.group()[:4] + "*" * 10 + m.group()[-4:], text or "")
    text = _MOBILE.sub(lambda m: m.group()[:3] + "****" + m.group()[-4:], text)
    return _LANDLINE.sub(lambda m: m.group()[:4] + "****", text)


MASKS = {"name": mask_name, "phone": mask_phone, "email": mask_email}


def personal_data_permission():
    return getattr(settings, "PERSONAL_DATA_PERMISSION", DEFAULT_PERSONAL_DATA_PERMISSION)


def may_see_personal_data(user):
    """Staff with the personal-data permission (and superusers) see it in full; everyone else masked."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.has_perm(personal_data_permission()))
    )


def mask_for(user, kind, value):
    """``value`` (a ``kind`` of personal data: name, phone or email) as ``user`` may see it.

    ``user`` None means the public. Unknown kinds raise KeyError rather than leak unmasked.
    """
    mask = MASKS[kind]
    return (value or "") if may_see_personal_data(user) else mask(value)
