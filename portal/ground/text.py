"""Folding what people type and what editors write into one comparable form.

``fold`` is the form shown to users: full-width letters and digits become ASCII, control characters and
bracketed pinyin left over by converters go (網(wǎng)格 → 網格), Traditional becomes Simplified (OpenCC).
``normalize`` lower-cases that for comparisons; ``compact`` also drops spaces, for matching names
typed with or without them.
"""

import re
import unicodedata
from functools import lru_cache

# Bracketed pinyin after a Han character, e.g. 網(wǎng)格 or 网（wang3）格: tone marks or tone digits.
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_BRACKETS = re.compile(
    r"(?<=[\u3400-\u9fff])\s*[(\[（【]\s*"
    rf"(?:[a-zü{_TONE_VOWELS}]*[{_TONE_VOWELS}][a-zü{_TONE_VOWELS}]*|[a-zü]+[1-5])"
    rf"(?:\s+(?:[a-zü{_TONE_VOWELS}]*[{_TONE_VOWELS}][a-zü{_TONE_VOWELS}]*|[a-zü]+[1-5]))*"
    r"\s*[)\]）】]",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_FULL_WIDTH[0x3000] = 0x20
_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def fold(text):
    """Text as shown to users after folding: half-width, no bracketed pinyin, Simplified script."""
    if not text:
        return ""
    # Full-width letters and digits become ASCII; Chinese punctuation stays as written.
    text = str(text).translate(_FULL_WIDTH)
    text = _CONTROL.sub("", text)
    text = _PINYIN_BRACKETS.sub("", text)
    return _converter().convert(text)


def normalize(text):
    """Folded and lower-cased: the form every comparison uses."""
    return fold(text).lower()


def compact(text):
    """Normalised (also NFKC: ＡＢ → ab) without any spaces, for matching names: 網 格 → 网格."""
    return _SPACE.sub("", normalize(unicodedata.normalize("NFKC", text or "")))


def has_han(text):
    """True when the text contains at least one Chinese character."""
    return bool(_HAN.search(text or ""))
