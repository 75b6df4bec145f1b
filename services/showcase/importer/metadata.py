"""Publication metadata in the lines around an article's title: date, source, author, bylines, organisation lines.

Copies of published reports put these in many shapes: "来源：柳荫街道 | 2022-07-15 17:57:31",
"发布时间：2022年07月15日 来源：云溪区人民政府网 浏览次数：120", "记者 林晓雨 通讯员 陈思", a publishing
organisation's line ("中共云溪区委组织部") above the date line, or a lone "07-15". Each reader returns what it
found; the parser decides which line is the title.
"""

import datetime
import re

DATE = re.compile(
    r"(?P<y>(19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<time>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?"
)
# A date without its year ("07-15", "7月15日"), read only in a labelled publication line.
SHORT_DATE = re.compile(r"(?<![\d年/.-])(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?(?![\d/.-])")
# Dates written in Chinese numerals, as official documents sign them: 二〇二二年七月十五日.
CN_DIGITS = "〇零一二三四五六七八九"
CN_DATE = re.compile(rf"(?P<y>[{CN_DIGITS}]{{4}})年(?P<m>[{CN_DIGITS}十]{{1,3}})月(?P<d>[{CN_DIGITS}十]{{1,3}})日")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")

LABEL = r"(?:文章|信息|稿件|新闻)?来源|发布(?:时间|日期)|发文日期|时间|日期|作者|撰稿|记者|通讯员|编辑|浏览(?:次数|量)?|阅读(?:次数|量)?|点击(?:数|量)?|字号"
META_LABEL = re.compile(rf"(?:{LABEL})\s*[:：]")
SOURCE = re.compile(
    r"(?:文章|信息|稿件|新闻)?来源\s*[:：]\s*(?P<source>.+?)\s*"
    rf"(?=$|[|｜【】\[\]]|\s{{2,}}|(?:{LABEL})\s*[:：]|(19|20)\d{{2}}\s*[-/.年]|\d{{1,2}}-\d{{1,2}}(?:\s|$))"
)
# The part of a source naming the website or channel rather than the publisher.
SITE_SUFFIX = re.compile(
    r"\s*(?:[-_—|｜·]+\s*)?(?:官方)?(?:门户网站|网站|官网|微信公众号|公众号|客户端|APP|App|微博|网)$"
)
ORG_END = re.compile(
    r"(?:组织部|宣传部|委员会|居委会|村委会|党委|党工委|党组|党支部|人民政府|政府|办事处|街道|社区|委|局|办|中心|"
    r"协会|联合会|工会|报社|日报|报|电视台|融媒体中心|研究院|公司)$"
)
NAMES = r"[\u4e00-\u9fff·]{2,4}(?:[ 、，,]+[\u4e00-\u9fff·]{2,4}){0,3}"
AUTHOR = re.compile(rf"(?:作者|撰稿|撰文|文|记者|执笔)\s*(?:[:：/]\s*|\s+)(?P<author>{NAMES})")
BYLINE = re.compile(
    rf"^[【\[（(]?\s*(?:(?:本报|本台|本网|本刊|融媒体)讯?\s*)?(?:特约)?(?:记者|通讯员|文|撰稿|作者)\s*[:：/]?\s*(?P<author>{NAMES})"
    rf"(?:\s*(?:通讯员|实习生|摄影|图)\s*[:：/]?\s*{NAMES})*\s*(?:报道)?[】\]）)]?$"
)
ORGANISATION = re.compile(r"^(?:中共|中国共产党)?[\u4e00-\u9fff（）()]{2,28}$")
# A document-sharing site's sentence around the real title: 《….docx》由会员分享，可在线阅读……
DOCSHARE = re.compile(
    r"^《(?P<title>.+?)(?:\.(?:docx?|pdf|wps|txt|pptx?|xlsx?))?》\s*由.{0,20}?(?:会员|用户|网友|作者)?.{0,6}?(?:分享|上传)"
)


CN_VALUES = {char: max(n - 1, 0) for n, char in enumerate(CN_DIGITS)}  # 〇 and 零 are both 0


