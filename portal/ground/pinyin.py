"""The one pinyin module: how the portal reads Chinese aloud, for sorting, slugs, suggestions and typo correction.

Every pinyin reading in the portal goes through ``syllables`` so that one place decides how a
character is read; the domain's polyphonic words (长护险 cháng, 朝阳 cháo, 曾家巷 zēng …) are read
from ``PHRASES`` before pypinyin's general dictionary.
"""

import functools
import itertools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin, load_phrases_dict, pinyin

from portal.ground.text import normalize

# Words whose characters pypinyin reads wrongly in this domain (place names, social-insurance
# terms, housing terms). A longer word wins over a shorter one inside it.
PHRASES = {
    "长护险": "cháng hù xiǎn",
    "长期护理": "cháng qī hù lǐ",
    "长宁": "cháng níng",
    "长宁区": "cháng níng qū",
    "长宁路": "cháng níng lù",
    "朝阳": "cháo yáng",
    "朝阳区": "cháo yáng qū",
    "朝阳社区": "cháo yáng shè qū",
    "朝阳街道": "cháo yáng jiē dào",
    "曾家巷": "zēng jiā xiàng",
    "曾家": "zēng jiā",
    "重名": "chóng míng",
    "重名查询": "chóng míng chá xún",
    "还建房": "huán jiàn fáng",
    "还建": "huán jiàn",
    "还迁房": "huán qiān fáng",
    "重阳": "chóng yáng",
    "重病": "zhòng bìng",
    "重残": "zhòng cán",
    "重度残疾": "zhòng dù cán jí",
    "调解": "tiáo jiě",
    "调处": "tiáo chǔ",
    "调休": "tiáo xiū",
    "参保": "cān bǎo",
    "单亲": "dān qīn",
    "网格长": "wǎng gé zhǎng",
    "楼栋长": "lóu dòng zhǎng",
    "单元长": "dān yuán zhǎng",
    "长者": "zhǎng zhě",
    "长者食堂": "zhǎng zhě shí táng",
    "行政": "xíng zhèng",
    "银行": "yín háng",
    "传单": "chuán dān",
}

load_phrases_dict({word: [[syllable] for syllable in reading.split()] for word, reading in PHRASES.items()})

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_HAN_MARK = "\x00"


def syllables(text, errors="default"):
    """The toneless pinyin syllables of ``text``; text that is not Han passes ``errors`` (pypinyin's rule)."""
    return lazy_pinyin(text or "", style=Style.NORMAL, errors=errors)


# -- sorting, slugs and suggestion keys ---------------------------------------------------------------


def strip_leading_marks(text):
    """The text without leading spaces, quotes, brackets and other punctuation or symbols: “四点半课堂” → 四点半课堂”."""
    text = text or ""
    start = 0
    while start < len(text) and unicodedata.category(text[start])[0] in "PSZ":
        start += 1
    return text[start:]


def sort_key(text, override=""):
    """A lower-case ASCII key that sorts Chinese text by pinyin (Latin letters keep their place).

    Leading quotes and brackets are ignored, so “四点半课堂”报名 sorts and indexes under S. ``override`` is
    an editor's own reading for a name no dictionary knows (单家桥 read shan jia qiao); tone marks and
    tone digits in it are dropped.
    """
    own = " ".join(_NOT_SLUG.sub(" ", plain_letters(override or "")).split())
    if own:
        return own[:255]
    parts = syllables(strip_leading_marks(text))
    return " ".join(s.strip().lower() for s in parts if s.strip())[:255]


