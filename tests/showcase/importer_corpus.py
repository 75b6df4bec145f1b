"""A corpus of messy copies of reports, written for these tests, with the fields an editor expects from each.

Ten short reports (our own writing about the demo district) are each rendered in several shapes that copies of
published reports take: a reporter's byline first, the publishing organisation's line above a date-and-source
line, a "来源：… | date" first line, a document-sharing site's sentence, a government portal page copied as text
(GBK), a saved web page with menus and link lists, Traditional script with bracketed pinyin, a Word file with a
table and a picture, a month-day date, a signature dated in Chinese numerals, and a GBK web page whose title is
only in <title>. ``build(folder)`` writes the files and returns the cases; the accuracy bench reads the same.
"""

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import docx
from opencc import OpenCC
from PIL import Image


@dataclass
class Report:
    title: str
    date: datetime.date
    source: str  # the publisher
    organisation: str  # the publisher's line above a report
    author: str
    paragraphs: list


REPORTS = [
    Report(
        "柳荫街道开展老旧小区加装电梯入户协商",
        datetime.date(2022, 7, 15),
        "柳荫街道办事处",
        "中共云溪区柳荫街道工作委员会",
        "林晓雨",
        [
            "7月14日晚，柳荫街道组织社区干部和设计人员走进东风里小区，逐户听取居民对加装电梯的意见。",
            "低楼层住户关心采光和噪声，设计人员现场展示了井道位置图，并说明施工期间的围挡安排。",
            "截至目前，东风里小区已有九个单元签订加装协议，街道将在月底前完成第一批审批。",
        ],
    ),
    Report(
        "望湖社区小蜜蜂驿站为骑手送上清凉",
        datetime.date(2023, 8, 2),
        "望湖街道党工委",
        "中共云溪区望湖街道工作委员会",
        "陈思",
        [
            "连日高温，望湖社区小蜜蜂驿站延长开放时间，为快递员和外卖骑手准备了绿豆汤和防暑药品。",
            "驿站还在门口设置了手机充电柜和饮水点，骑手扫码即可使用。",
            "社区党委表示，驿站将持续收集骑手的需求，把服务做到他们的身边。",
        ],
    ),
    Report(
        "桂园街道积分换服务带动垃圾分类",
        datetime.date(2023, 3, 8),
        "桂园街道办事处",
        "云溪区桂园街道办事处",
        "",
        [
            "桂园街道在辖区十二个小区推行垃圾分类积分制，居民正确投放一次可得一分。",
            "积分可以在社区党群服务中心兑换理发、家电维修等服务，也可以兑换生活用品。",
            "推行半年来，辖区小区的分类准确率由四成提高到八成以上。",
        ],
    ),
    Report(
        "丹桂社区老年食堂开餐",
        datetime.date(2024, 5, 20),
        "桂园街道丹桂社区居委会",
        "云溪区桂园街道丹桂社区居委会",
        "王芳",
        [
            "5月20日，丹桂社区老年食堂正式开餐，每天中午和傍晚各供应一次热菜热饭。",
            "八十周岁以上老人每餐补贴三元，行动不便的老人可以由志愿者送餐上门。",
            "食堂由社区提供场地，引入专业餐饮企业运营，菜单每周在社区公示栏公布。",
        ],
    ),
    Report(
        "湖滨社区组织居民开展消防演练",
        datetime.date(2024, 3, 1),
        "湖滨社区居委会",
        "云溪区望湖街道湖滨社区居委会",
        "赵一鸣",
        [
            "3月1日上午，湖滨社区联合辖区消防站在小区广场组织居民开展消防演练。",
            "消防员讲解了灭火器的使用方法，并演示了高层住宅的逃生路线。",
            "社区网格员随后入户检查了三十余户老人家庭的电线和燃气软管。",
        ],
    ),
    Report(
        "云溪区召开基层治理工作推进会",
        datetime.date(2023, 11, 24),
        "云溪区委组织部",
        "中共云溪区委组织部",
        "",
        [
            "11月23日，云溪区召开基层治理工作推进会，总结全年工作并部署下一阶段任务。",
            "会议通报了各街道网格化管理的进展，全区已划分网格一百二十个，配备专职网格员一百二十名。",
            "会议要求各街道把居民反映集中的问题列入清单，逐项明确责任单位和完成时限。",
        ],
    ),
    Report(
        "柳荫街道在职党员回社区报到服务",
        datetime.date(2022, 9, 3),
        "柳荫街道党工委",
        "中共云溪区柳荫街道工作委员会",
        "周宁",
        [
            "9月3日，柳荫街道组织在职党员回到居住地社区报到，认领社区公益服务岗位。",
            "党员们根据自己的专长，报名参加了法律咨询、课业辅导和义务理发等服务。",
            "街道将为每名报到党员建立服务记录，服务情况年底反馈到党员所在单位。",
        ],
    ),
    Report(
        "望湖街道举办社区议事协商培训",
        datetime.date(2023, 6, 16),
        "望湖街道办事处",
        "云溪区望湖街道办事处",
        "",
        [
            "6月16日，望湖街道举办社区议事协商培训班，各社区书记和居民代表参加培训。",
            "培训围绕议题怎么提、会议怎么开、结果怎么用三个方面，结合实际案例进行讲解。",
            "参训人员表示，回去后将按照培训内容完善本社区的议事规则。",
        ],
    ),
    Report(
        "桂园街道开展夏季防汛应急演练",
        datetime.date(2024, 6, 12),
        "桂园街道办事处",
        "云溪区桂园街道办事处",
        "孙磊",
        [
            "6月12日下午，桂园街道在沿河社区开展夏季防汛应急演练。",
            "演练模拟了强降雨导致低洼小区积水的情形，检验了人员转移和物资调运的流程。",
            "街道还对辖区三处地下车库的挡水板和排水泵进行了检查。",
        ],
    ),
    Report(
        "湖滨社区成立邻里互助志愿服务队",
        datetime.date(2022, 12, 9),
        "望湖街道党工委",
        "中共云溪区望湖街道工作委员会",
        "刘洋",
        [
            "12月9日，湖滨社区邻里互助志愿服务队成立，首批招募志愿者四十二名。",
            "服务队分为助老、助学和环境三个小组，每周固定时间开展服务。",
            "社区为志愿者建立服务积分，积分可以在社区党群服务中心兑换服务。",
        ],
    ),
]