def cn_number(text):
    """An integer from Chinese numerals as dates write them (二〇二二, 十五, 二十三)."""
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return (CN_VALUES[tens] if tens else 1) * 10 + (CN_VALUES[ones] if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + CN_VALUES[char]
    return value


def make_date(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_date(text, labelled=False, year_hint=None):
    """(date, how) for the first date in ``text``; year-less dates only where ``labelled``.

    A year-less date takes the year named elsewhere in the document (``year_hint``) or the current one,
    and never lies in the future.
    """
    match = DATE.search(text)
    if match:
        return make_date(match["y"], match["m"], match["d"]), "date-line"
    match = CN_DATE.search(text)
    if match:
        return make_date(
            cn_number(match["y"]), cn_number(match["m"]), cn_number(match["d"])
        ), "date-line-chinese-numerals"
    if labelled:
        match = SHORT_DATE.search(text)
        if match:
            today = datetime.date.today()
            date = make_date(year_hint or today.year, match["m"], match["d"])
            if date and date > today and not year_hint:
                date = make_date(today.year - 1, match["m"], match["d"])
            return date, "date-line-month-day"
    return None, ""


def clean_source(text):
    """The publisher named in a source: the site or channel suffix and trailing punctuation removed."""
    text = text.strip(" |｜-—_·,，。;；")
    text = re.sub(r"^[《“\"]|[》”\"]$", "", text)
    shorter = SITE_SUFFIX.sub("", text)
    # "人民网" stays: the suffix is removed only when what is left still names an organisation.
    if shorter != text and len(shorter) >= 2 and (ORG_END.search(shorter) or len(text) - len(shorter) > 1):
        text = shorter
    return text[:100]


def is_byline(text):
    """'记者 林晓雨', '本报记者 张三 通讯员 李四', '文/王芳': a line naming the reporter only."""
    return len(text) <= 40 and bool(BYLINE.match(text))


def byline_author(text):
    match = BYLINE.match(text)
    return re.sub(r"[、，,\s]+", " ", match["author"]).strip() if match else ""


def is_organisation_line(text):
    """A short line naming an organisation, such as the publisher printed above a report."""
    return len(text) <= 30 and bool(ORGANISATION.match(text)) and bool(ORG_END.search(text))


def is_meta_line(text):
    """A publication line: labelled date/source/author fields, or a lone date, with little else."""
    if len(text) > 160:
        return False
    if is_byline(text):
        return True
    if META_LABEL.search(text):
        return bool(find_date(text, labelled=True)[0] or SOURCE.search(text) or AUTHOR.search(text))
    date, _how = find_date(text)
    if not date:
        return False
    rest = DATE.sub("", CN_DATE.sub("", text)).strip(" 　|｜-—[]【】()（）:：")
    return not rest


def read_meta(text, year_hint=None):
    """{field: value} found in a publication line (date, source, author), with how each was read."""
    found = {}
    labelled = bool(META_LABEL.search(text))
    date, how = find_date(text, labelled=labelled, year_hint=year_hint)
    if date:
        found["date"] = (date, how)
    source = SOURCE.search(text)
    if source:
        found["source"] = (clean_source(source["source"]), "source-line")
    if is_byline(text):
        found["author"] = (byline_author(text), "byline")
    else:
        author = AUTHOR.search(text)
        if author:
            name = re.split(rf"\s+(?={LABEL})", author["author"])[0]
            found["author"] = (re.sub(r"[、，,\s]+", " ", name).strip(), "author-label")
    return found


def docshare_title(text):
    """The title inside a document-sharing site's sentence, or ''."""
    match = DOCSHARE.match(text)
    return match["title"].strip() if match else ""


def year_hint(lines):
    """The most common year written in the document, for dates given without one."""
    years = [int(y) for line in lines for y in YEAR.findall(line)]
    years += [int(m["y"]) for line in lines for m in DATE.finditer(line)]
    return max(set(years), key=years.count) if years else None
