"""Site chrome around a copied report: recognised by pattern, by structure, and by repetition across a batch.

Copies of web pages keep the site around the article: "欢迎访问…", "当前位置：首页 > …", menus, "字号：大 中 小";
after it "最新推荐"/"相关专题" link lists, 微信"扫一扫", copyright lines, disclaimers and "责任编辑" lines.
Copies from document-sharing sites add their own sentences. Each dropped line is reported to the editor.
"""

import re
from collections import Counter

# Lines that are site chrome before the article starts.
LEADING = re.compile(
    r"^(欢迎(您)?(访问|来到|光临)|当前位置|您(现在)?的位置|您所在的位置|所在位置|位置[:：]|首页\s*[>›»/|＞]|"
    r"字号[:：]?|【?\s*字体[:：]|\[?\s*(大|小)\s*(中|号)|分享到|打印本页|【打印|关闭窗口|【关闭|"
    r"设为首页|加入收藏|无障碍|长者模式|关怀版|繁[體体]|简体版|登录|注册|网站地图|English$|搜索$|请输入关键[词字]|"
    r"今天是|站内搜索|手机版|移动版|信息公开$|政务公开$)"
)
# Lines that open the page footer: everything from here to the end is chrome.
TAIL_START = re.compile(
    r"^[【\[]?\s*(相关(链接|阅读|新闻|文章|附件|稿件|推荐|专题)|最新(推荐|文章|新闻|发布)|热点(推荐|新闻|文章)|推荐阅读|"
    r"猜你喜欢|延伸阅读|更多(新闻|阅读|精彩)|网站导航|站点地图|友情链接|"
    r"(微信)?[“\"「]?扫一扫|扫码|分享到|上一篇|下一篇|打印本页|关闭窗口|网站地图|主办单位|版权所有|Copyright|©|"
    r"下载文档|还剩\d+页|VIP|文档格式)"
)
# Short lines that are chrome wherever they stand: editors, copyright, disclaimers, counters, share buttons.
ANYWHERE = re.compile(
    r"^[【\[（(]?\s*(责任编辑|编辑|审核|校对|责编|来源编辑|初审|复审|终审|监制|统筹|值班编辑)\s*[:：]|"
    r"版权所有|Copyright|©|免责声明|本网站(所有|刊登|发布|声明|内容)|本站(所有|声明|内容)|转载请注明|主办单位|承办单位|"
    r"技术支持|ICP备|公网安备|网站标识码|浏览次数|阅读次数|点击数|【?打印】?$|【?关闭】?$|"
    r"(微信)?[“\"「]?扫一扫|长按(识别)?二维码|点击(关注|上方|下方)|分享到[:：]?|"
    r"下载文档到电脑|还剩\d+页未读|文档格式[:：]|文档大小[:：]|(VIP|会员)(免费)?下载|本文档(由|来自)|侵权(请)?联系|"
    r"^\s*[（(](责任编辑|编辑)[^）)]{0,12}[）)]\s*$"
)
CHROME_MAX_LENGTH = 80
# A menu or link list: at least this many short lines in a row that read like link labels.
LINK_RUN = 3
LINK_MAX_LENGTH = 30
SENTENCE_END = ("。", "！", "？", "；", "…", "”", "」")
MENU_SEPARATORS = re.compile(r"\s*[|｜>›»＞/·]\s*")


def is_chrome(text, leading=False):
    """True for a line that is chrome by its wording."""
    if len(text) > CHROME_MAX_LENGTH:
        return False
    if leading and LEADING.search(text):
        return True
    return bool(ANYWHERE.search(text)) or is_menu(text)


def is_menu(text):
    """'首页 | 新闻中心 | 政务公开 | 办事服务': a navigation bar flattened to one line."""
    parts = [part for part in MENU_SEPARATORS.split(text) if part]
    return len(parts) >= 4 and all(len(part) <= 8 for part in parts)


def is_tail_start(text):
    return len(text) <= CHROME_MAX_LENGTH and bool(TAIL_START.search(text))


def link_like(line):
    """A line that reads like a link label: marked as a link in HTML, or short and not a sentence."""
    if line.style == "link":
        return True
    text = line.text
    if line.style or len(text) > LINK_MAX_LENGTH or text.endswith(SENTENCE_END) or "，" in text:
        return False
    return not re.match(r"^[一二三四五六七八九十]+[、．.]|^[（(][一二三四五六七八九十]+[）)]|^\d+[、.．]", text)


def trailing_chrome(lines, repeated=frozenset()):
    """How many lines at the end are chrome: link runs, footer markers and batch repeats, read backwards."""
    end = len(lines)
    while end > 0:
        line = lines[end - 1]
        if is_chrome(line.text) or line.text in repeated or line.style == "link":
            end -= 1
            continue
        run = end
        while run > 0 and link_like(lines[run - 1]):
            run -= 1
        if end - run >= LINK_RUN:
            end = run
            continue
        break
    return len(lines) - end


def leading_menu_run(lines, start):
    """Length of a run of link-like short lines starting at ``start`` (a site menu), or 0."""
    run = start
    while run < len(lines) and link_like(lines[run]) and len(lines[run].text) <= 10:
        run += 1
    return run - start if run - start >= LINK_RUN else 0


def repeated_lines(documents, share=0.5, minimum=3):
    """Short lines found in more than ``share`` of a batch's files (and in at least ``minimum``): site chrome."""
    if len(documents) < minimum:
        return frozenset()
    counts = Counter()
    for document in documents:
        counts.update({line.text for line in document.lines if len(line.text) <= CHROME_MAX_LENGTH})
    return frozenset(text for text, n in counts.items() if n >= minimum and n > len(documents) * share)
