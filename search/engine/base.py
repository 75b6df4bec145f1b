"""The engine interface shared by the embedded and the Elasticsearch engines, and its value types."""

import functools
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from search import promotions, registry
from search.query import analyse_query
from search.results import PER_PAGE, FacetValue, SearchResults

FACETS = ("type", "category", "community", "year")
FILTER_FIELDS = {"type": "doc_type", "category": "category", "community": "community", "year": "year"}
MAX_PAGE = 1000
RERANK_WINDOW = 100
EARTH_RADIUS_KM = 6371.0088


class SearchUnavailable(Exception):  # noqa: N818 - the name says what a resident is told
    """The search service did not answer (down, slow or failing): answer from the fallback or with a 503."""


@dataclass
class DriftReport:
    """Differences between live public content and the index."""

    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    orphaned: list = field(default_factory=list)
    expected: int = 0
    indexed: int = 0

    @property
    def ok(self):
        return not (self.missing or self.stale or self.orphaned)


@dataclass
class Near:
    """A circle for geo filtering."""

    lat: float
    lng: float
    radius_km: float = 3.0

    def bbox(self):
        dlat = self.radius_km / 111.32
        dlng = self.radius_km / (111.32 * max(0.01, math.cos(math.radians(self.lat))))
        return self.lat - dlat, self.lat + dlat, self.lng - dlng, self.lng + dlng

    @functools.cached_property
    def _centre(self):
        """The centre's latitude in radians and its cosine (computed once: a search measures thousands of places)."""
        latitude = math.radians(self.lat)
        return latitude, math.cos(latitude)

    def distance_km(self, lat, lng):
        p1, cos_p1 = self._centre
        p2 = math.radians(lat)
        a = math.sin((p2 - p1) / 2) ** 2 + cos_p1 * math.cos(p2) * math.sin(math.radians(lng - self.lng) / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def clean_filters(filters):
    """Only known filter keys with non-empty values; year as int."""
    cleaned = {}
    for key, value in (filters or {}).items():
        if key in FILTER_FIELDS and value not in (None, ""):
            if key == "year":
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    continue
            cleaned[key] = value
    return cleaned


COMBO_COLUMNS = {"type": 0, "category": 1, "community": 3, "year": 4}


def _failed_filters(row, checks):
    return [key for key, column, value in checks if row[column] != value]


def facets_from_combos(combos, filters, wanted=FACETS):
    """Facet counts from (type, category, category_label, community, year, count) rows.

    Each facet counts the matches that satisfy every *other* active filter, so a resident sees
    how many results choosing another value would give.
    """
    checks = [(key, COMBO_COLUMNS[key], value) for key, value in filters.items()]
    tallies, labels = {}, {}
    for facet in wanted:
        column = COMBO_COLUMNS[facet]
        other = [(c, v) for key, c, v in checks if key != facet]
        if not other:
            rows = combos
        elif len(other) == 1:
            ((c0, v0),) = other
            rows = [row for row in combos if row[c0] == v0]
        else:
            rows = [row for row in combos if all(row[c] == v for c, v in other)]
        tally = defaultdict(int)
        for row in rows:
            tally[row[column]] += row[5]
        tallies[facet] = tally
        if facet == "category":
            labels = {row[1]: row[2] or row[1] for row in rows if row[1] in tally}
    return facet_values(tallies, labels, filters, wanted)


def facet_values(tallies, labels, filters, wanted=FACETS):
    """{facet: [FacetValue]} from {facet: {value: count}} and {category: label}, in display order.

    Empty values (no category, no community, no year) are not offered.
    """
    result = {}
    for facet in wanted:
        values = []
        for value, count in tallies.get(facet, {}).items():
            if value in (None, "") or not count:
                continue
            if facet == "type":
                label = str(registry.TYPES.get(value, value))
            elif facet == "category":
                label = labels.get(value) or value
            else:
                label = str(value)
            values.append(FacetValue(str(value), label, count, str(filters.get(facet, "")) == str(value)))
        if facet == "type":
            order = list(registry.TYPES)
            values.sort(key=lambda v: order.index(v.value) if v.value in order else 99)
        elif facet == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        result[facet] = values
    return result


def total_from_combos(combos, filters):
    checks = [(key, COMBO_COLUMNS[key], value) for key, value in filters.items()]
    return sum(row[5] for row in combos if not (checks and _failed_filters(row, checks)))


def phrase_factor(query, title_norm, body_norm, phrase=None):
    """Bonus for the query found as one unbroken run: in the title most, in the body less.

    ``phrase`` may pass ``query.phrase`` computed once when scoring many documents.
    """
    phrase = query.phrase if phrase is None else phrase
    compact = phrase or query.bonus_text
    factor = 1.0
    if compact and len(compact) >= 2:
        if compact in (title_norm or ""):
            factor += 1.0
            if compact == title_norm:
                factor += 0.5
        if phrase and phrase in (body_norm or ""):
            factor += 0.5
    return factor


class SearchEngine:
    """One interface for every engine: index, index_bulk, delete, search, suggest, rebuild, check, health."""

    name = "base"

    # -- writing -------------------------------------------------------------------------
    def index(self, obj):
        """Index ``obj`` if it is registered and public, else remove it. Returns True when indexed."""
        prepared = registry.prepare(obj)
        if prepared is None:
            if registry.document_for(obj) is not None:
                self.delete(registry.entry_key(obj))
            return False
        self.index_bulk([prepared])
        return True

    def index_bulk(self, documents):
        """Store PreparedDocuments (or objects, which are prepared first); returns how many were written."""
        raise NotImplementedError

    def delete(self, key_or_obj):
        """Remove one document by key or object."""
        raise NotImplementedError

    # -- reading -------------------------------------------------------------------------
    def search(self, query, filters=None, facets=FACETS, near=None, page=1, per_page=PER_PAGE):
        """Search analysed ``query`` (a string); returns SearchResults. Never raises on user input."""
        started = time.perf_counter()
        analysed = analyse_query(query)
        filters = clean_filters(filters)
        page = min(max(1, int(page or 1)), MAX_PAGE)
        if analysed.is_empty and near is None:
            results = SearchResults(query=analysed, page=page, per_page=per_page)
        else:
            results = self._search(analysed, filters, tuple(facets or ()), near, page, per_page)
        if not filters and near is None:
            promotions.apply(results, analysed.text)
        results.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return results

    def _search(self, query, filters, facets, near, page, per_page):
        raise NotImplementedError

    def suggest(self, prefix, limit=8):
        """Phrases that complete ``prefix`` (Chinese, full pinyin or initials)."""
        raise NotImplementedError

    # -- maintenance ---------------------------------------------------------------------
    def rebuild(self, progress=None):
        """Re-index every public object atomically; returns the number indexed."""
        raise NotImplementedError

    def check(self):
        """Compare live public content with the index; returns a DriftReport."""
        expected = {doc.key: doc.checksum for doc in registry.iter_prepared()}
        indexed = self.indexed_checksums()
        return DriftReport(
            missing=sorted(set(expected) - set(indexed)),
            stale=sorted(k for k in expected.keys() & indexed.keys() if expected[k] != indexed[k]),
            orphaned=sorted(set(indexed) - set(expected)),
            expected=len(expected),
            indexed=len(indexed),
        )

    def keys_containing(self, words):
        """Keys of every indexed document whose text contains any of ``words`` (for dictionary changes)."""
        raise NotImplementedError

    def vocabulary(self, limit):
        """[(text, weight)] of the heaviest phrases offered while typing (titles, terms, synonyms, frequent words).

        Typo correction (``search.correct``) matches a query's pinyin against them.
        """
        raise NotImplementedError

    def update_suggestions(self, vocabulary):
        """Add or update the suggestions of a Vocabulary without removing others."""
        raise NotImplementedError

    def indexed_checksums(self):
        """{key: checksum} of everything in the index."""
        raise NotImplementedError

    def warm(self):
        """Load what the first search would otherwise load (called once per server, before forking)."""

    def health(self):
        """{"ok": bool, "engine": name, ...} for /healthz."""
        raise NotImplementedError
