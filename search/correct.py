"""“您是不是要找 …”: a query that finds little is read as pinyin and matched against the indexed vocabulary.

Chinese is typed through pinyin input methods, so the commonest typo is a character with the same
(or a near) reading: 居注证 for 居住证, 低宝 for 低保, or pinyin typed straight into the box
(``juzhuzheng``, ``changhuxian``), sometimes with a syllable missing (``juzheng``). The vocabulary is
what the engine indexed: titles and their words, the dictionary's terms and synonyms, and the corpus's
frequent words. Each of them is keyed by its fuzzy syllables (``portal.ground.pinyin.fuzzy``); every
run of the query's syllables is looked up, the best non-overlapping matches replace their runs, and
the corrected query is searched. Nothing here knows any particular misspelling.
"""

import dataclasses
import functools
import math
import re
import threading
import time
from dataclasses import dataclass

from portal.ground import pinyin
from search import analysis
from search.engine import get_engine

MAX_UNITS = 40  # syllables of a query considered (the query box allows more, typos are in short queries)
MAX_SPAN = 12  # longest run of syllables matched against one vocabulary word
MIN_SPAN = 2  # one syllable has too many homophones to guess from
VOCABULARY_LIMIT = 20_000  # the heaviest entries (terms, words, titles) of a big index
REFRESH_SECONDS = 30


@dataclass(frozen=True)
class Word:
    """One vocabulary entry: a run of Han characters, its syllables and how much it weighs."""

    text: str
    syllables: tuple
    weight: float


@dataclass
class Unit:
    """One syllable of the query: a Han character (with its readings) or a syllable typed in Latin letters."""

    char: str  # '' for typed pinyin
    readings: tuple
    start: int  # position in the query text, to put the correction in place
    end: int


@dataclass
class Match:
    start: int  # unit indexes [start, end)
    end: int
    word: Word
    score: float


class Lexicon:
    """The vocabulary keyed by fuzzy syllables, and by the same with one syllable left out."""

    def __init__(self, entries):
        self.by_key = {}
        self.by_gap = {}
        self.texts = set()
        for text, weight in entries:
            self._add(text, weight)

    def _add(self, text, weight):
        for run in _han_runs(text):
            self._add_word(run, weight)
            parts = _words(run)
            if len(parts) > 1:
                # Its words and each two neighbouring words: 残疾人证申领 gives 残疾人, 申领 and 残疾人证.
                for part in parts:
                    self._add_word(part, weight / 2)
                for first, second in zip(parts, parts[1:], strict=False):
                    self._add_word(first + second, weight / 3)

    def _add_word(self, text, weight):
        if not MIN_SPAN <= len(text) <= MAX_SPAN:
            return
        syllables = _syllables(text)
        if len(syllables) != len(text):
            return
        self.texts.add(text)
        word = Word(text, syllables, weight)
        key = tuple(pinyin.fuzzy(s) for s in syllables)
        _keep_heaviest(self.by_key.setdefault(key, {}), word)
        if len(key) > MIN_SPAN:
            for gap in range(len(key)):
                _keep_heaviest(self.by_gap.setdefault(key[:gap] + key[gap + 1 :], {}), word)


@functools.lru_cache(maxsize=100_000)
def _syllables(text):
    return tuple(pinyin.syllables(text))


@functools.lru_cache(maxsize=100_000)
def _words(run):
    return analysis.words(run, normalized=True)


def _keep_heaviest(words, word):
    if word.weight > getattr(words.get(word.text), "weight", -1):
        words[word.text] = word


class Corrector:
    """Builds the lexicon from the engine's vocabulary (at most every REFRESH_SECONDS) and corrects queries."""

    def __init__(self):
        self._lock = threading.Lock()
        self._lexicon = None
        self._entries = None
        self._read_at = 0.0

    def forget(self):
        """Read the vocabulary again on the next correction (tests)."""
        with self._lock:
            self._lexicon, self._entries, self._read_at = None, None, 0.0

    def lexicon(self, engine):
        """The lexicon of the engine's vocabulary, read again when older than REFRESH_SECONDS and rebuilt
        only when the vocabulary changed (also called when a server starts, see ``portal.wsgi``)."""
        now = time.monotonic()
        with self._lock:
            if self._lexicon is None or now - self._read_at > REFRESH_SECONDS:
                entries = engine.vocabulary(VOCABULARY_LIMIT)
                if entries != self._entries:
                    self._lexicon, self._entries = Lexicon(entries), entries
                self._read_at = now
            return self._lexicon

    def correct(self, text, engine):
        """The query with its misheard words replaced (居注证 → 居住证), or '' when nothing better is known."""
        units = _units(analysis.fold(text or "").lower())
        if len(units) < MIN_SPAN:
            return ""
        lexicon = self.lexicon(engine)
        chosen, taken = [], set()
        for match in sorted(_matches(units, lexicon), key=lambda m: (-m.score, m.start)):
            span = set(range(match.start, match.end))
            if not span & taken:
                chosen.append(match)
                taken |= span
        if not chosen:
            return ""
        return _rewrite(analysis.fold(text or "").lower(), units, chosen)


_RUN = re.compile(r"([\u3400-\u9fff]+)|([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü'’1-5]+)")


def _han_runs(text):
    """Runs of Han characters in ``text`` (a title's words between its quotes and brackets)."""
    return re.findall(r"[\u3400-\u9fff]+", analysis.normalize(text))


