"""Turning a document's lines into an article: title, date, source, author, lead, sections; site chrome dropped.

Each field remembers how it was found (``Article.found``) so that the editor, the command's output and the
accuracy bench can tell an explicit value from a detected one. Dropped lines are listed so the editor can check
that nothing real was lost. Traditional script becomes Simplified (bracketed pinyin left by converters goes);
the original text is kept.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from portal.ground.text import fold

from ..blocks import SectionKind
from . import chrome, metadata
from .reader import Line

NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、．.]\s*\S")
SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*\S")
HEADING_MAX_LENGTH = 40
TITLE_MIN_LENGTH, TITLE_MAX_LENGTH = 4, 80
# How many lines after the start the header (title, publication lines, bylines) may run.
HEADER_SPAN = 12
LEAD_LABEL = re.compile(r"^[【\[]?\s*(导读|导语|摘要|编者按|内容提要)\s*[】\]]?\s*[:：]?\s*")
TITLE_LABEL = re.compile(r"^(标题|题目)\s*[:：]\s*")
HTML_TITLE_SEPARATOR = re.compile(r"\s*(?:[-_|｜]|——)\s*")
HAN = re.compile(r"[\u3400-\u9fff]")
TITLE_VERBS = re.compile(r"[的“”\"]|召开|举行|开展|推进|走进|打造|深化|助力|启动|探索|实施|获得|荣获|让|为|：")

# How a field was found: the code kept in Article.found (and the command's JSON), and what the editor reads.
FOUND_LABELS = {
    "stated-by-file": _("stated by the file (front matter, Word title style or meta tag)"),
    "document-sharing-sentence": _("inside 《》 in a document-sharing site's sentence"),
    "title-label": _("after “标题：”"),
    "title-style": _("the file's title style or <h1>"),
    "first-title-line": _("the first line that reads as a title"),
    "html-title": _("the page's <title>, without the site name"),
    "date-line": _("a date line"),
    "date-line-chinese-numerals": _("a date in Chinese numerals"),
    "date-line-month-day": _("a month-day date; the year from the text"),
    "signature-date": _("the date under the signature"),
    "source-line": _("a “来源” line, without the website's name"),
    "organisation-line": _("the organisation's line above the report"),
    "signature": _("the signing organisation"),
    "byline": _("the reporter's byline"),
    "author-label": _("an “作者/记者” label"),
    "lead-label": _("a “导语/摘要” label"),
    "first-paragraph": _("the first paragraph"),
    "traditional-to-simplified": _("converted from Traditional to Simplified script; the original is kept"),
    "corrected-by-editor": _("corrected by the editor"),
}
FIELD_LABELS = {
    "title": _("Title"),
    "date": _("Date"),
    "source": _("Source"),
    "author": _("Author"),
    "lead": _("Lead"),
    "script": _("Script"),
}

SECTION_KEYWORDS = [
    (SectionKind.BACKGROUND, ("背景", "缘起", "起因", "动因", "基本情况", "问题", "由来")),
    (SectionKind.PRACTICE, ("做法", "举措", "措施", "主要工作", "路径", "探索", "机制")),
    (SectionKind.RESULTS, ("成效", "成果", "效果", "成绩", "变化")),
    (SectionKind.LESSONS, ("启示", "经验", "体会", "思考", "展望", "下一步")),
]


@dataclass
class Article:
    """What an article file contains once its site chrome is gone."""

    title: str
    date: datetime.date | None = None
    source: str = ""
    author: str = ""
    lead: str = ""
    blocks: list = field(default_factory=list)  # ("heading" | "subheading" | "paragraph" | "table" | "image", text)
    images: dict = field(default_factory=dict)  # image name → bytes, for "image" blocks
    dropped: list = field(default_factory=list)
    found: dict = field(default_factory=dict)  # field → how it was found
    fallbacks: dict = field(default_factory=dict)  # field → (value, how) used when nothing better is found
    original_text: str = ""  # the text as received, when the script was converted

    def paragraphs(self):
        return [text for kind, text in self.blocks if kind == "paragraph"]

    def summary(self, limit=120):
        """The lead, else the first paragraph, shortened."""
        for text in [self.lead, *self.paragraphs()]:
            if text:
                return text if len(text) <= limit else text[: limit - 1] + "…"
        return ""

    def found_for_editor(self):
        """(field label, how it was found) in the editor's language."""
        return [(FIELD_LABELS.get(name, name), FOUND_LABELS.get(how, how)) for name, how in self.found.items()]

    def set(self, name, value, how):
        """Set a field the first time a value is found for it, remembering how."""
        if value and not getattr(self, name):
            setattr(self, name, value)
            self.found[name] = how

    def text_for_hash(self):
        """The body text with punctuation and spaces removed: the same report in any format or script."""
        return re.sub(r"[\W_]+", "", "".join(text for kind, text in self.blocks if kind != "image"))