@dataclass
class Case:
    """One messy input and what the importer should make of it."""

    name: str
    path: Path
    title: str
    date: datetime.date | None
    source: str
    author: str
    chrome: list = field(default_factory=list)  # lines the importer must drop
    body: list = field(default_factory=list)  # lines the importer must keep in the body

    def expected(self):
        return {"title": self.title, "date": self.date, "source": self.source, "author": self.author}


def ymd(date):
    return date.strftime("%Y-%m-%d")


def cn_date(date):
    return f"{date.year}年{date.month:02d}月{date.day:02d}日"


def byline_first(report, folder, n):
    """记者 X on the first line, the title after it, an editor's line at the end."""
    author = report.author or "钱程"
    chrome = [f"责任编辑：张{('明', '华', '敏')[n % 3]}"]
    lines = [f"本报记者 {author}" if n % 2 else f"记者 {author}", report.title, cn_date(report.date)]
    lines += report.paragraphs + chrome
    return write_text(folder, f"byline-{n}.txt", lines), {"author": author, "source": "", "chrome": chrome}


def organisation_first(report, folder, n):
    """The publishing organisation's line, then date, time and 来源 on one line, then the title."""
    lines = [report.organisation, f"{ymd(report.date)} 17:57 来源：{report.source}", report.title, *report.paragraphs]
    return write_text(folder, f"organisation-{n}.txt", lines), {"author": ""}


def source_pipe_date(report, folder, n):
    """'来源：… | 2022-07-15 17:57:31' as the first line; the source carries its website's suffix."""
    lines = [f"来源：{report.source}网站 | {ymd(report.date)} 17:57:31", report.title, *report.paragraphs]
    return write_text(folder, f"source-first-{n}.txt", lines), {"author": ""}


def document_sharing(report, folder, n):
    """A document-sharing site's sentence around the title, its download prompts at the end."""
    chrome = [
        f"《{report.title}.docx》由会员分享，可在线阅读，更多相关《{report.title}》请在本站上搜索。",
        "下载文档到电脑，查找使用更方便",
        "还剩1页未读，继续阅读",
    ]
    lines = [chrome[0], report.title, report.organisation, cn_date(report.date), *report.paragraphs, *chrome[1:]]
    return write_text(folder, f"docshare-{n}.txt", lines), {
        "source": report.organisation,
        "author": "",
        "chrome": chrome,
    }


