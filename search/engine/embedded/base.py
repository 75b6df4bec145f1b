"""What the embedded engine does the same on every database: writing, counting, re-ranking, rendering.

The subclasses (``sqlite.py``, ``postgres.py``) say how their database lists, scores and reads
matches; everything else lives here once. A search's state travels in a ``Match`` (``match.py``).
"""

import bisect
import contextvars
import dataclasses
import datetime
import hashlib
import heapq
import json
import logging
import math
import threading
import uuid
from collections import Counter

from django.core.cache import cache
from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from search import analysis, registry
from search.engine import facetmap, fulltext
from search.engine.base import (
    RERANK_WINDOW,
    SearchEngine,
    facet_values,
    facets_from_combos,
    phrase_factor,
    total_from_combos,
)
from search.engine.embedded.match import Candidate, Match, Ranked, Scored
from search.highlight import mark, snippet
from search.models import IndexVersion, SearchEntry, Suggestion
from search.results import Hit, SearchResults
from search.suggest import Vocabulary, clean_prefix

logger = logging.getLogger(__name__)

TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0
ENTRY = fulltext.ENTRY_TABLE
FTS = fulltext.FTS_TABLE
VERSION = IndexVersion._meta.db_table
STAGING = "search_rebuild"  # the next index while a rebuild builds it
NARROW_INDEX = "search_entry_narrow"  # id, facet columns, boost, title_norm: see SearchEntry.Meta
RESULT_CACHE_SECONDS = 600  # a safety net: every write through the engine changes the version anyway
WRITE_BATCH = 500
RELAXED_TIER_LIMIT = 2000  # a relaxed query scores at most this many (the newest) of the tier that fills its window
# Counting from a sample (``_counted_ids``): an entry's bucket is its id modulo SAMPLE_BUCKETS, and
# the first FIRST_BUCKETS (a sixteenth of the index) tell about how many entries match.
SAMPLE_BUCKETS = fulltext.SAMPLE_BUCKETS
FIRST_BUCKETS = 4
FACET_MAP_MARGIN = datetime.timedelta(minutes=2)  # rows re-read before the last load (late commits)
# True while the server warms the engine: its searches compute every step instead of reading the
# results a previous run of the server left in the shared cache (which would leave the steps cold).
_warming = contextvars.ContextVar("search_warming", default=False)
ENTRY_FIELDS = [
    "doc_type",
    "model_label",
    "object_id",
    "title",
    "url",
    "summary",
    "body_text",
    "title_norm",
    "title_tokens",
    "body_tokens",
    "category",
    "category_label",
    "community",
    "year",
    "date",
    "lat",
    "lng",
    "boost",
    "checksum",
    "filter_tokens",
]


def entry_row(prepared, connection, now):
    """Column values (key, ENTRY_FIELDS in order, then indexed_at) for one PreparedDocument, tokens analysed."""
    title_tokens, body_tokens = prepared.tokens()
    values = {
        **{name: getattr(prepared, name) for name in ENTRY_FIELDS if hasattr(prepared, name)},
        "title_norm": prepared.title_norm[:300],
        "title_tokens": title_tokens,
        "body_tokens": body_tokens,
        "date": connection.ops.adapt_datefield_value(prepared.date),
        "filter_tokens": fulltext.filter_tokens(
            prepared.doc_type, prepared.category, prepared.community, prepared.year, prepared.lat, prepared.lng
        ),
    }
    return (prepared.key, *(values[name] for name in ENTRY_FIELDS), now)


ROW_COLUMNS = ", ".join(["key", *ENTRY_FIELDS, "indexed_at"])  # the columns of ``entry_row``
ROW_TITLE_TOKENS = 1 + ENTRY_FIELDS.index("title_tokens")


def insert_sql(upsert, table=ENTRY):
    columns = ROW_COLUMNS.split(", ")
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - constant names
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if upsert:
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        sql += f" ON CONFLICT (key) DO UPDATE SET {updates}"
    return sql


def estimate(count):
    """An estimated count, rounded to two significant figures (27,431 → 27,000; 16 stays 16)."""
    count = round(count)
    return round(count, 2 - len(str(count))) if count >= 100 else count


