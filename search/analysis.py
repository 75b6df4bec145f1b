"""Chinese text analysis shared by every engine: folding, segmentation, synonyms and pinyin.

Text → full-width letters and digits to ASCII → strip bracketed pinyin left over by converters
(網(wǎng)格 → 網格) → OpenCC Traditional-to-Simplified → jieba ``cut_for_search`` with the domain
dictionary → word tokens. Documents and queries go through the same steps, so 網格 finds 网格.
"""

import logging
import math
import re
import threading
import time
from functools import lru_cache
from pathlib import Path

import jieba

from portal.ground.text import fold, has_han, normalize  # noqa: F401 - the analysis chain starts here

logger = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)

BUILTIN_TERMS_FILE = Path(__file__).parent / "data" / "terms.txt"
DICTIONARY_RECHECK_SECONDS = 10

_WORD = re.compile(r"\w+")

# Function words that would match nearly every document; dropped from tokens.
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "有",
        "为",
        "对",
        "把",
        "被",
        "就",
        "也",
        "都",
        "而",
        "之",
        "其",
        "这",
        "那",
        "我",
        "你",
        "他",
        "她",
        "它",
        "们",
        "吗",
        "呢",
        "吧",
        "啊",
        "个",
        "等",
        "于",
        "以",
        "从",
        "将",
        "并",
        "由",
        "向",
        "a",
        "an",
        "and",
        "the",
        "of",
        "or",
        "to",
        "in",
        "on",
        "for",
        "is",
        "are",
    ]
)


def is_word(token):
    """True for a token worth indexing: letters or digits, not a stop word."""
    return bool(token) and _WORD.fullmatch(token) is not None and token not in STOP_WORDS


# jieba's own patterns: runs of Han characters, letters and digits are segmented; the rest is
# split into single characters, which is_word() then drops unless they are letters.
_JIEBA_BLOCK = jieba.re_han_default
_JIEBA_LETTER = jieba.re_eng
_BLOCK_CACHE_SIZE = 50_000


@lru_cache(maxsize=_BLOCK_CACHE_SIZE)
def _segment_block(block):
    """jieba's precise mode without HMM for one block, as a tuple of words (same result, faster).

    jieba builds a DAG of dictionary words, then picks the most probable route with a second pass;
    this does both in one backward pass over the block and reads the same frequency table, so a
    word added to or removed from jieba's dictionary changes the result in the same way (the cache
    is cleared whenever the dictionary is reloaded). Ties go to the longer word, as in jieba.
    """
    freq = jieba.dt.FREQ
    logtotal = math.log(jieba.dt.total)
    log = math.log
    n = len(block)
    scores = [0.0] * (n + 1)
    ends = [0] * (n + 1)
    for start in range(n - 1, -1, -1):
        best, best_end = None, start + 1
        end = start + 1
        frag = block[start]
        while True:
            count = freq.get(frag)
            if count is None:
                break
            if count:
                score = log(count) - logtotal + scores[end]
                if best is None or score >= best:
                    best, best_end = score, end
            if end >= n:
                break
            end += 1
            frag = block[start:end]
        if best is None:
            best = log(freq.get(block[start]) or 1) - logtotal + scores[start + 1]
        scores[start], ends[start] = best, best_end
    words, buffer, x = [], "", 0
    while x < n:
        y = ends[x]
        word = block[x:y]
        if y - x == 1 and _JIEBA_LETTER.match(word):
            buffer += word  # single letters and digits in a row stay one token, as jieba does
        else:
            if buffer:
                words.append(buffer)
                buffer = ""
            words.append(word)
        x = y
    if buffer:
        words.append(buffer)
    return tuple(words)


def _cut(text):
    """Words of ``text`` exactly as ``jieba.cut(text, HMM=False)``, whitespace left out."""
    out = []
    for i, part in enumerate(_JIEBA_BLOCK.split(text)):
        if not part:
            continue
        if i % 2:  # a captured block
            out.extend(_segment_block(part))
        else:
            out.extend(ch for ch in part if not ch.isspace())
    return out


def _cut_for_search(text):
    """Tokens exactly as ``jieba.cut_for_search(text, HMM=False)``, whitespace left out."""
    freq = jieba.dt.FREQ
    out = []
    for word in _cut(text):
        size = len(word)
        if size > 2:
            out.extend(g for g in (word[i : i + 2] for i in range(size - 1)) if freq.get(g))
            if size > 3:
                out.extend(g for g in (word[i : i + 3] for i in range(size - 2)) if freq.get(g))
        out.append(word)
    return out


