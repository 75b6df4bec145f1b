"""Checks on what residents type: mobile numbers, coordinates, plain text."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# A generous box around the People's Republic of China (WGS-84).
CHINA_LAT = (3.8, 53.6)
CHINA_LNG = (73.4, 135.1)


def normalise_mobile(value):
    """Strip spaces, dashes and a +86 / 86 prefix."""
    value = re.sub(r"[\s\-()（）]", "", value or "")
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("86") and len(value) == 13:
        value = value[2:]
    return value


def validate_mobile(value):
    """A mainland mobile number: 11 digits starting with 13–19."""
    if not MOBILE_RE.match(value or ""):
        raise ValidationError(
            _("Please enter an 11-digit mainland mobile number, for example 13812345678."), code="mobile"
        )


def validate_in_china(latitude, longitude):
    """Refuse coordinates outside China's bounding box (a pin dropped in the sea or a swapped pair)."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("Both latitude and longitude are needed for a map location."), code="coords")
    if not (CHINA_LAT[0] <= latitude <= CHINA_LAT[1] and CHINA_LNG[0] <= longitude <= CHINA_LNG[1]):
        raise ValidationError(_("The map location is outside China. Please check the pin."), code="coords")


CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    """Remove control characters (they break CSV exports and e-mails); keep everything else as typed."""
    return CONTROL_RE.sub("", value or "").strip()


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM…).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def validate_person_name(value):
    """A person's name never starts like a spreadsheet formula; refuse it instead of storing a trap."""
    if value and value.startswith(FORMULA_PREFIXES):
        raise ValidationError(_("A name may not start with =, +, -, @ or a tab."), code="formula")


def clean_person_name(value):
    """A name as typed, without control characters, refused when it starts like a formula."""
    value = clean_text(value)
    validate_person_name(value)
    return value


def spreadsheet_safe(value):
    """A CSV cell that a spreadsheet shows as text: a leading formula character gets a quote before it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
