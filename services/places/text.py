"""Matching what residents type: Traditional characters fold to Simplified, spaces and case ignored."""

import functools
import re
import unicodedata


@functools.cache
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def fold(text):
    """Simplified, NFKC-normalised, lower-case text without spaces (網格 → 网格, ＡＢ → ab)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _converter().convert(text)
    return re.sub(r"\s+", "", text).lower()
