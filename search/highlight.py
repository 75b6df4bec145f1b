"""Highlighted snippets: escaped text with the matched words wrapped in ``<mark>``."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_CHARS = 110


def _pattern(terms):
    terms = [t for t in terms if t]
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)), re.IGNORECASE)


def mark(text, terms):
    """``text`` escaped, with every occurrence of ``terms`` wrapped in <mark>; safe to render."""
    text = text or ""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def best_window(text, terms, length=SNIPPET_CHARS):
    """The stretch of ``text`` of about ``length`` characters holding the most distinct terms."""
    pattern = _pattern(terms)
    if not text or pattern is None:
        return (text or "")[:length], 0, len(text or "") > length
    matches = [(m.start(), m.group(0).lower()) for m in pattern.finditer(text)]
    if not matches:
        return text[:length], 0, len(text) > length
    best_start, best_score = matches[0][0], 0
    for i, (start, _) in enumerate(matches):
        distinct = {term for pos, term in matches[i:] if pos < start + length}
        score = sum(len(t) for t in distinct)
        if score > best_score:
            best_start, best_score = start, score
    # Start a little before the first match, at a sentence or clause break when there is one.
    begin = max(0, best_start - 20)
    brk = max(text.rfind(c, begin, best_start) for c in "。；！？，,.;\n ")
    if brk >= begin:
        begin = brk + 1
    end = min(len(text), begin + length)
    return text[begin:end], begin, end < len(text)


def snippet(body_text, summary, terms, length=SNIPPET_CHARS):
    """A highlighted excerpt: the best window of the body, else the summary, else the body's start."""
    window, begin, more = best_window(body_text or "", terms, length)
    pattern = _pattern(terms)
    if summary and (pattern is None or not pattern.search(window or "")):
        return mark(summary[:length] + ("…" if len(summary) > length else ""), terms)
    prefix = "…" if begin > 0 else ""
    return mark(prefix + window + ("…" if more else ""), terms)