def tokenize(text, normalized=False):
    """Index tokens of ``text``: jieba's search-engine mode over the normalised text."""
    dictionary.ensure_loaded()
    text = text if normalized else normalize(text)
    return [t for t in _cut_for_search(text) if is_word(t)]


def token_string(text, normalized=False):
    """Tokens joined by spaces, as stored in the full-text index."""
    return " ".join(tokenize(text, normalized=normalized))


def words(text, normalized=False):
    """Whole words of ``text`` (jieba's precise mode), used to build queries."""
    dictionary.ensure_loaded()
    text = text if normalized else normalize(text)
    return [t for t in _cut(text) if is_word(t)]


def sub_tokens(word):
    """The shorter dictionary words jieba indexes inside a long word (党群服务中心 → 党群, 服务, 中心 …)."""
    return [t for t in tokenize(word, normalized=True) if t != word]


def parse_terms_file(path=BUILTIN_TERMS_FILE):
    """Read ``term = synonym, synonym`` lines; returns [(term, [synonyms])]."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        term, _, rest = line.partition("=")
        synonyms = [s.strip() for s in re.split(r"[,，、]", rest) if s.strip()]
        entries.append((term.strip(), synonyms))
    return entries


class Dictionary:
    """The domain dictionary and synonym groups, loaded into jieba once per process.

    Editors change terms in the admin; a version number in the cache tells every process to
    reload within ``DICTIONARY_RECHECK_SECONDS``.
    """

    def __init__(self):
        self._lock = threading.RLock()
        self._loaded_version = None
        self._checked_at = 0.0
        self._added_words = set()
        self.synonyms = {}

    def ensure_loaded(self):
        """Load or refresh the dictionary when it changed; cheap when it did not."""
        now = time.monotonic()
        if self._loaded_version is not None and now - self._checked_at < DICTIONARY_RECHECK_SECONDS:
            return
        with self._lock:
            self._checked_at = now
            version = self._current_version()
            if version != self._loaded_version:
                self._load(version)

    def invalidate(self):
        """Force a reload on the next use in this process; other processes notice within seconds."""
        self._loaded_version = None
        self._checked_at = 0.0

    def _current_version(self):
        # The table itself is the version: every process sees an edit, whatever the cache backend.
        try:
            from django.db.models import Count, Max

            from search.models import SearchTerm

            stats = SearchTerm.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
            return (stats["n"], stats["changed"])
        except Exception:  # noqa: BLE001 - no table yet (during migrate)
            return (0, None)

    def _entries(self):
        # The built-in list seeds the editable table (migration 0003); it is used directly
        # only while the table does not exist yet.
        try:
            from search.models import SearchTerm

            return [(t.term, t.synonym_list()) for t in SearchTerm.objects.all()]
        except Exception:  # noqa: BLE001 - no table yet (during migrate) or no database
            logger.debug("search dictionary table unavailable; using built-in terms")
            return parse_terms_file()

    def _load(self, version):
        jieba.initialize()
        entries = self._entries()
        wanted = set()
        groups = {}
        for term, synonyms in entries:
            members = [normalize(term), *(normalize(s) for s in synonyms)]
            members = [m for m in members if m]
            wanted.update(m for m in members if has_han(m) or len(m) > 1)
            if len(members) > 1:
                group = set(members)
                for member in members:
                    groups.setdefault(member, set()).update(group)
        for word in self._added_words - wanted:
            jieba.del_word(word)
        for word in sorted(wanted - self._added_words):
            if has_han(word) and len(word) > 1:
                jieba.add_word(word)
        self._added_words = wanted
        _segment_block.cache_clear()
        self.synonyms = {k: sorted(v - {k}) for k, v in groups.items()}
        self._loaded_version = version

    def synonyms_of(self, word):
        """Other words of ``word``'s synonym group (normalised)."""
        self.ensure_loaded()
        return self.synonyms.get(word, [])


dictionary = Dictionary()


def warm():
    """Load what the first analysis would load (jieba's dictionary, the domain terms, OpenCC, pypinyin).

    Called once by the server before it forks its workers (``portal/wsgi.py``), so that no
    worker's first search spends half a second on it.
    """
    dictionary.ensure_loaded()
    token_string(fold("網格員 社区服务 wangge 2026"))
    from portal.ground import pinyin

    pinyin.keys("网格")