def portal_copy_gbk(report, folder, n):
    """A government portal page copied as text and saved in GBK: greeting, breadcrumbs, link lists, copyright."""
    head = ["欢迎访问云溪区人民政府门户网站", "当前位置：首页 > 新闻中心 > 基层动态"]
    tail = [
        "【打印本页】 【关闭窗口】",
        "最新推荐",
        "云溪区召开年度民生实事征集会",
        "柳荫街道开展安全生产检查",
        "望湖社区举办邻里文化节",
        "微信“扫一扫”",
        "版权所有：云溪区人民政府办公室",
        "免责声明：本网站所载文章仅供参考",
    ]
    meta = f"发布时间：{cn_date(report.date)} 来源：{report.source} 浏览次数：{120 + n}"
    lines = [*head, report.title, meta, "字号：大 中 小", *report.paragraphs, *tail]
    path = folder / f"portal-gbk-{n}.txt"
    path.write_bytes("\n".join(lines).encode("gbk"))
    return path, {"author": "", "chrome": [*head, "字号：大 中 小", *tail]}


def saved_web_page(report, folder, n):
    """A saved web page: a menu in plain divs, breadcrumbs, the article, related links and a footer."""
    menu = ["首页", "机构概况", "政务公开", "办事服务", "互动交流"]
    related = ["相关专题", "基层治理专题", "党建引领专题", "民生实事专题"]
    footer = "版权所有 © 云溪区人民政府 地址：云溪区望湖路188号"
    author = f" 作者：{report.author}" if report.author else ""
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{report.title} - 云溪区人民政府</title></head>
<body><div class="top"><div class="menu">{"".join(f'<div><a href="/{k}">{m}</a></div>' for k, m in enumerate(menu))}</div></div>
<nav><a href="/">首页</a> <a href="/search">搜索</a></nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news">工作动态</a></div>
<h1>{report.title}</h1>
<div class="info">发布时间：{ymd(report.date)} 09:30 来源：{report.source}{author}</div>
{"".join(f"<p>{p}</p>" for p in report.paragraphs)}
<div class="related"><div>{related[0]}</div><ul>{"".join(f'<li><a href="/t{k}">{t}</a></li>' for k, t in enumerate(related[1:]))}</ul></div>
<div class="foot">{footer}</div></body></html>"""
    path = folder / f"web-page-{n}.html"
    path.write_text(html, encoding="utf-8")
    return path, {"chrome": [*menu, "当前位置： 首页 > 工作动态", *related, footer]}


def traditional_script(report, folder, n):
    """The report in Traditional script, with bracketed pinyin left behind by a converter."""
    to_traditional = OpenCC("s2t")
    lines = [report.title, f"發布時間：{cn_date(report.date)} 來源：{report.source}", *report.paragraphs]
    text = to_traditional.convert("\n".join(lines))
    text = text.replace("社區", "社(shè)區", 1).replace("服務", "服(fú)務", 1)
    path = folder / f"traditional-{n}.txt"
    path.write_text(text, encoding="utf-8")
    return path, {"author": ""}


def word_with_table(report, folder, n):
    """A Word file: Title style, a date-and-source paragraph, a table of figures and a picture."""
    document = docx.Document()
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{cn_date(report.date)} 来源：{report.source}")
    for paragraph in report.paragraphs[:2]:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=3, cols=2)
    rows = [("项目", "数量"), ("参加人数", f"{40 + n}人"), ("服务时长", f"{3 + n % 4}小时")]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (180, 40 + n * 10, 40)).save(picture, "PNG")
    picture.seek(0)
    document.add_picture(picture)
    document.add_paragraph(report.paragraphs[2])
    document.add_paragraph("[责任编辑：李晓]")
    path = folder / f"word-{n}.docx"
    document.save(path)
    return path, {"author": "", "chrome": ["[责任编辑：李晓]"], "also_body": [" | ".join(r) for r in rows]}


def month_day_date(report, folder, n):
    """A copy whose date line gives only month and day; the year is in the text."""
    lines = [
        report.title,
        f"时间：{report.date:%m-%d} 来源：{report.source}",
        f"{report.date.year}年，" + report.paragraphs[0],
        *report.paragraphs[1:],
    ]
    return write_text(folder, f"month-day-{n}.txt", lines), {"author": "", "body": lines[2:]}


CN = "〇一二三四五六七八九"


def cn_numeral_date(date):
    def small(value):
        tens, ones = divmod(value, 10)
        return ("" if tens < 2 else CN[tens]) + ("十" if tens else "") + (CN[ones] if ones else "")

    return "".join(CN[int(d)] for d in str(date.year)) + f"年{small(date.month)}月{small(date.day)}日"


def signed_notice(report, folder, n):
    """An official text: title, body, and at the end the organisation's signature dated in Chinese numerals."""
    signature = [report.organisation, cn_numeral_date(report.date)]
    lines = [report.title, *report.paragraphs, *signature]
    return write_text(folder, f"signed-{n}.txt", lines), {
        "author": "",
        "source": report.organisation,
        "also_body": signature,
    }


