"""import_articles: every file shape and encoding, chrome removal, idempotence, bad files."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from home.models import NewsIndexPage, NewsPage
from services.showcase.models import CaseStudyPage, ImportedArticle

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPage(title="新闻动态", slug="news")
    home_page.add_child(instance=index)
    return index


def run(*args):
    """Run the command; return (JSON lines from stdout, stderr text, error or None)."""
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_articles", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return lines, err.getvalue(), error


def test_utf8_article_with_site_chrome(news_index):
    [row], _err, error = run(FIXTURES / "news_chrome_utf8.txt", "--kind", "news", "--publish")
    assert error is None
    assert row["title"] == "柳荫街道召开老旧小区加装电梯协调推进会"
    assert row["date"] == "2023-03-08" and row["source"] == "柳荫街道办事处"
    assert set(row) >= {"id", "url", "title", "date", "source", "file"}
    for chrome in ("欢迎访问", "当前位置", "字号", "[责任编辑：陈思远]", "相关链接", "扫一扫", "版权所有", "免责声明"):
        assert any(chrome in line for line in row["dropped"]), chrome
    page = NewsPage.objects.get(pk=row["id"])
    assert page.live and page.url == row["url"] and page.get_parent().pk == news_index.pk
    headings = [b.value["text"] for b in page.body if b.block_type == "heading"]
    assert headings == ["一、摸清底数，一楼一策", "二、协商在前，化解分歧", "三、限时办结，全程公开"]
    text = str(page.body.render_as_block())
    assert "责任编辑" not in text and "相关链接" not in text and "来源：" not in text
    assert page.summary.startswith("3月7日下午")


def test_bom_article_with_chinese_date_then_source(news_index):
    [row], _err, _error = run(FIXTURES / "news_bom.txt", "--kind", "news")
    assert row["title"] == "望湖街道举行“小蜜蜂驿站”揭牌仪式", "the BOM is not part of the title"
    assert (row["date"], row["source"]) == ("2023-03-08", "望湖街道党工委")
    page = NewsPage.objects.get(pk=row["id"])
    assert page.author == "林晓雨"
    assert not page.live and not row["live"], "without --publish pages are drafts"
    assert row["dropped"] == ["编辑：赵一鸣"]


def test_gbk_case_becomes_case_sections(home_page, case_index):
    [row], _err, _error = run(FIXTURES / "case_gbk.txt", "--kind", "case", "--publish")
    assert row["title"] == "桂园街道“积分换服务”推动垃圾分类见实效"
    assert (row["date"], row["source"]) == ("2023-03-08", "桂园街道")
    assert row["url"].startswith("/cases/gui-yuan-jie-dao")
    page = CaseStudyPage.objects.get(pk=row["id"])
    kinds = [b.value["kind"] for b in page.body]
    assert kinds == ["background", "practice", "results", "lessons"]
    assert [title for _anchor, title in page.sections()][0] == "一、背景动因"
    assert any("上一篇" in line for line in row["dropped"])


def test_gb18030_only_characters(news_index, tmp_path):
    path = tmp_path / "rare.txt"
    path.write_bytes(
        "王䶮同志走访柳荫社区\n时间：2024-01-05 来源：柳荫街道\n王䶮同志一行走访了柳荫社区独居老人。\n".encode(
            "gb18030"
        )
    )
    [row], _err, _error = run(path, "--kind", "news")
    assert row["title"] == "王䶮同志走访柳荫社区" and row["date"] == "2024-01-05"


def test_markdown_front_matter_wins_and_markup_is_stripped(news_index):
    [row], _err, _error = run(FIXTURES / "press_conference.md", "--kind", "news", "--publish")
    assert row["title"] == "云溪区召开2023年基层治理工作新闻发布会"
    assert (row["date"], row["source"]) == ("2023-04-12", "云溪区人民政府新闻办公室")
    page = NewsPage.objects.get(pk=row["id"])
    assert page.category == "press", "a press conference is filed as one"
    text = str(page.body.render_as_block())
    assert "三百二十六个" in text and "**" not in text and "](" not in text
    assert "扫一扫，关注云溪发布" in row["dropped"]


def make_docx(path):
    document = docx.Document()
    document.add_paragraph("当前位置：首页 > 工作动态")
    document.add_heading("丹桂社区老年食堂正式开张", level=0)
    document.add_paragraph("2024年05月20日10:00 来源：桂园街道办事处")
    document.add_paragraph("5月20日，丹桂社区老年食堂正式开张，每天供应午餐和晚餐。")
    document.add_heading("一、助餐服务", level=1)
    document.add_paragraph("八十周岁以上老人每餐补贴三元，行动不便的老人可由志愿者送餐上门。")
    document.add_paragraph("[责任编辑：李晓]")
    document.save(path)


def test_docx_with_title_style_and_heading(news_index, tmp_path):
    path = tmp_path / "食堂.docx"
    make_docx(path)
    [row], _err, _error = run(path, "--kind", "news")
    assert row["title"] == "丹桂社区老年食堂正式开张"
    assert (row["date"], row["source"]) == ("2024-05-20", "桂园街道办事处")
    assert row["dropped"] == ["当前位置：首页 > 工作动态", "[责任编辑：李晓]"]
    page = NewsPage.objects.get(pk=row["id"])
    assert [b.value["text"] for b in page.body if b.block_type == "heading"] == ["一、助餐服务"]


def test_reimport_updates_instead_of_duplicating(news_index, tmp_path):
    [first], _e, _x = run(FIXTURES / "news_chrome_utf8.txt", "--kind", "news", "--publish")
    # The same article saved in GBK is the same content: it updates the same page.
    gbk = tmp_path / "same.txt"
    gbk.write_bytes((FIXTURES / "news_chrome_utf8.txt").read_text(encoding="utf-8").encode("gbk"))
    [second], _e, _x = run(gbk, "--kind", "news", "--publish")
    assert second["id"] == first["id"] and second["action"] == "updated"
    assert NewsPage.objects.filter(title=first["title"]).count() == 1
    assert ImportedArticle.objects.count() == 1


def test_edited_file_with_same_title_and_date_updates_the_page(news_index, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("社区开展消防演练\n来源：湖滨社区 | 2024-03-01\n湖滨社区组织居民开展消防演练。\n", encoding="utf-8")
    [first], _e, _x = run(path, "--kind", "news", "--publish")
    path.write_text(
        "社区开展消防演练\n来源：湖滨社区 | 2024-03-01\n湖滨社区组织两百名居民开展消防演练。\n", encoding="utf-8"
    )
    [second], _e, _x = run(path, "--kind", "news", "--publish")
    assert second["id"] == first["id"]
    assert "两百名" in str(NewsPage.objects.get(pk=first["id"]).body.render_as_block())


def test_dry_run_writes_nothing(news_index):
    [row], err, _error = run(FIXTURES / "news_bom.txt", "--kind", "news", "--dry-run")
    assert row["id"] is None and row["action"] == "would-create"
    assert NewsPage.objects.count() == 0 and ImportedArticle.objects.count() == 0
    assert "试运行" in err


def test_bad_files_get_clear_errors_and_the_good_file_is_still_imported(news_index, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\u3000\n", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 50 MB + 1 byte without writing them
        handle.truncate(50 * 1024 * 1024 + 1)
    title_only = tmp_path / "title_only.txt"
    title_only.write_text("只有标题的文章\n", encoding="utf-8")
    good = FIXTURES / "news_bom.txt"
    rows, err, error = run(empty, blank, binary, broken, huge, title_only, good, "--kind", "news", "--publish")
    assert [row["title"] for row in rows] == ["望湖街道举行“小蜜蜂驿站”揭牌仪式"]
    errors = {Path(e["file"]).name: e["error"] for e in map(json.loads, err.splitlines()[:-1])}
    assert errors["empty.txt"] == "文件是空的。"
    assert errors["blank.txt"] == "文件中没有文字内容。"
    assert "二进制" in errors["photo.txt"]
    assert "Word 文件已损坏" in errors["broken.docx"]
    assert "超过 50 MB" in errors["huge.txt"]
    assert "没有正文" in errors["title_only.txt"]
    assert error is not None and "6 个文件未能导入" in str(error)
    assert NewsPage.objects.count() == 1, "nothing half-created for the failed files"


def test_unknown_parent_is_refused_before_anything_happens(news_index):
    _rows, _err, error = run(FIXTURES / "news_bom.txt", "--kind", "news", "--parent", "nope")
    assert error is not None and "nope" in str(error)


def test_folder_imports_every_supported_file(news_index):
    rows, _err, error = run(FIXTURES, "--kind", "news")
    assert error is None
    assert len(rows) == 4
