"""Reading article files into lines: .txt (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030), .md and .docx."""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
WORD_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | WORD_SUFFIXES


class ArticleImportError(Exception):
    """A file that cannot be imported; the message is shown to the editor as is."""


@dataclass
class Line:
    """One non-empty line of a document; ``style`` is 'title', 'heading' or ''."""

    text: str
    style: str = ""


@dataclass
class RawDocument:
    """A document's lines and what its format said explicitly (front matter, Word styles)."""

    path: Path
    lines: list[Line]
    meta: dict = field(default_factory=dict)
    encoding: str = ""


def read_document(path):
    """Read one file; raises ArticleImportError with a clear Chinese message when it cannot."""
    path = Path(path)
    if not path.is_file():
        raise ArticleImportError(_("The file does not exist or is not a regular file."))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleImportError(_("Unsupported file type “%(suffix)s”: use .txt, .md or .docx.") % {"suffix": suffix})
    size = path.stat().st_size
    if size == 0:
        raise ArticleImportError(_("The file is empty."))
    if size > MAX_BYTES:
        raise ArticleImportError(
            _("The file is %(size).1f MB, larger than the %(limit)d MB limit.")
            % {"size": size / 1024 / 1024, "limit": MAX_BYTES // 1024 // 1024}
        )
    if suffix in WORD_SUFFIXES:
        document = read_docx(path)
    else:
        text, encoding = decode_text(path.read_bytes())
        if suffix in MARKDOWN_SUFFIXES:
            document = parse_markdown(path, text)
        else:
            document = RawDocument(path=path, lines=[Line(t) for t in split_lines(text)])
        document.encoding = encoding
    if not document.lines and not document.meta.get("title"):
        raise ArticleImportError(_("The file contains no text."))
    return document


def looks_binary(data):
    """True for data with NUL bytes or many control characters (images, archives, executables)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def decode_text(data):
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (a superset of GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise ArticleImportError(_("This is not a text file (it looks like binary data)."))
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ArticleImportError(_("The file says it is UTF-8 but contains invalid bytes.")) from exc
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ArticleImportError(_("Cannot tell the text encoding: save the file as UTF-8 or GBK."))


SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u200b\ufeff]+")


def clean(text):
    """Collapse spaces (including full-width ones) and trim."""
    return SPACES.sub(" ", text).strip()


def split_lines(text):
    """Non-empty cleaned lines."""
    return [line for line in (clean(raw) for raw in re.split(r"\r\n|\r|\n|\u2028|\u2029", text)) if line]


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(.+?)\1")
MD_LIST = re.compile(r"^(?:[-*+]|\d+\.)\s+")


def parse_markdown(path, text):
    """Markdown: front matter keys, '#' as the title, deeper '#' as headings, inline markup stripped."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta = {}
    match = FRONT_MATTER.match(text)
    if match:
        for raw in match.group(1).splitlines():
            key, sep, value = raw.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[match.end() :]
    lines = []
    for raw in split_lines(text):
        heading = MD_HEADING.match(raw)
        if raw.startswith(">"):
            raw = raw.lstrip("> ")
        if re.fullmatch(r"[-*_=]{3,}", raw):
            continue
        if heading:
            content = strip_inline(heading.group(2))
            level = len(heading.group(1))
            style = "title" if level == 1 and not any(line.style == "title" for line in lines) else "heading"
            lines.append(Line(content, style))
        else:
            lines.append(Line(strip_inline(MD_LIST.sub("", raw))))
    return RawDocument(path=path, lines=[line for line in lines if line.text], meta=meta)


def strip_inline(text):
    text = MD_LINK.sub(r"\1", text)
    return clean(MD_EMPHASIS.sub(r"\2", text))


def read_docx(path):
    """Paragraphs of a Word document; 'Title' and 'Heading n' styles are kept as such."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ArticleImportError(_("The Word file is damaged or is not a .docx document.")) from exc
    except Exception as exc:  # lxml errors and the like from a corrupt package
        raise ArticleImportError(_("The Word file is damaged or is not a .docx document.")) from exc
    lines = []
    for paragraph in document.paragraphs:
        text = clean(paragraph.text)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        if style == "title":
            lines.append(Line(text, "title"))
        elif style.startswith("heading"):
            lines.append(Line(text, "heading"))
        else:
            lines.append(Line(text))
    return RawDocument(path=path, lines=lines, encoding="docx")
