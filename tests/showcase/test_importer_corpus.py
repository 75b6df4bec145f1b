"""The importer on a corpus of messy copies (tests/showcase/importer_corpus.py), and the defects it used to have."""

import datetime

import pytest

from services.showcase.importer.parser import parse_document
from services.showcase.importer.reader import read_document
from services.showcase.importer.service import read_articles

from . import importer_corpus as corpus

CASE_NAMES = [
    f"{shape.__name__}-{k}" for shape in corpus.SHAPES for k in range(corpus.REPORTS_PER_SHAPE)
]  # one test id per case, readable in the report


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    """Every case parsed as one batch, as the command and the admin read them."""
    cases = corpus.build(tmp_path_factory.mktemp("corpus"))
    articles = read_articles([case.path for case in cases])
    return {name: (case, article) for name, case, (_path, article) in zip(CASE_NAMES, cases, articles, strict=True)}


def test_the_corpus_is_large_enough(parsed):
    assert len(parsed) >= 40


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case(parsed, name):
    case, article = parsed[name]
    assert not isinstance(article, Exception), article
    assert {key: getattr(article, key) for key in case.expected()} == case.expected()
    assert [line for line in case.chrome if line not in article.dropped] == [], "chrome left in the body"
    assert [line for line in article.dropped if line not in case.chrome] == [], "real lines dropped"
    kept = [text for _kind, text in article.blocks]
    assert [line for line in case.body if line not in kept] == []


def parse_text(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(read_document(path))


BODY = "社区组织志愿者为独居老人上门检查燃气和电线，共排查隐患十二处。\n下一步将每月开展一次。\n"


def test_a_reporters_byline_is_the_author_not_the_title(tmp_path):
    article = parse_text(tmp_path, "记者 林晓雨\n湖滨社区开展安全入户检查\n2024年03月02日\n" + BODY)
    assert (article.title, article.author) == ("湖滨社区开展安全入户检查", "林晓雨")
    assert article.found["author"] == "byline"


def test_an_organisation_line_is_the_publisher_and_the_date_line_below_it_is_read(tmp_path):
    text = "中共云溪区委组织部\n2022-07-15 17:57 来源：云溪区委组织部\n云溪区召开基层治理工作推进会\n" + BODY
    article = parse_text(tmp_path, text)
    assert article.title == "云溪区召开基层治理工作推进会"
    assert (article.date, article.source) == (datetime.date(2022, 7, 15), "云溪区委组织部")


def test_organisation_line_gives_the_source_when_there_is_no_source_line(tmp_path):
    article = parse_text(tmp_path, "中共云溪区委组织部\n2022-07-15 17:57\n云溪区召开基层治理工作推进会\n" + BODY)
    assert (article.title, article.source) == ("云溪区召开基层治理工作推进会", "中共云溪区委组织部")
    assert article.found["source"] == "organisation-line"


def test_a_first_line_with_source_and_date_is_read(tmp_path):
    article = parse_text(tmp_path, "来源：望湖街道党工委 | 2022-07-15 17:57:31\n望湖社区开展消防演练\n" + BODY)
    assert (article.title, article.date, article.source) == (
        "望湖社区开展消防演练",
        datetime.date(2022, 7, 15),
        "望湖街道党工委",
    )


def test_a_document_sharing_sentence_gives_the_title_inside_its_brackets(tmp_path):
    boilerplate = (
        "《社区网格化管理工作总结.docx》由会员分享，可在线阅读，更多相关《社区网格化管理工作总结》请在本站搜索。"
    )
    article = parse_text(tmp_path, f"{boilerplate}\n社区网格化管理工作总结\n2023年1月5日\n" + BODY)
    assert article.title == "社区网格化管理工作总结"
    assert article.dropped == [boilerplate]
    assert article.paragraphs()[0].startswith("社区组织志愿者")


@pytest.mark.parametrize(
    "line",
    [
        "最新推荐",
        "相关专题",
        "微信“扫一扫”",
        "版权所有：云溪区人民政府办公室",
        "免责声明：本站文章仅供参考",
        "责任编辑：陈思远 校对：王一",
    ],
)
def test_site_chrome_at_the_end_is_dropped(tmp_path, line):
    text = (
        "湖滨社区开展安全入户检查\n2024-03-02\n" + BODY + f"{line}\n柳荫街道开展安全生产检查\n望湖社区举办邻里文化节\n"
    )
    article = parse_text(tmp_path, text)
    assert line in article.dropped
    assert article.paragraphs() == [BODY.splitlines()[0], BODY.splitlines()[1]]


@pytest.mark.parametrize("line", ["欢迎访问云溪区人民政府网站", "当前位置：首页 > 基层动态"])
def test_site_chrome_at_the_start_is_dropped(tmp_path, line):
    article = parse_text(tmp_path, f"{line}\n湖滨社区开展安全入户检查\n2024-03-02\n" + BODY)
    assert article.title == "湖滨社区开展安全入户检查" and article.dropped == [line]


def test_traditional_script_becomes_simplified_and_pinyin_artefacts_go(tmp_path):
    text = "湖濱社區網(wǎng)格員入戶走訪\n2024-03-02\n網(wǎng)格員走訪了轄區獨居老人，登記相關(guān)需求。\n"
    article = parse_text(tmp_path, text)
    assert article.title == "湖滨社区网格员入户走访"
    assert article.paragraphs() == ["网格员走访了辖区独居老人，登记相关需求。"]
    assert "網(wǎng)格" in article.original_text and article.found["script"]


def test_lines_repeated_across_a_batch_are_dropped(tmp_path):
    paths = []
    for n in range(4):
        path = tmp_path / f"{n}.txt"
        path.write_text(
            f"第{n + 1}期社区简报\n2024-03-0{n + 1}\n本期简报介绍社区第{n + 1}项工作。\n云溪区社区工作简报编辑部 编印\n",
            encoding="utf-8",
        )
        paths.append(path)
    articles = [article for _path, article in read_articles(paths)]
    assert all("云溪区社区工作简报编辑部 编印" in article.dropped for article in articles)
    assert [article.paragraphs() for article in articles][0] == ["本期简报介绍社区第1项工作。"]


def test_a_month_day_date_takes_the_year_from_the_text(tmp_path):
    article = parse_text(tmp_path, "社区开展义诊\n时间：07-15 来源：丹桂社区\n2022年夏季义诊活动在丹桂社区举行。\n")
    assert article.date == datetime.date(2022, 7, 15) and article.source == "丹桂社区"


def test_a_pdf_with_text(tmp_path):
    from pathlib import Path

    article = parse_document(read_document(Path(__file__).parent / "fixtures" / "pdf" / "report.pdf"))
    assert article.title == "丹桂社区老年食堂开餐"
    assert article.date == datetime.date(2024, 5, 20)
    assert any("每餐补贴三元" in text for text in article.paragraphs())


def test_a_news_agency_byline_and_a_bracketed_meta_line(tmp_path):
    byline = parse_text(tmp_path, "本报讯 记者 李明\n桂园社区举办邻里文化节\n2025-05-20 10:12 来源：桂园街道\n" + BODY)
    assert (byline.title, byline.author, byline.source) == ("桂园社区举办邻里文化节", "李明", "桂园街道")
    bracketed = parse_text(
        tmp_path, "丹桂社区开展垃圾分类值守\n【发布时间：2024-11-02】【来源：丹桂社区】【字体：大 中 小】\n" + BODY
    )
    assert (bracketed.date, bracketed.source) == (datetime.date(2024, 11, 2), "丹桂社区")
