"""Residents' personal data as each viewer may see it: one masking rule for pages, exports and APIs."""

from django.conf import settings

# The permission that lets staff see residents' names, phones and e-mail addresses in full.
DEFAULT_PERSONAL_DATA_PERMISSION = "feedback.view_personal_data"


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


def mask_email(email):
    """Keep the first character and the domain: wang@example.cn → w***@example.cn."""
    email = (email or "").strip()
    if not email:
        return ""
    local, at, domain = email.rpartition("@")
    if not at:
        return "*" * len(email)
    return local[:1] + "***@" + domain


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
