"""Reading article files into lines: .txt (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030), .md, .html, .docx
(with its tables and images) and .pdf (where the PDF has a text layer)."""

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
WORD_SUFFIXES = {".docx"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | WORD_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES


class ArticleImportError(Exception):
    """A file that cannot be imported; the message is shown to the editor as is."""


@dataclass
class Line:
    """One non-empty line of a document; ``style`` is 'title', 'heading', 'link', 'image' or ''.

    'link' marks a line that was a link in an HTML page (navigation, link lists); 'image' is a picture
    from a Word file, whose bytes are in ``data`` and whose text is its caption or file name.
    """

    text: str
    style: str = ""
    data: bytes = b""


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
        raise ArticleImportError(
            _("Unsupported file type “%(suffix)s”: use .txt, .md, .html, .docx or .pdf.") % {"suffix": suffix}
        )
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
    elif suffix in PDF_SUFFIXES:
        document = read_pdf(path)
    elif suffix in HTML_SUFFIXES:
        text, encoding = decode_text(path.read_bytes(), html=True)
        document = read_html(path, text)
        document.encoding = encoding
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


HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode_text(data, html=False):
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (a superset of GBK).

    For HTML the page's own ``<meta charset>`` is tried first (GBK, GB2312 and Big5 pages are common).
    """
    if html:
        declared = HTML_CHARSET.search(data[:4096])
        charset = declared.group(1).decode("ascii", "ignore").lower() if declared else ""
        if charset in ("gbk", "gb2312", "gb18030"):
            charset = "gb18030"
        if charset and charset not in ("utf-8", "utf8"):
            try:
                return data.decode(charset), charset
            except (LookupError, UnicodeDecodeError):
                pass
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
    """Paragraphs, tables and pictures of a Word document in order; 'Title' and 'Heading n' styles are kept."""

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ArticleImportError(_("The Word file is damaged or is not a .docx document.")) from exc
    except Exception as exc:  # lxml errors and the like from a corrupt package
        raise ArticleImportError(_("The Word file is damaged or is not a .docx document.")) from exc
    lines = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            lines += docx_table_lines(item)
        else:
            lines += docx_images(item, document)
            lines += docx_paragraph_lines(item)
    return RawDocument(path=path, lines=lines, encoding="docx")


def docx_paragraph_lines(paragraph):
    text = clean(paragraph.text)
    if not text:
        return []
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style == "title":
        return [Line(text, "title")]
    if style.startswith("heading"):
        return [Line(text, "heading")]
    return [Line(text)]


def docx_table_lines(table):
    """A Word table as one line per row, cells joined by ' | ' (figures in reports are often tables)."""
    lines = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = clean(cell.text)
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            lines.append(Line(" | ".join(cells), "table"))
    return lines


def docx_images(paragraph, document):
    """The pictures anchored in a paragraph, with their bytes (embedded images only)."""
    images = []
    for blip in paragraph._element.findall(".//" + qn("a:blip")):
        rel_id = blip.get(qn("r:embed"))
        part = document.part.related_parts.get(rel_id) if rel_id else None
        if part is None or not getattr(part, "content_type", "").startswith("image/"):
            continue
        name = Path(str(part.partname)).name
        images.append(Line(name, "image", part.blob))
    return images


# Elements of a web page that are never the article: navigation, scripts, forms, the page's own header and footer.
HTML_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "select", "button")
HTML_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "div", "section", "article", "dd", "dt")


def read_html(path, text):
    """A saved web page: its text lines in order, headings kept, link-only lines marked as links.

    Chrome outside the article (navigation, header, footer) is removed by element; what is left of the
    site chrome (link lists, copyright lines) is removed by the parser like in plain-text copies.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    meta = {}
    title_tag = soup.find("title")
    if title_tag and title_tag.get_text(strip=True):
        meta["html_title"] = clean(title_tag.get_text())
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").lower()
        content = clean(tag.get("content") or "")
        if not content:
            continue
        if name in ("articletitle", "og:title"):
            meta.setdefault("title", content)
        elif name in ("pubdate", "publishdate", "article:published_time", "firstpublishedtime"):
            meta.setdefault("date", content)
        elif name in ("contentsource", "source"):
            meta.setdefault("source", content)
        elif name in ("author",):
            meta.setdefault("author", content)
    for tag in soup.find_all(HTML_CHROME_TAGS):
        tag.decompose()
    body = soup.body or soup
    lines = []
    for element in body.find_all(HTML_BLOCK_TAGS):
        if element.find(HTML_BLOCK_TAGS):
            continue  # a container: its children give the lines
        line_text = clean(element.get_text(" "))
        if not line_text:
            continue
        links = "".join(a.get_text() for a in element.find_all("a"))
        if element.name == "h1":
            style = "title"
        elif element.name in ("h2", "h3", "h4"):
            style = "heading"
        elif links and len(clean(links)) >= len(line_text) * 0.8:
            style = "link"
        else:
            style = ""
        lines.append(Line(line_text, style))
    return RawDocument(path=path, lines=lines, meta=meta)


RADICALS = re.compile(r"[\u2e80-\u2fdf]")


# Simplified-form radicals (CJK Radicals Supplement) have no NFKC mapping; the ones PDF fonts use for characters.
SUPPLEMENT_RADICALS = str.maketrans(
    "⺠⺮⻄⻅⻆⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻥⻦⻧⻨⻩⻬⻮⻰⻋⻉", "民竹西见角长门雨青韦页风飞食马鱼鸟卤麦黄齐齿龙车贝"
)


def radicals_to_characters(text):
    """PDF fonts often map characters to radicals (⽼ for 老, ⻝ for 食); give the characters back."""
    text = text.translate(SUPPLEMENT_RADICALS)
    return RADICALS.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


def read_pdf(path):
    """The text layer of a PDF, line by line; a scanned PDF without text is refused with a clear message."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ArticleImportError(_("The PDF file is damaged or cannot be read.")) from exc
    lines = [Line(t) for t in split_lines(radicals_to_characters(text))]
    if not lines:
        raise ArticleImportError(_("This PDF has no text layer (it is a scan): import a Word or text copy instead."))
    return RawDocument(path=path, lines=lines, encoding="pdf")
