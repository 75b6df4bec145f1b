"""Turning a document's lines into an article: title, date, source, sections; site chrome dropped.

Articles copied from government websites carry the site around them: "欢迎访问…", "当前位置：首页 > …",
"字号：大 中 小", and at the end "相关链接", "扫一扫在手机打开", copyright lines and "[责任编辑：…]".
Those lines are dropped and listed so the editor can check nothing real was lost.
"""

import datetime
import re
from dataclasses import dataclass, field

from ..blocks import SectionKind

# Lines that are site chrome wherever they appear in the header area.
LEADING_CHROME = re.compile(
    r"^(欢迎(您)?(访问|来到|光临)|当前位置|您(现在)?的位置|您所在的位置|位置[:：]|首页\s*[>›»/|＞]|"
    r"字号[:：]?|【?\s*字体[:：]|\[?\s*(大|小)\s*(中|号)|分享到|打印本页|【打印|关闭窗口|【关闭|"
    r"设为首页|加入收藏|无障碍|长者模式|繁體|繁体版|简体版|登录|注册|网站地图|English$)"
)
# Lines that mark the start of the page footer: everything from here on is dropped.
TAIL_START = re.compile(
    r"^[【\[]?\s*(相关(链接|阅读|新闻|文章|附件|稿件|推荐)|扫一扫|扫码|分享到|上一篇|下一篇|"
    r"打印本页|关闭窗口|网站地图|主办单位|版权所有|Copyright|©)"
)
# Short lines dropped anywhere: editors, copyright, disclaimers, registration numbers.
ANYWHERE_CHROME = re.compile(
    r"^[【\[（(]?\s*(责任编辑|编辑|审核|校对|责编|来源编辑|初审|复审|终审)\s*[:：]|"
    r"版权所有|Copyright|©|免责声明|本网站(所有|刊登|发布|声明|内容)|本站(所有|声明|内容)|转载请注明|主办单位|承办单位|技术支持|ICP备|公网安备|网站标识码|"
    r"浏览次数|阅读次数|点击数|【?打印】?$|【?关闭】?$"
)
CHROME_MAX_LENGTH = 80

DATE = re.compile(
    r"(?P<y>(19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<time>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?"
)
SOURCE = re.compile(
    r"(?:文章|信息|稿件)?来源\s*[:：]\s*(?P<source>.+?)\s*(?=$|[|｜]|\s{2,}|(?:发布)?(?:时间|日期|作者|浏览|点击|字号)\s*[:：]|"
    r"(19|20)\d{2}\s*[-/.年])"
)
AUTHOR = re.compile(r"(?:作者|撰稿|文|记者)\s*[:：/]\s*(?P<author>[^|｜\s]{2,20})")
META_LABEL = re.compile(r"(来源|发布时间|发布日期|时间|日期|作者|撰稿|浏览|点击)\s*[:：]")

NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、．.]\s*\S")
SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*\S")
HEADING_MAX_LENGTH = 40

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
    blocks: list = field(default_factory=list)  # ("heading" | "subheading" | "paragraph", text)
    dropped: list = field(default_factory=list)

    def paragraphs(self):
        return [text for kind, text in self.blocks if kind == "paragraph"]

    def summary(self, limit=120):
        """The first paragraph, shortened."""
        for text in self.paragraphs():
            return text if len(text) <= limit else text[: limit - 1] + "…"
        return ""

    def text_for_hash(self):
        """Normalised text identifying the article whatever its file format or encoding."""
        parts = [self.title, self.date.isoformat() if self.date else "", self.source]
        parts += [text for _kind, text in self.blocks]
        return "\n".join(parts)


def parse_date(text):
    """The first date in ``text`` as a date, or None when there is none or it is impossible."""
    match = DATE.search(text)
    if not match:
        return None
    try:
        return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def is_meta_line(text):
    """A publication line such as '来源：柳荫街道 | 2023-03-08 09:30:00' or a lone date."""
    if len(text) > 120:
        return False
    if len(text) <= 40 and AUTHOR.match(text):
        return True
    if META_LABEL.search(text):
        return bool(DATE.search(text) or SOURCE.search(text) or AUTHOR.search(text))
    stripped = DATE.sub("", text).strip(" 　|｜-—[]【】()（）")
    return bool(DATE.search(text)) and not stripped


def read_meta(text):
    """(date, source, author) found in a publication line."""
    source = SOURCE.search(text)
    author = AUTHOR.search(text)
    return (
        parse_date(text),
        source["source"].strip(" |｜") if source else "",
        author["author"] if author else "",
    )


def is_chrome(text, leading=False):
    if len(text) > CHROME_MAX_LENGTH:
        return False
    if leading and LEADING_CHROME.search(text):
        return True
    return bool(ANYWHERE_CHROME.search(text))


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


def parse_document(document):
    """An Article from a RawDocument (see reader.read_document)."""
    meta = document.meta
    lines = list(document.lines)
    dropped = []
    article = Article(title=meta.get("title", "").strip())
    if meta.get("date"):
        article.date = parse_date(meta["date"])
    article.source = meta.get("source", "").strip()
    article.author = meta.get("author", "").strip()
    if not article.title:  # an explicit title (Word's "Title" style, Markdown's "#") wins over the first line
        article.title = next((line.text for line in lines if line.style == "title"), "")

    # 1. The footer: from the first footer marker in the second half of the document to the end.
    footer = []
    for n, line in enumerate(lines):
        if n >= max(len(lines) // 2, 1) and TAIL_START.search(line.text) and len(line.text) <= CHROME_MAX_LENGTH:
            footer = [rest.text for rest in lines[n:]]
            lines = lines[:n]
            break

    # 2. The header: chrome, the title and publication lines before the body starts.
    body = []
    header_open = True
    for line in lines:
        text = line.text
        if header_open and is_chrome(text, leading=True):
            dropped.append(text)
            continue
        if header_open and is_meta_line(text):
            date, source, author = read_meta(text)
            article.date = article.date or date
            article.source = article.source or source
            article.author = article.author or author
            continue
        if is_chrome(text):
            dropped.append(text)
            continue
        if not article.title and (line.style == "title" or (header_open and len(text) >= 4)):
            article.title = text
            continue
        if line.style == "title" and text == article.title:
            continue
        body.append(line)
        if article.title and not line.style:
            header_open = header_open and len(body) < 1

    for line in body:
        kind = heading_kind(line) or "paragraph"
        article.blocks.append((kind, line.text))
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
