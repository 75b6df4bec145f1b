"""The values an embedded search passes between its steps: what it matches, and the rows it reads.

A ``Match`` is one search's question to the full-text index (the analysed query compiled for the
database, its filters, the index version it was asked of); the named tuples are the rows the
engine reads and ranks, so that no step reads a row by position.
"""

import dataclasses
from typing import NamedTuple

from search.query import AnalysedQuery


@dataclasses.dataclass
class Match:
    """One search's match set: the analysed query (every word, or any when ``relaxed``) under ``filters``."""

    query: AnalysedQuery
    expression: str  # the query compiled for the database: an FTS5 MATCH expression or a tsquery
    filters: dict
    version: str = ""  # the index version the search reads (None near a place: nothing is cached there)
    relaxed: bool = False
    ids: list | None = None  # the id of every match, once listed (None when the counts came from the cache)

    def key_parts(self):
        """What decides this match set and its ranking, for cache keys."""
        return (self.expression, sorted(self.filters.items()), self.query.bonus_text)


class Narrow(NamedTuple):
    """The columns of an entry a search reads besides its text (the narrow index)."""

    id: int
    doc_type: str
    category: str
    category_label: str
    community: str
    year: int | None
    title_norm: str
    boost: float


NARROW_COLUMNS = ", ".join(Narrow._fields)


class Candidate(NamedTuple):
    """A match ranked in Python (near a place, or a one-character query): its score and facet values."""

    id: int
    score: float
    doc_type: str
    category: str
    category_label: str
    community: str
    year: int | None
    title_norm: str
    boost: float
    distance: float | None = None

    @classmethod
    def of(cls, narrow, score, distance=None):
        return cls(narrow.id, score, *narrow[1:], distance)

    @property
    def combo(self):
        """(type, category, category label, community, year): the facet values, for counting."""
        return (self.doc_type, self.category, self.category_label, self.community, self.year)

    def passes(self, filters):
        return all(getattr(self, FILTER_ATTRIBUTES[key]) == value for key, value in filters.items())


FILTER_ATTRIBUTES = {"type": "doc_type", "category": "category", "community": "community", "year": "year"}


class Scored(NamedTuple):
    """A match scored by the database (bm25 or ts_rank), with what the re-ranking adds to it."""

    id: int
    score: float
    boost: float
    title_norm: str


class Ranked(NamedTuple):
    """A result in its final place: the entry, its score and its distance (near a place)."""

    id: int
    score: float
    distance: float | None = None
