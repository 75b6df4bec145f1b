"""Turning what a resident typed into a safe, analysed query that every engine can compile.

A query is an AND of clauses, one per word; a clause is an OR of alternatives (the word itself,
its dictionary parts for long compounds, its synonyms); an alternative is an AND of tokens.
Only word tokens survive analysis, and every compiler quotes them, so characters such as
``" * ( ) : ^ - AND OR NEAR`` can never reach an engine as syntax.
"""

import functools
import re
from dataclasses import dataclass, field

from search import analysis

MAX_QUERY_CHARS = 100  # longer input is cut here (the search box allows 200, the API anything)
MAX_WORDS = 24
_PUNCTUATION = re.compile(r"[^\w\s]+")


@dataclass
class AnalysedQuery:
    """The analysed form of one search input."""

    raw: str
    text: str
    norm: str
    truncated: bool = False
    clauses: list = field(default_factory=list)
    prefix: str = ""

    @property
    def is_empty(self):
        return not self.clauses and not self.prefix

    @functools.cached_property
    def bonus_text(self):
        """The query as one run of text, punctuation and (between Chinese words) spaces removed.

        The input of the title and phrase bonuses, so ``网格？`` ranks exactly as ``网格`` does.
        Computed once: ranking a window asks for it for every document (two regular expressions
        each time, about 3 ms a search).
        """
        text = _PUNCTUATION.sub(" ", self.norm)
        return re.sub(r"\s+", "" if analysis.has_han(text) else " ", text).strip()

    @property
    def phrase(self):
        """The query as one run of text (see ``bonus_text``), for the exact-phrase bonus; '' for one word."""
        compact = self.bonus_text
        return compact if len(self.clauses) > 1 and len(compact) >= 2 else ""

    def tokens(self):
        """Every token the query can match, longest first (for highlighting)."""
        seen = {self.prefix} if self.prefix else set()
        for clause in self.clauses:
            for alternative in clause:
                seen.update(alternative)
        if self.phrase:
            seen.add(self.phrase)
        return sorted((t for t in seen if t), key=lambda t: (-len(t), t))


def analyse_query(raw):
    """Analyse user input; never raises for any string."""
    raw = "" if raw is None else str(raw)
    truncated = len(raw) > MAX_QUERY_CHARS
    raw = raw[:MAX_QUERY_CHARS]
    text = " ".join(analysis.fold(raw).split())
    norm = text.lower()
    query = AnalysedQuery(raw=raw, text=text, norm=norm, truncated=truncated)
    words = analysis.words(norm, normalized=True)[:MAX_WORDS]
    if len(words) == 1 and len(words[0]) == 1 and analysis.has_han(words[0]):
        # One Chinese character: match the words that start with it (网 → 网格, 网格员 …).
        query.prefix = words[0]
        return query
    seen_words = set()
    for word in words:
        if word in seen_words:
            continue
        seen_words.add(word)
        alternatives = [[word]]
        if len(word) >= 4 and analysis.has_han(word):
            parts = analysis.sub_tokens(word)
            if len(parts) >= 2:
                alternatives.append(parts)
        for synonym in analysis.dictionary.synonyms_of(word):
            synonym_tokens = analysis.words(synonym, normalized=True)
            if synonym_tokens and synonym_tokens not in alternatives:
                alternatives.append(synonym_tokens)
        query.clauses.append(alternatives)
    return query


def _fts5_token(token):
    return '"' + token.replace('"', '""') + '"'


def to_fts5(query, relaxed=False):
    """An FTS5 MATCH expression; ``relaxed`` ORs the clauses instead of ANDing them."""
    if query.prefix:
        return _fts5_token(query.prefix) + "*"
    clauses = []
    for clause in query.clauses:
        alternatives = ["(" + " AND ".join(_fts5_token(t) for t in alt) + ")" for alt in clause]
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return (" OR " if relaxed else " AND ").join(clauses)


def _ts_token(token):
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(query, relaxed=False):
    """A PostgreSQL ``to_tsquery('simple', …)`` expression with every lexeme quoted."""
    if query.prefix:
        return _ts_token(query.prefix) + ":*"
    clauses = []
    for clause in query.clauses:
        alternatives = ["(" + " & ".join(_ts_token(t) for t in alt) + ")" for alt in clause]
        clauses.append("(" + " | ".join(alternatives) + ")")
    return (" | " if relaxed else " & ").join(clauses)