def parse_date(text):
    """The first full date in ``text`` as a date, or None when there is none or it is impossible."""
    return metadata.find_date(text)[0]


def heading_kind(line):
    """'heading', 'subheading' or None for a body line."""
    if line.style == "heading":
        return "heading"
    text = line.text
    if len(text) <= HEADING_MAX_LENGTH and not text.endswith(("。", "；", "，", "：", ":")):
        if NUMBERED_HEADING.match(text):
            return "heading"
        if SUB_HEADING.match(text):
            return "subheading"
    return None


def simplified(document):
    """The document's lines in Simplified script, and whether any Traditional characters were converted."""
    lines, converted = [], False
    for line in document.lines:
        text = fold(line.text) if line.style != "image" else line.text
        converted = converted or HAN.findall(text) != HAN.findall(line.text)
        lines.append(Line(text.strip(), line.style, line.data))
    return [line for line in lines if line.text], converted


def looks_like_title(line):
    text = line.text
    if line.style == "title":
        return True
    if line.style in ("image", "table") or not TITLE_MIN_LENGTH <= len(text) <= TITLE_MAX_LENGTH:
        return False
    return not text.endswith(("。", "；", "：", ":")) and "，" not in text[:-1] or len(text) <= 30


def is_organisation(lines, n):
    """An organisation line above the title or the publication line, not a short title that ends like one."""
    text = lines[n].text
    if not metadata.is_organisation_line(text) or TITLE_VERBS.search(text):
        return False
    following = next((line for line in lines[n + 1 : n + 3] if not chrome.is_chrome(line.text, leading=True)), None)
    return following is None or metadata.is_meta_line(following.text) or looks_like_title(following)


def html_title(document):
    """The article's title as the page's <title> gives it, without the site name after a separator."""
    raw = document.meta.get("html_title", "")
    return HTML_TITLE_SEPARATOR.split(raw)[0].strip() if raw else ""


def apply_explicit_meta(article, document):
    """Values the file's format states outright: front matter, Word's Title style, HTML meta tags and <h1>."""
    meta = document.meta
    article.set("title", meta.get("title", "").strip(), "stated-by-file")
    article.set("date", parse_date(meta.get("date", "")), "stated-by-file")
    article.set("source", metadata.clean_source(meta.get("source", "")), "stated-by-file")
    article.set("author", meta.get("author", "").strip(), "stated-by-file")


def read_header_line(article, lines, n, hint):
    """Use one header line for metadata; returns 'dropped', 'meta', 'title' or '' (a body line)."""
    line = lines[n]
    text = line.text
    shared = metadata.docshare_title(text)
    if shared:
        article.set("title", shared, "document-sharing-sentence")
        return "dropped"
    if metadata.is_meta_line(text):
        for name, (value, how) in metadata.read_meta(text, year_hint=hint).items():
            article.set(name, value, how)
        return "meta"
    if chrome.is_chrome(text, leading=True):
        return "dropped"
    if not article.title and TITLE_LABEL.match(text):
        article.set("title", TITLE_LABEL.sub("", text), "title-label")
        return "title"
    if article.title and text == article.title:
        return "title"
    if is_organisation(lines, n):
        # A 来源 line names the publisher more exactly; the organisation line is kept for when there is none.
        article.fallbacks.setdefault("source", (metadata.clean_source(text), "organisation-line"))
        return "meta"
    if not article.title and looks_like_title(line):
        article.set("title", text, "title-style" if line.style == "title" else "first-title-line")
        return "title"
    return ""


