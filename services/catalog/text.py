"""Text helpers for the catalog: pinyin sort keys, line lists and masking of personal data."""

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

# Mainland mobile numbers, landlines with area code, and 18-digit resident ID numbers.
_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def strip_leading_marks(text):
    """The text without leading spaces, quotes, brackets and other punctuation or symbols: “四点半课堂” → 四点半课堂”."""
    text = text or ""
    start = 0
    while start < len(text) and unicodedata.category(text[start])[0] in "PSZ":
        start += 1
    return text[start:]


def pinyin_key(text):
    """A lower-case ASCII key that sorts Chinese text by pinyin (Latin letters keep their place).

    Leading quotes and brackets are ignored, so “四点半课堂”报名 sorts and indexes under S.
    """
    syllables = lazy_pinyin(strip_leading_marks(text), style=Style.NORMAL, errors="default")
    return " ".join(s.strip().lower() for s in syllables if s.strip())[:255]


def pinyin_initial(text):
    """The upper-case first letter of the text's pinyin (leading quotes ignored), or '#' for digits and symbols."""
    key = pinyin_key(text)
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def lines(text):
    """The non-empty, stripped lines of a multi-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def mask_personal_data(text):
    """Replace ID numbers and phone numbers in free text typed by a resident with asterisks."""
    text = _ID_NUMBER.sub(lambda m: m.group()[:4] + "*" * 10 + m.group()[-4:], text or "")
    text = _MOBILE.sub(lambda m: m.group()[:3] + "****" + m.group()[-4:], text)
    return _LANDLINE.sub(lambda m: m.group()[:4] + "****", text)


def mask_phone(phone):
    """A phone number with its middle digits hidden, for lists shown to editors."""
    digits = phone or ""
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