def title_or_body_weight(query, relaxed, title_norm):
    """TITLE_WEIGHT when the (normalised) title holds the query (every clause, or any when relaxed), else BODY_WEIGHT."""
    found = [
        any(all(token in title_norm for token in alternative) for alternative in clause) for clause in query.clauses
    ]
    return TITLE_WEIGHT if found and (any(found) if relaxed else all(found)) else BODY_WEIGHT


class EmbeddedEngine(SearchEngine):
    """Full-text search inside the site's database; ``EmbeddedEngine()`` gives the subclass for its database."""

    name = "embedded"
    vendor = None  # set by each subclass: the Django database vendor it serves
    _by_vendor = {}
    # Tuning (class attributes so that a test can change them on one engine)
    rerank_window = RERANK_WINDOW  # the first results re-ranked with the boost and the phrase bonus
    prefix_candidates = 500  # a one-character query ranks within this many documents (title matches first)
    count_exact_max = None  # past this many matches the counts come from a sample (None: always exact)
    sample_size = 400  # at least about this many matches in that sample
    phrase_function = "instr"  # the SQL function that finds a phrase in the body
    staging = STAGING  # the table a rebuild fills with the next index (``open_staging``)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.vendor:
            EmbeddedEngine._by_vendor[cls.vendor] = cls

    def __new__(cls, using="default"):
        if cls is EmbeddedEngine:
            vendor = connections[using].vendor
            if vendor not in cls._by_vendor:
                raise ValueError(f"the embedded search engine does not support {vendor}")
            cls = cls._by_vendor[vendor]
        return super().__new__(cls)

    def __init__(self, using="default"):
        self.using = using
        self._lock = threading.Lock()
        self._facet_maps = {}

    @property
    def connection(self):
        return connections[self.using]

    # -- what each database says ---------------------------------------------------------
    def compile(self, query, relaxed=False):
        """The database's full-text expression for ``query``."""
        raise NotImplementedError

    def match_ids(self, match):
        """Ids of every match, unordered, listed by the full-text index."""
        raise NotImplementedError

    def sample_ids(self, match, first, last):
        """Ids of the matches whose bucket (id modulo ``SAMPLE_BUCKETS``) is in ``first``..``last - 1``
        (only for an engine that sets ``count_exact_max``)."""
        raise NotImplementedError

    def filtered_ids(self, match):
        """Ids of the matches, at least of every one that passes ``match.filters``."""
        return self.match_ids(match)

    def top(self, match, limit, offset, total=0):
        """[Scored] of the best ``limit`` matches after ``offset``, best first."""
        raise NotImplementedError

    def scores_of(self, match, ids):
        """[(id, score)] of the matches ``ids``, scored as ``top`` orders every match."""
        raise NotImplementedError

    def newest_matches(self, query, in_title, limit):
        """Ids of the ``limit`` most recently indexed matches of ``query`` (in the title only, or anywhere)."""
        raise NotImplementedError

    def narrow_rows(self, ids):
        """[Narrow] of ``ids``, read without the text."""
        raise NotImplementedError

    def near_candidates(self, match, near):
        """[Candidate] of the matches within ``near``'s circle, with their distance."""
        raise NotImplementedError

    def facet_map_sql(self):
        """The statement that reads the facet map's columns of every entry."""
        return f"SELECT {facetmap.COLUMNS} FROM {ENTRY}"  # noqa: S608 - constant names

    def before_bulk_write(self, cursor):
        """Prepare the index for writing every entry again (a rebuild)."""

    def after_bulk_write(self, cursor):
        """Finish the index after ``before_bulk_write`` and the writes (inside the rebuild's transaction)."""

    def after_rebuild(self):
        """Clean up once the rebuild has committed."""

    def open_staging(self, cursor):
        """Create the empty table ``self.staging`` that a rebuild fills with the next index."""
        cursor.execute(f"DROP TABLE IF EXISTS {self.staging}")
        cursor.execute(f"CREATE TABLE {self.staging} AS SELECT {ROW_COLUMNS} FROM {ENTRY} WHERE 0 = 1")  # noqa: S608

    def finish_staging(self):
        """Complete the staging table once every document is in it, before the swap's transaction."""

    def close_staging(self, cursor):
        """Remove the staging table once the rebuild has swapped it in (or failed)."""
        cursor.execute(f"DROP TABLE IF EXISTS {self.staging}")

    # -- writing -------------------------------------------------------------------------
    def _now(self):
        return self.connection.ops.adapt_datetimefield_value(timezone.now())

    def _bump_version(self, cursor, new_generation=False):
        """Give the index a new version token (inside the writing transaction); a rebuild starts a new generation."""
        token = uuid.uuid4().hex
        step = 1 if new_generation else 0
        cursor.execute(
            f"UPDATE {VERSION} SET token = %s, generation = generation + %s WHERE id = 1",  # noqa: S608
            [token, step],
        )
        if cursor.rowcount == 0:
            cursor.execute(f"INSERT INTO {VERSION} (id, token, generation) VALUES (1, %s, %s)", [token, step])  # noqa: S608

    def version(self):
        """The current version token ('' before the first write)."""
        row = self._rows(f"SELECT token FROM {VERSION} WHERE id = 1", [])  # noqa: S608
        return row[0][0] if row else ""

    def index_bulk(self, documents):
        prepared = [d if isinstance(d, registry.PreparedDocument) else registry.prepare(d) for d in documents]
        prepared = list({p.key: p for p in prepared if p is not None}.values())
        if not prepared:
            return 0
        now = self._now()
        rows = [entry_row(p, self.connection, now) for p in prepared]
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            # One upsert per document in one transaction; SQLite's triggers keep FTS in step.
            cursor.executemany(insert_sql(upsert=True), rows)
            self._bump_version(cursor)
            vocabulary = Vocabulary()
            for p in prepared:
                vocabulary.add(p.title, 10 * p.boost, "title")
            self._store_suggestions(vocabulary, replace=False)
        return len(rows)

    def delete(self, key_or_obj):
        key = key_or_obj if isinstance(key_or_obj, str) else registry.entry_key(key_or_obj)
        with transaction.atomic(using=self.using):
            entries = SearchEntry.objects.using(self.using).filter(key=key)
            titles = list(entries.values_list("title", flat=True))
            entries.delete()
            for title in titles:
                if not SearchEntry.objects.using(self.using).filter(title=title).exists():
                    Suggestion.objects.using(self.using).filter(text=title, source="title").delete()
            with self.connection.cursor() as cursor:
                self._bump_version(cursor)

    def keys_containing(self, words):
        condition = Q()
        for word in {analysis.normalize(w) for w in words if w}:
            condition |= Q(title_norm__contains=word) | Q(body_text__icontains=word) | Q(summary__icontains=word)
        if not condition:
            return []
        entries = SearchEntry.objects.using(self.using).filter(condition).values_list("key", flat=True)
        return list(entries.iterator(chunk_size=2000))

    def update_suggestions(self, vocabulary):
        self._store_suggestions(vocabulary, replace=False)

    def vocabulary(self, limit):
        return list(Suggestion.objects.using(self.using).order_by("-weight").values_list("text", "weight")[:limit])

    @staticmethod
    def _suggestions(vocabulary):
        """The Suggestion rows of ``vocabulary`` (the pinyin of every word: seconds for a whole index)."""
        return [
            Suggestion(text=t, text_norm=n, pinyin=p, initials=i, weight=w, source=s)
            for t, n, p, i, w, s in vocabulary.rows()
        ]

    def _store_suggestions(self, vocabulary, replace):
        self._write_suggestions(self._suggestions(vocabulary), replace)

    def _write_suggestions(self, rows, replace):
        manager = Suggestion.objects.using(self.using)
        if replace:
            manager.all().delete()
            manager.bulk_create(rows, batch_size=500)
        elif rows:
            manager.bulk_create(
                rows,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["text"],
                update_fields=["text_norm", "pinyin", "initials", "weight", "source"],
            )

    def rebuild(self, progress=None):
        """Build the whole index beside the live one, then swap it in with one short transaction.

        Analysing the content (minutes at 100,000 documents) writes to the staging table
        ``search_rebuild`` in small transactions, so searches keep answering from the live index
        and editors' writes go through meanwhile. The swap then replaces the live rows by the
        staged ones in one transaction (readers see the old index until it commits), keeping what
        was written or deleted while the build ran, and starts a new index generation so that
        every process reads its facet map whole again.
        """
        started = timezone.now()
        keys_at_start = set(SearchEntry.objects.using(self.using).values_list("key", flat=True))
        with self.connection.cursor() as cursor:
            self.open_staging(cursor)
        try:
            vocabulary, count = self._stage(progress)
            vocabulary.add_terms()
            vocabulary.add_frequent_words()
            self.finish_staging()
            # Before the swap's transaction, which stays short: a process that reads the suggestions
            # meanwhile keeps what it read under the old index version only.
            suggestions = self._suggestions(vocabulary)
            with transaction.atomic(using=self.using):
                self._write_suggestions(suggestions, replace=True)
            with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
                self._swap(cursor, started, keys_at_start)
                self._bump_version(cursor, new_generation=True)
        finally:
            with self.connection.cursor() as cursor:
                self.close_staging(cursor)
        self.after_rebuild()
        return count

    def _stage(self, progress):
        """Analyse every public document into the staging table; returns (its Vocabulary, the count)."""
        vocabulary = Vocabulary()
        insert = insert_sql(upsert=False, table=self.staging)
        now = self._now()
        batch, seen = [], set()

        def write(rows):
            with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
                cursor.executemany(insert, rows)

        for prepared in registry.iter_prepared():
            if prepared.key in seen:
                continue
            seen.add(prepared.key)
            row = entry_row(prepared, self.connection, now)
            vocabulary.add_document(prepared, row[ROW_TITLE_TOKENS])
            batch.append(row)
            if len(batch) >= WRITE_BATCH:
                write(batch)
                batch = []
            if progress:
                progress(1)
        if batch:
            write(batch)
        return vocabulary, len(seen)

    def _swap(self, cursor, started, keys_at_start):
        """Replace the live entries by the staged ones, keeping what was written or deleted since ``started``."""
        since = self._carry_over(cursor, started, keys_at_start)
        self.before_bulk_write(cursor)
        cursor.execute(f"DELETE FROM {ENTRY} WHERE indexed_at < %s", [since])  # noqa: S608
        cursor.execute(f"INSERT INTO {ENTRY} ({ROW_COLUMNS}) SELECT {ROW_COLUMNS} FROM {self.staging}")  # noqa: S608
        self.after_bulk_write(cursor)

    def _carry_over(self, cursor, started, keys_at_start):
        """Drop from the staging table the entries written or deleted in the live one since ``started``
        (the live rows win); returns ``started`` as the database stores it."""
        since = self.connection.ops.adapt_datetimefield_value(started)
        cursor.execute(f"SELECT key FROM {ENTRY} WHERE indexed_at >= %s", [since])  # noqa: S608
        newer = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT key FROM {ENTRY}")  # noqa: S608
        deleted = keys_at_start - {row[0] for row in cursor.fetchall()}
        cursor.executemany(f"DELETE FROM {self.staging} WHERE key = %s", [[key] for key in newer | deleted])  # noqa: S608
        return since

    def indexed_checksums(self):
        return dict(SearchEntry.objects.using(self.using).values_list("key", "checksum"))

    # Searches answered at server start: a word, one character (the prefix path), several words with a
    # filter on a later page. Between them they take every step a resident's search takes.
    WARM_SEARCHES = (("服务", {}), ("社", {}), ("社区 办理", {"filters": {"type": "guide"}, "page": 2}))

    def warm(self):
        """Load what a first search would load: in the server before it forks its workers, and again in
        each worker before it accepts requests (``portal.gunicorn_conf``).

        The facet map (about 0.2 s for 100,000 entries; in a worker only what changed since the
        master read it), then a few searches: they take every step a resident's search takes
        (analysis, full-text and prefix queries, ranking, loading the hits, counts, promotions), so
        Django's compiled queries, Python's first-use caches and the database's pages of the index
        are ready. They compute every step even when the shared cache holds their results: a server
        restarted within the cache's lifetime (files or Redis outlive the process) used to find them
        there, skip every step, and leave each worker's first search to take them (82 ms p95 at
        100,000 documents, against 17 ms for other first-time queries). They record no statistics
        (the search view does that, not the engine); what they cache is what any search would cache.
        """
        self._facet_map(self.version())
        warming = _warming.set(True)
        try:
            for query, options in self.WARM_SEARCHES:
                self.search(query, **options)
        finally:
            _warming.reset(warming)

    def health(self):
        try:
            problems = fulltext.fulltext_problems(self.connection)
            documents = SearchEntry.objects.using(self.using).count()
        except DatabaseError as exc:
            return {"ok": False, "engine": self.name, "error": exc.__class__.__name__}
        return {
            "ok": not problems,
            "engine": self.name,
            "database": self.vendor,
            "documents": documents,
            "problems": problems,
        }

    # -- reading helpers -----------------------------------------------------------------
    def _rows(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _joined_ids(self, sql, params):
        """The ids listed by ``sql``, which selects them as one comma-separated string (or NULL)."""
        joined = self._rows(sql, params)[0][0]
        return json.loads(f"[{joined}]") if joined else []  # parses ten thousand ids twice as fast as split

    def _row_batches(self, sql, params, size=5000):
        """The rows of ``sql`` a batch at a time (for reading a whole table without holding it)."""
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield rows

    def _cache_key(self, kind, version, *parts):
        """A cache key for results that hold until the index changes (its version is part of the key)."""
        raw = "\x1f".join(map(str, parts))
        digest = hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()
        return f"search:{kind}:{self.vendor}:{self.connection.settings_dict.get('NAME')}:{version}:{digest}"

    def _cached(self, key):
        """The cached result under ``key`` (None when missing, and always while warming: see ``warm``)."""
        return None if _warming.get() else cache.get(key)

    def _facet_map(self, version):
        """The FacetMap of the whole index, kept up to date per index version.

        It is read whole once per process and after every rebuild (a new generation: the ids
        are new); when only the version changed, only the rows written since the last read (by
        ``indexed_at``, with a margin for late commits) are read again, so the first search
        after a write costs a few rows instead of the whole table. Ids of deleted rows may stay
        in the map: the full-text index never returns them.
        """
        with self._lock:
            state = self._facet_maps.get("state")
            if state is not None and state["version"] == version:
                return state["map"]
        started = timezone.now()
        rows = self._rows(f"SELECT token, generation FROM {VERSION} WHERE id = 1", [])  # noqa: S608
        token, generation = rows[0] if rows else ("", 0)
        if state is None or state["generation"] != generation:
            sql, params = self.facet_map_sql(), []
            facet_map = facetmap.FacetMap()
        else:
            since = self.connection.ops.adapt_datetimefield_value(state["since"])
            sql, params = f"SELECT {facetmap.COLUMNS} FROM {ENTRY} WHERE indexed_at >= %s", [since]  # noqa: S608
            facet_map = state["map"].copy()
        for batch in self._row_batches(sql, params):
            facet_map.update(batch)
        self._keep_facet_map(facet_map, token, generation, started - FACET_MAP_MARGIN)
        return facet_map

    def _keep_facet_map(self, facet_map, version, generation, since):
        with self._lock:
            self._facet_maps = {
                "state": {"version": version, "generation": generation, "since": since, "map": facet_map}
            }

    def _facet_map_of(self, ids, version):
        """The facet map, caught up with ``ids`` when some were committed after it was read."""
        facet_map = self._facet_map(version)
        if ids and max(ids) > facet_map.max_id:
            state = self._facet_maps["state"]
            facet_map = facet_map.copy()
            sql = f"SELECT {facetmap.COLUMNS} FROM {ENTRY} WHERE id > %s"  # noqa: S608
            for batch in self._row_batches(sql, [facet_map.max_id]):
                facet_map.update(batch)
            self._keep_facet_map(facet_map, state["version"], state["generation"], state["since"])
        return facet_map

    # -- searching -----------------------------------------------------------------------
    def _search(self, query, filters, facets, near, page, per_page):
        match = Match(query, self.compile(query), filters, self.version() if near is None else None)
        if query.prefix and near is None:
            return self._search_prefix(match, facets, page, per_page)
        while True:
            estimated = (False, False)
            if near is None:
                total, facet_counts, any_match, estimated = self._counts(match, facets)
                candidates = None
            else:
                candidates = self.near_candidates(match, near)
                combos = [(*combo, n) for combo, n in Counter(c.combo for c in candidates).items()]
                total, facet_counts = total_from_combos(combos, filters), facets_from_combos(combos, filters, facets)
                any_match = bool(combos)
            if any_match or match.relaxed or len(query.clauses) < 2:
                break
            # Nothing has every word: show what has some of them.
            match = dataclasses.replace(match, relaxed=True, expression=self.compile(query, relaxed=True), ids=None)
        results = SearchResults(
            query=query, total=total, page=page, per_page=per_page, facets=facet_counts, relaxed=match.relaxed
        )
        results.total_estimated, results.facets_estimated = estimated
        if total == 0 or (page > results.num_pages and not results.total_estimated):
            return results
        if candidates is None:
            ranked = self._ranked(match, page, per_page, total)
        else:
            ranked = self._ranked_near(match, candidates, page, per_page)
        results.hits = self._hits(query, ranked)
        return results

    def _counts(self, match, facets):
        """(total, facets, anything matched, (total estimated, facets estimated)) of a match set, cached
        per index version, query and filters.

        On a miss the full-text index lists the ids of every match (kept in ``match.ids``), and the
        per-version facet map counts them for every facet and the total. The result is cached
        under (database, index version, match expression, filters, facets, language), so paging
        or repeating a search never counts again until the index changes.

        Past ``count_exact_max`` matches an engine that must read a row for each match it lists
        (PostgreSQL: ``sample_ids``) counts a sample of them instead: every count is then the
        sample's divided by its share, rounded to two significant figures and shown as an
        estimate. A total under filters that is estimated below ``count_exact_max`` is counted
        exactly (``filtered_ids``), so a rare filter value is never estimated at nothing.
        """
        key = self._cache_key("tally", match.version, *match.key_parts(), facets, get_language())
        cached = self._cached(key)
        if cached is not None:
            return cached
        ids, share = self._counted_ids(match)
        match.ids = ids if share == 1 else None
        facet_map = self._facet_map_of(ids, match.version)
        total, tallies = facet_map.count(ids, match.filters, facets)
        estimated = (False, False)
        if share < 1:
            tallies = {facet: {v: estimate(n / share) for v, n in tally.items()} for facet, tally in tallies.items()}
            total, estimated = estimate(total / share), (True, True)
            if match.filters and total < self.count_exact_max:
                total, estimated = len(facet_map.filter(self.filtered_ids(match), match.filters)), (False, True)
        counts = (total, facet_values(tallies, facet_map.labels, match.filters, facets), bool(ids), estimated)
        cache.set(key, counts, RESULT_CACHE_SECONDS)
        return counts

    def _counted_ids(self, match):
        """(ids, their share of the matches): every match, or past ``count_exact_max`` a sample.

        The sample is the matches in the first buckets of ``SAMPLE_BUCKETS`` (an entry's bucket is
        its id modulo their number, so a sample is spread evenly over the whole index, old and new
        entries, every type, alike). The first ``FIRST_BUCKETS`` tell about how many match: up to
        ``count_exact_max`` every match is listed; past it those buckets are the sample, with more
        buckets added when they hold fewer than ``sample_size`` matches.
        """
        if self.count_exact_max is None:
            return self.match_ids(match), 1
        first = self.sample_ids(match, 0, FIRST_BUCKETS)
        about = len(first) * SAMPLE_BUCKETS / FIRST_BUCKETS
        if about <= self.count_exact_max:
            return self.match_ids(match), 1
        if len(first) >= self.sample_size:  # each statement reads the whole GIN posting list again
            return first, FIRST_BUCKETS / SAMPLE_BUCKETS
        buckets = min(SAMPLE_BUCKETS, max(FIRST_BUCKETS, math.ceil(SAMPLE_BUCKETS * self.sample_size / about)))
        if buckets == SAMPLE_BUCKETS:
            return self.match_ids(match), 1
        more = self.sample_ids(match, FIRST_BUCKETS, buckets) if buckets > FIRST_BUCKETS else []
        return first + more, buckets / SAMPLE_BUCKETS

    def _ranked(self, match, page, per_page, total):
        """[Ranked] for the requested page, best first: one order for every page.

        The best ``rerank_window`` matches are re-ranked with the document's boost and the
        exact-phrase bonus, and that window is kept in the cache until the index changes; every
        other match follows it in the database's order (``_after_window``), so no result repeats
        or goes missing where the window ends.
        """
        start, end = (page - 1) * per_page, page * per_page
        window = self._window(match, total)
        ranked = window[start:end]
        if end > len(window):
            ranked += self._after_window(match, window, max(start, len(window)) - len(window), end - len(window))
        return ranked

    def _window(self, match, total):
        """The re-ranked first ``rerank_window`` matches, cached per index version."""
        key = self._cache_key("window", match.version, *match.key_parts(), self.rerank_window)
        scored = self._cached(key)
        if scored is None:
            query, phrase = match.query, match.query.phrase
            if match.relaxed:
                rows, tier = self._relaxed_top(match)
            else:
                rows, tier = self.top(match, self.rerank_window, 0, total), {}
            in_body = self._phrase_in_body(query, [r.id for r in rows])
            scored = [
                Ranked(
                    r.id,
                    r.score * r.boost * phrase_factor(query, r.title_norm, phrase if r.id in in_body else "", phrase),
                )
                for r in rows
            ]
            scored.sort(key=lambda item: (tier.get(item.id, 0), -item.score, item.id))
            cache.set(key, scored, RESULT_CACHE_SECONDS)
        return scored

    def _relaxed_top(self, match):
        """([Scored], {id: tier}) of the best ``rerank_window`` matches of a relaxed query: rare words first.

        Nothing has every word, so bm25 would add up the few common words a document has (and
        weigh them eight times in a title) above the one rare word the resident meant. Matches
        are put in tiers instead: those with the rarest word first, among them those with the
        next rarest, and so on; the score orders each tier.
        """
        query, filters = match.query, match.filters
        found = []
        for clause in query.clauses:
            single = dataclasses.replace(query, clauses=[clause])
            ids = self.match_ids(Match(single, self.compile(single), filters, match.version))
            found.append(set(self._facet_map_of(ids, match.version).filter(ids, filters)))
        found = sorted((ids for ids in found if ids), key=len)  # the rarest word first
        tiers = {}
        for entry_id in set().union(*found):
            tiers.setdefault(tuple(entry_id not in ids for ids in found), []).append(entry_id)
        chosen, tier_of = [], {}
        for number, key in enumerate(sorted(tiers)):
            members = tiers[key]
            room = self.rerank_window - len(chosen)
            if len(members) > room:
                newest = heapq.nlargest(RELAXED_TIER_LIMIT, members)
                scores = sorted(self.scores_of(match, newest), key=lambda item: (-item[1], item[0]))
                members = [entry_id for entry_id, _score in scores[:room]]
            chosen += members
            tier_of.update(dict.fromkeys(members, number))
            if len(chosen) >= self.rerank_window:
                break
        scores = dict(self.scores_of(match, chosen))
        rows = [Scored(row.id, scores.get(row.id, 0.0), row.boost, row.title_norm) for row in self.narrow_rows(chosen)]
        return rows, tier_of

    def _after_window(self, match, window, first, last):
        """Positions ``first``..``last`` of the matches that are not in ``window``, in the database's order.

        The database orders every match by (score, id); the window's matches sit somewhere in that
        order (it may come from a bounded set), at most ``len(window)`` of them before any given
        row, so reading that many more rows and skipping the window's finds the exact slice.
        """
        in_window = {r.id for r in window}
        keys = sorted((score, -entry_id) for entry_id, score in self.scores_of(match, list(in_window)))
        ranked = []
        rows = self.top(match, last - first + len(window), first)
        for position, row in enumerate(rows, start=first):
            if row.id in in_window:
                continue
            # How many of the window's matches come before this row in the database's order.
            before = len(keys) - bisect.bisect_right(keys, (row.score, -row.id))
            if first <= position - before < last:
                ranked.append(Ranked(row.id, row.score * row.boost))
        return ranked

    def _ranked_near(self, match, candidates, page, per_page):
        kept = [c for c in candidates if c.passes(match.filters)]
        query = match.query
        if query.is_empty:
            kept.sort(key=lambda c: (c.distance, c.id))  # nearest first
            ranked = [Ranked(c.id, 0.0, c.distance) for c in kept]
        else:
            phrase = query.phrase
            in_body = self._phrase_in_body(query, [c.id for c in kept[: self.rerank_window]])
            ranked = [
                Ranked(
                    c.id,
                    float(c.score)
                    * c.boost
                    * phrase_factor(query, c.title_norm, phrase if c.id in in_body else "", phrase),
                    c.distance,
                )
                for c in kept
            ]
            ranked.sort(key=lambda item: (-item.score, item.distance))
        return ranked[(page - 1) * per_page : page * per_page]

    def _prefix_candidates(self, match):
        """([Candidate], capped) for a one-character query.

        A single character matches most of a large index (社 is in half of the documents), and
        counting and scoring all of them costs tens of milliseconds. The query is ranked within a
        bounded set instead: the most recently indexed ``prefix_candidates`` documents whose title
        has a word starting with the character, topped up with body matches when titles are fewer.
        ``capped`` when more documents match than were kept.
        """
        query, size = match.query, self.prefix_candidates
        key = self._cache_key("prefix", match.version, query.prefix, size)
        cached = self._cached(key)
        if cached is not None:
            return cached
        in_title = self.newest_matches(query, True, size + 1)
        ids = list(in_title)
        if len(ids) <= size:
            seen = set(ids)
            ids += [i for i in self.newest_matches(query, False, size + 1) if i not in seen]
        capped = len(ids) > size
        title_ids = set(in_title)
        candidates = [
            Candidate.of(row, TITLE_WEIGHT if row.id in title_ids else BODY_WEIGHT)
            for row in self.narrow_rows(ids[:size])
        ]
        cache.set(key, (candidates, capped), RESULT_CACHE_SECONDS)
        return candidates, capped

    def _search_prefix(self, match, facets, page, per_page):
        candidates, capped = self._prefix_candidates(match)
        combos = [(*combo, n) for combo, n in Counter(c.combo for c in candidates).items()]
        filters = match.filters
        results = SearchResults(
            query=match.query,
            total=total_from_combos(combos, filters),
            page=page,
            per_page=per_page,
            facets=facets_from_combos(combos, filters, facets),
        )
        results.capped = capped
        prefix = match.query.prefix
        # Titles that start with the character first, then by weight and boost, the newest first.
        ranked = sorted(
            (
                Ranked(c.id, c.score * c.boost * (2.0 if c.title_norm.startswith(prefix) else 1.0))
                for c in candidates
                if c.passes(filters)
            ),
            key=lambda item: (-item.score, -item.id),
        )
        results.hits = self._hits(match.query, ranked[(page - 1) * per_page : page * per_page])
        return results

    def _phrase_in_body(self, query, ids):
        if not query.phrase or not ids:
            return set()
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._rows(
            f"SELECT id FROM {ENTRY} WHERE id IN ({placeholders}) AND {self.phrase_function}(lower(body_text), %s) > 0",  # noqa: S608
            [*ids, query.phrase],
        )
        return {r[0] for r in rows}

    def _hits(self, query, ranked):
        entries = (
            SearchEntry.objects.using(self.using).defer("title_tokens", "body_tokens").in_bulk([r.id for r in ranked])
        )
        terms = query.tokens()
        hits = []
        for result in ranked:
            entry = entries.get(result.id)
            if entry is None:
                continue
            hits.append(
                Hit(
                    key=entry.key,
                    doc_type=entry.doc_type,
                    title=entry.title,
                    url=entry.url,
                    score=round(result.score, 4),
                    snippet=snippet(entry.body_text, entry.summary, terms),
                    title_html=mark(entry.title, terms),
                    summary=entry.summary,
                    date=entry.date,
                    category_label=entry.category_label,
                    community=entry.community,
                    distance_km=round(result.distance, 2) if result.distance is not None else None,
                )
            )
        return hits

    def suggest(self, prefix, limit=8):
        kind, text = clean_prefix(prefix)
        if not text:
            return []
        manager = Suggestion.objects.using(self.using)
        if kind == "pinyin":
            found = manager.filter(
                Q(pinyin__gte=text, pinyin__lt=text + "{") | Q(initials__gte=text, initials__lt=text + "{")
            )
        else:
            found = manager.filter(text_norm__gte=text, text_norm__lt=text + "\U0010ffff")
        rows = list(found.order_by("-weight").values_list("text", "text_norm", "pinyin", "initials", "weight")[:60])
        if len(rows) < limit and kind == "text":
            seen = {r[0] for r in rows}
            rows += [
                r
                for r in manager.filter(text_norm__contains=text)
                .order_by("-weight")
                .values_list("text", "text_norm", "pinyin", "initials", "weight")[:30]
                if r[0] not in seen
            ]

        def rank(row):
            text_norm, pinyin, initials = row[1], row[2], row[3]
            exact = text in (text_norm, pinyin, initials)
            starts = text_norm.startswith(text) or pinyin.startswith(text) or initials.startswith(text)
            return (not exact, not starts, -row[4], len(row[0]), row[0])

        return [row[0] for row in sorted(rows, key=rank)[:limit]]