def read_signature(article, body):
    """Date and organisation from an official text's signature: the organisation, then a lone date, at the end."""
    if len(body) < 2 or article.date:
        return
    date, _how = metadata.find_date(body[-1].text)
    if date and metadata.is_meta_line(body[-1].text):
        article.set("date", date, "signature-date")
        if metadata.is_organisation_line(body[-2].text):
            article.fallbacks.setdefault("source", (metadata.clean_source(body[-2].text), "signature"))


def split_footer(lines, repeated):
    """(lines, footer): the footer starts at the first footer marker in the second half, or at trailing chrome."""
    for n, line in enumerate(lines):
        if n >= max(len(lines) // 2, 1) and chrome.is_tail_start(line.text):
            lines, footer = lines[:n], lines[n:]
            break
    else:
        footer = []
    count = chrome.trailing_chrome(lines, repeated)
    if count:
        lines, footer = lines[: len(lines) - count], lines[len(lines) - count :] + footer
    return lines, [line.text for line in footer]


def parse_document(document, repeated=frozenset()):
    """An Article from a RawDocument (see reader.read_document); ``repeated`` lines are a batch's chrome."""
    lines, converted = simplified(document)
    article = Article(title="")
    if converted:
        article.original_text = "\n".join(line.text for line in document.lines)
        article.found["script"] = "traditional-to-simplified"
    apply_explicit_meta(article, document)
    guessed_title = html_title(document)
    hint = metadata.year_hint(line.text for line in lines)

    dropped = [line.text for line in lines if line.text in repeated]
    lines = [line for line in lines if line.text not in repeated]
    lines, footer = split_footer(lines, repeated)

    body, start, n = [], 0, 0
    while n < len(lines):
        if n - start < HEADER_SPAN and not body:
            menu = chrome.leading_menu_run(lines, n) if not article.title else 0
            if menu:
                dropped += [line.text for line in lines[n : n + menu]]
                n += menu
                continue
            if not article.title and guessed_title and lines[n].text == guessed_title:
                article.set("title", guessed_title, "html-title")
                n += 1
                continue
            outcome = read_header_line(article, lines, n, hint)
            if outcome == "dropped":
                dropped.append(lines[n].text)
            if outcome:
                n += 1
                continue
        line = lines[n]
        n += 1
        if line.style != "image" and (chrome.is_chrome(line.text) or line.text == article.title):
            if line.text != article.title:
                dropped.append(line.text)
            continue
        if not body and LEAD_LABEL.match(line.text):
            article.lead = LEAD_LABEL.sub("", line.text)
            article.found["lead"] = "lead-label"
            line = Line(article.lead)
        body.append(line)

    article.set("title", guessed_title, "html-title")
    read_signature(article, body)
    for name, (value, how) in article.fallbacks.items():
        article.set(name, value, how)
    for line in body:
        if line.style == "image":
            article.images[line.text] = line.data
            article.blocks.append(("image", line.text))
        elif line.style == "table":
            article.blocks.append(("table", line.text))
        else:
            article.blocks.append((heading_kind(line) or "paragraph", line.text))
    if not article.lead and article.paragraphs():
        article.lead = article.paragraphs()[0]
        article.found.setdefault("lead", "first-paragraph")
    article.dropped = dropped + footer
    article.title = article.title[:255]
    article.source = article.source[:100]
    article.author = article.author[:60]
    return article


def section_kind_for(heading):
    """The case section a heading belongs to, by its keywords."""
    for kind, words in SECTION_KEYWORDS:
        if any(word in heading for word in words):
            return kind
    return SectionKind.OTHER