def _units(text):
    """The query's syllables: each Han character, and Latin letter runs that read as pinyin."""
    units = []
    for found in _RUN.finditer(text):
        run, start, end, is_han = found.group(), found.start(), found.end(), bool(found.group(1))
        if is_han:
            units.extend(Unit(ch, pinyin.readings(ch), start + i, start + i + 1) for i, ch in enumerate(run))
            continue
        letters = pinyin.plain_letters(run)
        readings = pinyin.split_letters(letters)
        if readings:
            # Typed pinyin: the fewest-syllable reading; the whole run is replaced together.
            parts = readings[0]
            units.extend(Unit("", (syllable,), start, end) for syllable in parts)
    return units[:MAX_UNITS]


def _known(units, lexicon):
    """Indexes of the units that belong to a word typed right (公租房 in 公租房申情): they stay as typed."""
    known = set()
    for start in range(len(units)):
        for end in range(start + MIN_SPAN, min(len(units), start + MAX_SPAN) + 1):
            typed = "".join(u.char for u in units[start:end])
            if len(typed) == end - start and typed in lexicon.texts:
                known.update(range(start, end))
    return known


def _matches(units, lexicon):
    """Every vocabulary word that sounds like a run of the query's units, scored."""
    known = _known(units, lexicon)
    for start in range(len(units)):
        for end in range(start + MIN_SPAN, min(len(units), start + MAX_SPAN) + 1):
            span = units[start:end]
            for key in pinyin.fuzzy_keys([u.readings for u in span]):
                for word in lexicon.by_key.get(key, {}).values():
                    changed = {start + i for i, u in enumerate(span) if u.char != word.text[i]}
                    if changed and not changed & known:
                        yield _scored(start, end, span, word, missing=0)
                for word in lexicon.by_gap.get(key, {}).values():
                    if not known.issuperset(range(start, end)):
                        yield _scored(start, end, span, word, missing=1)


def _scored(start, end, span, word, missing):
    """Longer runs first, then exact readings, shared characters and weight; a left-out syllable costs."""
    exact = same = 0
    if not missing:
        exact = sum(1 for unit, syllable in zip(span, word.syllables, strict=True) if syllable in unit.readings)
        same = sum(1 for unit, char in zip(span, word.text, strict=True) if unit.char == char)
    else:
        same = sum(1 for unit in span if unit.char and unit.char in word.text)
    score = 4 * (end - start) + 2 * exact + same + min(3.0, math.log1p(max(word.weight, 0))) - 6 * missing
    return Match(start, end, word, score)


def _rewrite(text, units, chosen):
    """The text with each chosen run of units replaced by its word; everything else as typed."""
    at = {match.start: match for match in chosen}
    out, position, i = [], 0, 0
    while i < len(units):
        unit = units[i]
        if unit.start >= position:  # text between two runs (spaces, digits, other words) stays
            out.append(text[position : unit.start])
        match = at.get(i)
        if match:
            out.append(match.word.text)
            i = match.end
        else:
            out.append(unit.char or unit.readings[0])
            i += 1
        position = max(position, units[i - 1].end)
    out.append(text[position:])
    corrected = " ".join("".join(out).split())
    return corrected if corrected != " ".join(text.split()) else ""


corrector = Corrector()


def finds_little(results):
    """Fewer than 3 results, or no title holding the query: worth trying a correction."""
    return results.total < 3 or not title_found(results)


def title_found(results):
    """Whether some title on the page holds every word of the query (not only some of them)."""
    if results.relaxed:
        return False
    return any(title_holds(analysis.normalize(hit.title), results.query) for hit in results.hits)


def title_holds(title, query):
    """Whether a normalised title holds every word of the query (a word's synonym or parts count)."""
    if query.prefix:
        return query.prefix in title
    return bool(query.clauses) and all(
        any(all(token in title for token in alternative) for alternative in clause) for clause in query.clauses
    )


def better(corrected, original):
    """Whether the corrected query's results are worth showing instead of the original ones: the
    original found nothing, or only some of its words, or the corrected query is in a title and the
    original is not."""
    if not corrected.total:
        return False
    if not original.total or (original.relaxed and not corrected.relaxed):
        return True
    return title_found(corrected) and not title_found(original)


def candidates(text, engine):
    """Corrections to try, best first: the pinyin reading matched against the vocabulary, then (for
    pinyin typed as a prefix, ``wangg``) the words offered while typing."""
    found = [corrector.correct(text, engine)]
    if _LATIN_ONLY.fullmatch(pinyin.plain_letters(text)):
        found += engine.suggest(text, limit=3)
    return [c for c in dict.fromkeys(found) if c and c != text]


_LATIN_ONLY = re.compile(r"[a-z\s]+")


def search_with_correction(params, run):
    """(results, corrected query or '') for a resident's search, ``run(params, record)`` searching.

    The typed query is searched (and counted) first; when it finds little, each correction is tried
    and the first that finds something better is shown instead, on every page of its results.
    """
    results = run(params, True)
    if not params.q or params.near is not None:
        return results, ""
    first = results if params.page == 1 else run(dataclasses.replace(params, page=1), False)
    if not finds_little(first):
        return results, ""
    engine = get_engine()
    for candidate in candidates(params.q, engine):
        retried = run(dataclasses.replace(params, q=candidate, page=1), False)
        if better(retried, first):
            if params.page > 1:
                retried = run(dataclasses.replace(params, q=candidate), False)
            return retried, candidate
    return results, ""