def gbk_page_without_heading(report, folder, n):
    """A GBK web page whose title is only in <title> and a styled div; meta line with author."""
    author = f" 作者：{report.author}" if report.author else ""
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{report.title}_云溪区人民政府网</title></head><body>
<div class="ttl">{report.title}</div>
<div class="info">{ymd(report.date)} 17:57 来源：{report.source}网{author} 点击数：{300 + n}</div>
{"".join(f"<p>{p}</p>" for p in report.paragraphs)}
<div>上一篇：云溪区开展消防安全检查</div><div>下一篇：望湖街道举办文艺汇演</div>
</body></html>"""
    path = folder / f"gbk-page-{n}.html"
    path.write_bytes(html.encode("gbk"))
    return path, {"chrome": ["上一篇：云溪区开展消防安全检查", "下一篇：望湖街道举办文艺汇演"]}


SHAPES = [
    byline_first,
    organisation_first,
    source_pipe_date,
    document_sharing,
    portal_copy_gbk,
    saved_web_page,
    traditional_script,
    word_with_table,
    month_day_date,
    signed_notice,
    gbk_page_without_heading,
]
REPORTS_PER_SHAPE = 4


def write_text(folder, name, lines):
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build(folder):
    """Write every case into ``folder``; returns the cases (44: eleven shapes, four reports each)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for s, shape in enumerate(SHAPES):
        for k in range(REPORTS_PER_SHAPE):
            n = s * REPORTS_PER_SHAPE + k
            report = REPORTS[(s + 3 * k) % len(REPORTS)]
            path, extra = shape(report, folder, n)
            case = Case(
                name=path.stem,
                path=path,
                title=report.title,
                date=report.date,
                source=extra.get("source", report.source),
                author=extra.get("author", report.author),
                chrome=extra.get("chrome", []),
                body=extra.get("body", [*report.paragraphs, *extra.get("also_body", [])]),
            )
            cases.append(case)
    return cases


def score(cases, articles):
    """Per field: correct, missed (left empty) and wrong; chrome lines dropped vs body lines kept."""
    fields = ("title", "date", "source", "author")
    tally = {name: {"correct": 0, "missed": 0, "wrong": 0, "expected": 0} for name in fields}
    chrome = {"dropped_right": 0, "dropped": 0, "expected": 0, "body_kept": 0, "body": 0}
    for case, article in zip(cases, articles, strict=True):
        for name, want in case.expected().items():
            got = getattr(article, name, None) if article is not None else None
            row = tally[name]
            row["expected"] += bool(want)
            if got == want and want:
                row["correct"] += 1
            elif want and not got:
                row["missed"] += 1
            elif got != want:
                row["wrong"] += 1
        dropped = set(article.dropped) if article is not None else set()
        kept = {text for _kind, text in article.blocks} if article is not None else set()
        chrome["dropped"] += len(dropped)
        chrome["dropped_right"] += len(dropped & set(case.chrome))
        chrome["expected"] += len(case.chrome)
        chrome["body"] += len(case.body)
        chrome["body_kept"] += len(set(case.body) & kept)
    return tally, chrome