def key_initial(key):
    """The upper-case first letter of a sort key, or '#' for digits and symbols."""
    first = (key or "")[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def initial(text):
    """The upper-case first letter of the text's pinyin (leading quotes ignored), or '#' for digits and symbols."""
    return key_initial(sort_key(text))


def slug(text, max_length=50):
    """An ASCII slug from the text's pinyin (柳荫社区 → liu-yin-she-qu), or '' when nothing is left."""
    words = (_NOT_SLUG.sub("-", word.lower()).strip("-") for word in syllables(text))
    return "-".join(w for w in words if w)[:max_length].strip("-")


def keys(text):
    """(full pinyin, initials) of ``text`` without spaces: 网格 → ("wangge", "wg"); 網格 folds first.

    One pass: each Han character's syllable gives its first letter to the initials; other text
    (marked by the error handler) goes into both as written.
    """
    items = syllables(normalize(text), errors=lambda chars: _NOT_HAN_MARK + chars)
    full, initials = [], []
    for item in items:
        if item.startswith(_NOT_HAN_MARK):
            full.append(item[1:])
            initials.append(item[1:])
        else:
            full.append(item)
            initials.append(item[:1])
    return _NOT_SLUG.sub("", "".join(full).lower()), _NOT_SLUG.sub("", "".join(initials).lower())


# -- reading what a resident typed (typo correction) ------------------------------------------------

# Standard Hanyu Pinyin syllables without tones (ü written v as pypinyin does, lue/nue as people type).
_SYLLABLE_LIST = """a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce
    cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci
    cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dian diao die ding diu dong dou du duan
    dui dun duo e ei en er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu
    gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun
    huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong
    kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling
    liu lo long lou lu luan lun luo lv lve lue ma mai man mang mao me mei men meng mi mian miao mie min ming miu
    mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo
    nv nve nue o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao
    qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san
    sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
    shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu
    tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan
    xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha
    zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong
    zou zu zuan zui zun zuo"""
SYLLABLES = frozenset(_SYLLABLE_LIST.split())
_LONGEST_SYLLABLE = max(map(len, SYLLABLES))


def fuzzy(syllable):
    """The syllable with the sounds people mix up made one: zh/z, ch/c, sh/s, n/l, an/ang, en/eng, in/ing, ü/u.

    Two syllables that sound alike to a speaker of a southern dialect have the same fuzzy form
    (zhang and zan both give zan), so an input method's wrong guess can be matched back.
    """
    for retroflex in ("zh", "ch", "sh"):
        if syllable.startswith(retroflex):
            syllable = syllable[0] + syllable[2:]
            break
    if syllable.startswith("n") and len(syllable) > 1:
        syllable = "l" + syllable[1:]
    if syllable.endswith(("ang", "eng", "ing")):
        syllable = syllable[:-1]
    return syllable.replace("v", "u")


@functools.lru_cache(maxsize=8192)
def readings(char):
    """Every toneless reading of one Han character (行 → ('xing', 'hang')); a polyphone has several."""
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(found[0])) if found else ()


def plain_letters(text):
    """Latin text with tone marks, tone digits and apostrophes removed: jū zhù / ju1zhu4 / xi'an → ju zhu / xian."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("ü", "v"))
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"(?<=[a-z])[1-5]|['’]", "", letters)


def split_letters(letters, limit=4):
    """The ways to read a run of Latin letters as whole pinyin syllables, fewest syllables first.

    ``changhuxian`` → [('chang', 'hu', 'xian')]; ``xian`` → [('xian',), ('xi', 'an')]; [] when the
    letters are not pinyin (``wifi``).
    """
    letters = letters.lower()
    size = len(letters)

    @functools.cache
    def tails(start):
        if start == size:
            return [()]
        found = []
        for end in range(min(size, start + _LONGEST_SYLLABLE), start, -1):
            head = letters[start:end]
            if head in SYLLABLES:
                found.extend((head, *rest) for rest in tails(end))
        found.sort(key=len)
        return found[: limit * 2]

    if not letters or not letters.isascii() or not letters.isalpha():
        return []
    return sorted(tails(0), key=len)[:limit]


def fuzzy_keys(options_per_unit, limit=32):
    """Fuzzy syllable tuples for a run of units, each unit given as its possible readings (at most ``limit``)."""
    per_unit = [tuple(dict.fromkeys(fuzzy(r) for r in options)) for options in options_per_unit]
    return list(itertools.islice(itertools.product(*per_unit), limit))
