"""The embedded engine: the index lives in the site's own database, transactional with content.

SQLite: FTS5 over analysed tokens, ranked by bm25 with the title weighted above the body.
PostgreSQL: a ``simple`` tsvector with a GIN index, ranked by ts_rank with the same weighting.
Both add a bonus when the query appears as one unbroken phrase, then load only one page of rows.
"""

import datetime
import hashlib
import heapq
import json
import logging
import threading
import uuid
from collections import Counter

from django.core.cache import cache
from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from search import analysis, registry
from search import query as query_compiler
from search.engine import facetmap, fulltext
from search.engine.base import (
    FILTER_FIELDS,
    RERANK_WINDOW,
    Hit,
    SearchEngine,
    SearchResults,
    facet_values,
    facets_from_combos,
    phrase_factor,
    total_from_combos,
)
from search.highlight import mark, snippet
from search.models import IndexVersion, SearchEntry, Suggestion
from search.suggest import Vocabulary, clean_prefix

logger = logging.getLogger(__name__)

TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0
ENTRY = fulltext.ENTRY_TABLE
FTS = fulltext.FTS_TABLE
VERSION = IndexVersion._meta.db_table
NARROW_INDEX = "search_entry_narrow"  # id, facet columns, boost, title_norm: see SearchEntry.Meta
RESULT_CACHE_SECONDS = 600  # a safety net: every write through the engine changes the version anyway
WRITE_BATCH = 500
TITLE_TIER_MIN = 2000  # matches from which the first window may come from title matches alone
PG_RANK_ALL = 1000  # PostgreSQL: past this many matches the first window ranks a bounded set (see _top_postgres)
MAX_NEAR_CELLS = 400  # a search near a place narrows by grid cell up to this many (a radius of about 10 km)
PREFIX_CANDIDATES = 500  # a one-character query ranks within this many documents (title matches first)
FACET_MAP_MARGIN = datetime.timedelta(minutes=2)  # rows re-read before the last load (late commits)
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
    """Column values (in ENTRY_FIELDS order, then indexed_at) for one PreparedDocument, tokens analysed."""
    title_tokens, body_tokens = prepared.tokens()
    ops = connection.ops
    return (
        prepared.doc_type,
        prepared.model_label,
        prepared.object_id,
        prepared.title,
        prepared.url,
        prepared.summary,
        prepared.body_text,
        prepared.title_norm[:300],
        title_tokens,
        body_tokens,
        prepared.category,
        prepared.category_label,
        prepared.community,
        prepared.year,
        ops.adapt_datefield_value(prepared.date),
        prepared.lat,
        prepared.lng,
        prepared.boost,
        prepared.checksum,
        fulltext.filter_tokens(
            prepared.doc_type, prepared.category, prepared.community, prepared.year, prepared.lat, prepared.lng
        ),
        now,
    )


def _insert_sql(upsert):
    columns = ["key", *ENTRY_FIELDS, "indexed_at"]
    sql = (
        f"INSERT INTO {ENTRY} ({', '.join(columns)}) "  # noqa: S608 - constant names
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if upsert:
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        sql += f" ON CONFLICT (key) DO UPDATE SET {updates}"
    return sql


def _title_or_body_weight(query, relaxed, title_norm):
    """TITLE_WEIGHT when the (normalised) title holds the query (every clause, or any when relaxed), else BODY_WEIGHT."""
    found = [
        any(all(token in title_norm for token in alternative) for alternative in clause) for clause in query.clauses
    ]
    return TITLE_WEIGHT if found and (any(found) if relaxed else all(found)) else BODY_WEIGHT


class EmbeddedEngine(SearchEngine):
    """Full-text search inside the site's database (SQLite FTS5 or PostgreSQL tsvector)."""

    name = "embedded"

    def __init__(self, using="default"):
        self.using = using
        self._lock = threading.Lock()
        self._facet_maps = {}

    @property
    def connection(self):
        return connections[self.using]

    @property
    def vendor(self):
        return self.connection.vendor

    # -- writing -------------------------------------------------------------------------
    def _now(self):
        return self.connection.ops.adapt_datetimefield_value(timezone.now())

    def _bump_version(self, cursor):
        """Give the index a new version token (inside the writing transaction)."""
        token = uuid.uuid4().hex
        cursor.execute(f"UPDATE {VERSION} SET token = %s WHERE id = 1", [token])  # noqa: S608
        if cursor.rowcount == 0:
            cursor.execute(f"INSERT INTO {VERSION} (id, token) VALUES (1, %s)", [token])  # noqa: S608

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
        rows = [(p.key, *entry_row(p, self.connection, now)) for p in prepared]
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            # One upsert per document in one transaction; SQLite's triggers keep FTS in step.
            cursor.executemany(_insert_sql(upsert=True), rows)
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

    def keys_containing(self, words, limit=2000):
        condition = Q()
        for word in {analysis.normalize(w) for w in words if w}:
            condition |= Q(title_norm__contains=word) | Q(body_text__icontains=word) | Q(summary__icontains=word)
        if not condition:
            return []
        return list(SearchEntry.objects.using(self.using).filter(condition).values_list("key", flat=True)[:limit])

    def update_suggestions(self, vocabulary):
        self._store_suggestions(vocabulary, replace=False)

    def _store_suggestions(self, vocabulary, replace):
        rows = [
            Suggestion(text=t, text_norm=n, pinyin=p, initials=i, weight=w, source=s)
            for t, n, p, i, w, s in vocabulary.rows()
        ]
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
        """Replace the whole index in one transaction: readers see the old index until it commits.

        Rows are written with executemany in batches (no model instances); on SQLite without the
        per-row triggers, followed by one FTS rebuild, which is much faster.
        """
        vocabulary = Vocabulary()
        count = 0
        insert = _insert_sql(upsert=False)
        now = self._now()
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            if self.vendor == "sqlite":
                for name in fulltext.SQLITE_TRIGGERS:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DELETE FROM {ENTRY}")  # noqa: S608 - constant table name
            batch, seen = [], set()
            for prepared in registry.iter_prepared():
                if prepared.key in seen:
                    continue
                seen.add(prepared.key)
                row = (prepared.key, *entry_row(prepared, self.connection, now))
                vocabulary.add_document(prepared, row[10])
                batch.append(row)
                count += 1
                if len(batch) >= WRITE_BATCH:
                    cursor.executemany(insert, batch)
                    batch = []
                if progress:
                    progress(1)
            if batch:
                cursor.executemany(insert, batch)
            if self.vendor == "sqlite":
                for sql in fulltext.SQLITE_TRIGGER_SQL:
                    cursor.execute(sql)
                cursor.execute(fulltext.SQLITE_REBUILD)
            self._bump_version(cursor)
            vocabulary.add_terms()
            vocabulary.add_frequent_words()
            self._store_suggestions(vocabulary, replace=True)
        if self.vendor == "postgresql" and not self.connection.in_atomic_block:
            # The old rows are dead tuples and the GIN indexes hold a pending list: clean both and
            # give the planner fresh statistics, or the first searches read twice the table.
            with self.connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {ENTRY}")  # noqa: S608 - constant table name
        return count

    def indexed_checksums(self):
        return dict(SearchEntry.objects.using(self.using).values_list("key", "checksum"))

    def warm(self):
        """Read the facet map (about 0.1 s for 100,000 entries) so that no resident's search waits for it."""
        self._facet_map(self.version())

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

    # -- reading -------------------------------------------------------------------------
    def _match(self, query, relaxed):
        """(FROM … WHERE … SQL, params, score SQL) selecting the entries that match ``query``.

        On SQLite the entry table is read through the narrow covering index of facet columns.
        """
        if query.is_empty:
            return f"FROM {ENTRY} e WHERE e.lat IS NOT NULL", [], "0.0"
        if self.vendor == "postgresql":
            return (
                f"FROM {ENTRY} e CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q",
                [query_compiler.to_tsquery(query, relaxed)],
                "ts_rank('{0.1, 0.2, 0.1, 1.0}', e.search_vector, q, 1)",
            )
        return (
            f"FROM {FTS} JOIN {ENTRY} e INDEXED BY {NARROW_INDEX} ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s",
            [query_compiler.to_fts5(query, relaxed)],
            f"-bm25({FTS}, {TITLE_WEIGHT}, {BODY_WEIGHT}, 0.0)",  # filter tokens weigh nothing
        )

    @staticmethod
    def _filter_sql(filters, near):
        sql, params = [], []
        for key, value in filters.items():
            sql.append(f"e.{FILTER_FIELDS[key]} = %s")
            params.append(value)
        if near is not None:
            south, north, west, east = near.bbox()
            sql.append("e.lat BETWEEN %s AND %s AND e.lng BETWEEN %s AND %s")
            params += [south, north, west, east]
        return "".join(f" AND {s}" for s in sql), params

    def _rows(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _narrow_rows(self, ids):
        """[(id, type, category, category label, community, year, title_norm, boost)] of ``ids``.

        Read from the narrow index alone (on SQLite the columns after the text sit on overflow pages).
        """
        if not ids:
            return []
        columns = "id, doc_type, category, category_label, community, year, title_norm, boost"
        if self.vendor == "sqlite":
            sql = (
                f"SELECT {columns} FROM {ENTRY} INDEXED BY {NARROW_INDEX} WHERE id IN (SELECT value FROM json_each(%s))"  # noqa: S608
            )
            return self._rows(sql, [json.dumps(list(ids))])
        return self._rows(f"SELECT {columns} FROM {ENTRY} WHERE id = ANY(%s)", [list(ids)])  # noqa: S608

    def _newest_matches(self, query, in_title, limit):
        """Ids of the ``limit`` most recently indexed matches of ``query`` (in the title only, or anywhere)."""
        if self.vendor == "postgresql":
            # The newest picked here: with ORDER BY id DESC LIMIT the planner walks the primary key
            # backwards and tests each row's tsvector, reading thousands of rows for a rare word.
            column = "title_vector" if in_title else "search_vector"
            return heapq.nlargest(limit, self._ids_where(column, query_compiler.to_tsquery(query)))
        expression = query_compiler.to_fts5(query)
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rowid DESC LIMIT %s"  # noqa: S608
        params = [f"title_tokens : ({expression})" if in_title else expression, limit]
        return [row[0] for row in self._rows(sql, params)]

    def _ids_where(self, column, tsquery):
        """PostgreSQL: the ids of the entries whose ``column`` (a tsvector) matches ``tsquery``, from its GIN index."""
        sql = f"SELECT string_agg(id::text, ',') FROM {ENTRY} WHERE {column} @@ to_tsquery('simple', %s)"  # noqa: S608
        return self._joined_ids(sql, [tsquery])

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

    def _facet_map(self, version):
        """The FacetMap of the whole index, kept up to date per index version.

        It is read whole once per process; when the index version changes only the rows written
        since the last read (by ``indexed_at``, with a margin for late commits) are read again, so
        the first search after a write costs a few rows instead of the whole table. Ids of
        deleted rows may stay in the map: the full-text index never returns them.
        """
        with self._lock:
            state = self._facet_maps.get("state")
            if state is not None and state["version"] == version:
                return state["map"]
        started = timezone.now()
        if state is None:
            hint = f" INDEXED BY {NARROW_INDEX}" if self.vendor == "sqlite" else ""
            sql, params = f"SELECT {facetmap.COLUMNS} FROM {ENTRY}{hint}", []  # noqa: S608 - constant names
            facet_map = facetmap.FacetMap()
        else:
            since = self.connection.ops.adapt_datetimefield_value(state["since"])
            sql, params = f"SELECT {facetmap.COLUMNS} FROM {ENTRY} WHERE indexed_at >= %s", [since]  # noqa: S608
            facet_map = state["map"].copy()
        for rows in self._row_batches(sql, params):
            facet_map.update(rows)
        with self._lock:
            self._facet_maps = {"state": {"version": version, "since": started - FACET_MAP_MARGIN, "map": facet_map}}
        return facet_map

    def _match_ids(self, query, relaxed, match_sql, match_params):
        """Ids of every match, unordered: on SQLite from the full-text index alone, as one string."""
        if self.vendor == "sqlite" and not query.is_empty:
            sql = f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608
            params = [query_compiler.to_fts5(query, relaxed)]
        elif self.vendor == "postgresql":
            sql, params = f"SELECT string_agg(e.id::text, ',') {match_sql}", match_params
        else:
            sql, params = f"SELECT group_concat(e.id) {match_sql}", match_params
        return self._joined_ids(sql, params)

    def _match_ids_near(self, query, relaxed, bbox):
        """SQLite: ids of the matches in the grid cells overlapping ``bbox`` (every match when they are too many)."""
        cells = fulltext.geo_cell_tokens(*bbox)
        if len(cells) > MAX_NEAR_CELLS:
            return self._match_ids(query, relaxed, "", [])
        expression = f"({query_compiler.to_fts5(query, relaxed)}) AND filter_tokens : ({' OR '.join(cells)})"
        return self._joined_ids(f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s", [expression])  # noqa: S608

    def _counts(self, query, relaxed, match_sql, match_params, version, filters, facets):
        """(total, facets, anything matched, match ids) of a match set, cached per index version, query and filters.

        The match ids are None when the counts came from the cache.

        On a miss the full-text index lists the ids of every match (on SQLite without reading a
        row), and the per-version facet map counts them for every facet and the total. The result
        is cached under (database, index version, match expression, filters, facets, language),
        so paging or repeating a search never counts again until the index changes.
        """
        key = self._cache_key(
            "counts", version, match_sql, *match_params, sorted(filters.items()), facets, get_language()
        )
        cached = cache.get(key)
        if cached is not None:
            return (*cached, None)
        facet_map = self._facet_map(version)
        ids = self._match_ids(query, relaxed, match_sql, match_params)
        total, tallies = facet_map.count(ids, filters, facets)
        counts = (total, facet_values(tallies, facet_map.labels, filters, facets), bool(ids))
        cache.set(key, counts, RESULT_CACHE_SECONDS)
        return (*counts, ids)

    def _search(self, query, filters, facets, near, page, per_page):
        if self.vendor != "postgresql":
            return self._search_in(query, filters, facets, near, page, per_page)
        # PostgreSQL's planner does not count the cost of reading each match's TOASTed tsvector:
        # for a word in a quarter of the documents it picks a sequential scan that reads every
        # tsvector (0.7 s at 100,000 documents) over the GIN index (40 ms). Searches run with
        # sequential scans off, for their own statements only.
        # (If the search fails, rolling back its savepoint restores the setting too.)
        with transaction.atomic(using=self.using):
            previous = self._rows(
                "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)", []
            )
            results = self._search_in(query, filters, facets, near, page, per_page)
            self._rows("SELECT set_config('enable_seqscan', %s, true)", [previous[0][0]])
        return results

    def _search_in(self, query, filters, facets, near, page, per_page):
        relaxed = False
        version = self.version() if near is None else None
        if query.prefix and near is None:
            return self._search_prefix(query, filters, facets, page, per_page, version)
        while True:
            match_sql, match_params, score_sql = self._match(query, relaxed)
            if near is None:
                total, facet_counts, any_match, match_ids = self._counts(
                    query, relaxed, match_sql, match_params, version, filters, facets
                )
                candidates = None
            else:
                candidates, combos = self._near_candidates(query, relaxed, match_sql, match_params, score_sql, near)
                total, facet_counts = total_from_combos(combos, filters), facets_from_combos(combos, filters, facets)
                any_match = bool(combos)
            if any_match or relaxed or len(query.clauses) < 2:
                break
            relaxed = True  # nothing has every word: show what has some of them
        results = SearchResults(
            query=query, total=total, page=page, per_page=per_page, facets=facet_counts, relaxed=relaxed
        )
        if total == 0 or page > results.num_pages:
            return results
        if candidates is None:
            ranked = self._ranked(
                query, relaxed, match_sql, match_params, score_sql, filters, page, per_page, version, total, match_ids
            )
        else:
            ranked = self._ranked_near(query, candidates, filters, page, per_page)
        results.hits = self._hits(query, ranked)
        return results

    def _near_candidates(self, query, relaxed, match_sql, match_params, score_sql, near):
        """Matches within ``near``'s circle with their scores, and their facet combos.

        A candidate is (id, score, type, category, category label, community, year, lat, lng,
        title_norm, boost, distance in km).
        """
        if self.vendor == "sqlite":
            candidates = self._near_rows_sqlite(query, relaxed, near)
        else:
            filter_sql, filter_params = self._filter_sql({}, near)
            columns = "e.id, {score}, e.doc_type, e.category, e.category_label, e.community, e.year, e.lat, e.lng, e.title_norm, e.boost"
            rows = self._rows(
                f"SELECT {columns.format(score=score_sql)} {match_sql}{filter_sql}",  # noqa: S608
                match_params + filter_params,
            )
            candidates = [
                (*row, distance) for row in rows if (distance := near.distance_km(row[7], row[8])) <= near.radius_km
            ]
        combos = Counter(c[2:7] for c in candidates)
        return candidates, [(*combo, n) for combo, n in combos.items()]

    def _near_rows_sqlite(self, query, relaxed, near):
        """Candidates (see ``_near_candidates``) of a search near a place, on SQLite.

        The places in the circle come from the geo index (id, lat, lng only); the ids of the
        matches from the full-text index alone; the rest of the few that are both from the narrow
        index. So no row of text is read, and nothing is scored but the matches in the circle:
        by where the query matches (title above body), and later the boost and the phrase bonus.
        """
        south, north, west, east = near.bbox()
        places = {
            row[0]: (*row[1:], distance)
            for row in self._rows(
                f"SELECT id, lat, lng FROM {ENTRY} INDEXED BY search_entry_geo "  # noqa: S608
                "WHERE lat BETWEEN %s AND %s AND lng BETWEEN %s AND %s",
                [south, north, west, east],
            )
            if (distance := near.distance_km(row[1], row[2])) <= near.radius_km
        }
        ids = places.keys()
        if not query.is_empty and ids:
            ids = ids & set(self._match_ids_near(query, relaxed, (south, north, west, east)))
        if not ids:
            return []
        rows = self._narrow_rows(sorted(ids))
        return [
            (
                row[0],
                0.0 if query.is_empty else _title_or_body_weight(query, relaxed, row[6]),
                *row[1:6],
                *places[row[0]][:2],
                row[6],
                row[7],
                places[row[0]][2],
            )
            for row in rows
        ]

    def _prefix_candidates(self, query, version):
        """[(id, score, type, category, category label, community, year, title_norm, boost)] for a one-character query.

        A single character matches most of a large index (社 is in half of the documents), and
        counting and scoring all of them costs tens of milliseconds. The query is ranked within a
        bounded set instead: the most recently indexed PREFIX_CANDIDATES documents whose title has
        a word starting with the character, topped up with body matches when titles are fewer.
        Returns (candidates, capped): ``capped`` when more documents match than were kept.
        """
        key = self._cache_key("prefix", version, query.prefix, PREFIX_CANDIDATES)
        cached = cache.get(key)
        if cached is not None:
            return cached
        limit = PREFIX_CANDIDATES + 1
        in_title = self._newest_matches(query, True, limit)
        ids = list(in_title)
        if len(ids) < limit:
            seen = set(ids)
            ids += [i for i in self._newest_matches(query, False, limit) if i not in seen]
        capped = len(ids) > PREFIX_CANDIDATES
        ids = ids[:PREFIX_CANDIDATES]
        title_ids = set(in_title)
        rows = self._narrow_rows(ids)
        candidates = [(r[0], TITLE_WEIGHT if r[0] in title_ids else BODY_WEIGHT, *r[1:]) for r in rows]
        cache.set(key, (candidates, capped), RESULT_CACHE_SECONDS)
        return candidates, capped

    def _search_prefix(self, query, filters, facets, page, per_page, version):
        candidates, capped = self._prefix_candidates(query, version)
        combos = Counter(c[2:7] for c in candidates)
        combos = [(*combo, n) for combo, n in combos.items()]
        results = SearchResults(
            query=query,
            total=total_from_combos(combos, filters),
            page=page,
            per_page=per_page,
            facets=facets_from_combos(combos, filters, facets),
        )
        results.capped = capped
        columns = {"type": 2, "category": 3, "community": 5, "year": 6}
        kept = [c for c in candidates if all(c[columns[k]] == v for k, v in filters.items())]
        # Titles that start with the character first, then by weight and boost, the newest first.
        ranked = sorted(
            ((c[0], c[1] * c[8] * (2.0 if c[7].startswith(query.prefix) else 1.0), None) for c in kept),
            key=lambda item: (-item[1], -item[0]),
        )
        results.hits = self._hits(query, ranked[(page - 1) * per_page : page * per_page])
        return results

    def _top(self, query, relaxed, match_sql, match_params, score_sql, filters, limit, offset, total=0, match_ids=None):
        """[(entry id, score, boost, title_norm)] of the best ``limit`` matches after ``offset``.

        On SQLite the ranking runs on the FTS table alone: filters are tokens of its
        ``filter_tokens`` column, so bm25 scores only the matches that pass them. bm25 has to score
        every such match, so for a very common word (``total`` ≥ TITLE_TIER_MIN) the first window
        is taken from the documents whose *title* matches the whole query, ranked by bm25, when
        there are enough of them: with the title weighted 8 to 1 these outrank body-only matches
        anyway, and scoring a few hundred titles is much cheaper than thousands of bodies.
        """
        if self.vendor == "sqlite":
            expression = query_compiler.to_fts5(query, relaxed)
            narrowing = "".join(
                f' AND filter_tokens : "{fulltext.filter_token(key, value)}"' for key, value in sorted(filters.items())
            )
            select = (
                f"SELECT rowid, {score_sql} AS score FROM {FTS} WHERE {FTS} MATCH %s "  # noqa: S608
                "ORDER BY score DESC, rowid LIMIT %s OFFSET %s"
            )
            rows = []
            if offset == 0 and total >= TITLE_TIER_MIN:
                rows = self._rows(select, [f"(title_tokens : ({expression})){narrowing}", limit, 0])
            if len(rows) < limit:
                rows = self._rows(select, [f"({expression}){narrowing}", limit, offset])
            extra = {r[0]: (r[7], r[6]) for r in self._narrow_rows([r[0] for r in rows])}
            return [(r[0], float(r[1]), *extra.get(r[0], (1.0, ""))) for r in rows]
        return self._top_postgres(
            query, relaxed, match_sql, match_params, score_sql, filters, limit, offset, total, match_ids
        )

    def _top_postgres(
        self, query, relaxed, match_sql, match_params, score_sql, filters, limit, offset, total, match_ids
    ):
        """``_top`` on PostgreSQL, where ts_rank reads each match's whole (TOASTed) tsvector.

        Past PG_RANK_ALL matches the first window is ranked within a bounded set: the PG_RANK_ALL
        newest documents whose title matches and the PG_RANK_ALL newest matches (with the title
        weighted above the body, title matches rank first anyway). The ids come from the GIN
        indexes and the facet map, so no tsvector is read but those of the set. Later pages, and
        smaller match sets, rank every match.
        """
        score_select = f"SELECT e.id, {score_sql} AS score, e.boost, e.title_norm FROM {ENTRY} e "  # noqa: S608
        if offset == 0 and total > PG_RANK_ALL:
            if match_ids is None:
                match_ids = self._match_ids(query, relaxed, match_sql, match_params)
            facet_map = self._facet_map(self.version())
            in_title = facet_map.filter(self._ids_where("title_vector", match_params[0]), filters)
            ids = set(heapq.nlargest(PG_RANK_ALL, in_title))
            ids.update(heapq.nlargest(PG_RANK_ALL, facet_map.filter(match_ids, filters)))
            rows = self._rows(
                f"{score_select}CROSS JOIN to_tsquery('simple', %s) q WHERE e.id = ANY(%s) "
                "ORDER BY score DESC, e.id LIMIT %s",
                [*match_params, sorted(ids), limit],
            )
        else:
            filter_sql, filter_params = self._filter_sql(filters, None)
            rows = self._rows(
                f"{score_select}CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q{filter_sql} "
                "ORDER BY score DESC, e.id LIMIT %s OFFSET %s",
                [*match_params, *filter_params, limit, offset],
            )
        return [(r[0], float(r[1]), r[2], r[3]) for r in rows]

    def _ranked(
        self, query, relaxed, match_sql, match_params, score_sql, filters, page, per_page, version, total, match_ids
    ):
        """[(entry id, score, distance)] for the requested page, best first.

        The first pages re-rank the best RERANK_WINDOW matches with the document's boost and the
        exact-phrase bonus, and keep that window in the cache until the index changes; later pages
        keep the engine's order.
        """
        start, end = (page - 1) * per_page, page * per_page
        if end > RERANK_WINDOW:
            rows = self._top(query, relaxed, match_sql, match_params, score_sql, filters, per_page, start)
            return [(r[0], r[1] * r[2], None) for r in rows]
        phrase = query.phrase
        key = self._cache_key("window", version, match_sql, *match_params, sorted(filters.items()), phrase)
        scored = cache.get(key)
        if scored is None:
            rows = self._top(
                query, relaxed, match_sql, match_params, score_sql, filters, RERANK_WINDOW, 0, total, match_ids
            )
            in_body = self._phrase_in_body(query, [r[0] for r in rows])
            scored = [
                (r[0], r[1] * r[2] * phrase_factor(query, r[3], phrase if r[0] in in_body else "", phrase), None)
                for r in rows
            ]
            scored.sort(key=lambda item: (-item[1], item[0]))
            cache.set(key, scored, RESULT_CACHE_SECONDS)
        return scored[start:end]

    def _ranked_near(self, query, candidates, filters, page, per_page):
        columns = {"type": 2, "category": 3, "community": 5, "year": 6}
        kept = [c for c in candidates if all(c[columns[k]] == v for k, v in filters.items())]
        if query.is_empty:
            kept.sort(key=lambda c: (c[11], c[0]))  # nearest first
            ranked = [(c[0], 0.0, c[11]) for c in kept]
        else:
            phrase = query.phrase
            in_body = self._phrase_in_body(query, [c[0] for c in kept[:RERANK_WINDOW]])
            ranked = [
                (
                    c[0],
                    float(c[1]) * c[10] * phrase_factor(query, c[9], phrase if c[0] in in_body else "", phrase),
                    c[11],
                )
                for c in kept
            ]
            ranked.sort(key=lambda item: (-item[1], item[2]))
        return ranked[(page - 1) * per_page : page * per_page]

    def _phrase_in_body(self, query, ids):
        if not query.phrase or not ids:
            return set()
        function = "strpos" if self.vendor == "postgresql" else "instr"
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._rows(
            f"SELECT id FROM {ENTRY} WHERE id IN ({placeholders}) AND {function}(lower(body_text), %s) > 0",  # noqa: S608
            [*ids, query.phrase],
        )
        return {r[0] for r in rows}

    def _hits(self, query, ranked):
        entries = (
            SearchEntry.objects.using(self.using).defer("title_tokens", "body_tokens").in_bulk([r[0] for r in ranked])
        )
        terms = query.tokens()
        hits = []
        for entry_id, score, distance in ranked:
            entry = entries.get(entry_id)
            if entry is None:
                continue
            hits.append(
                Hit(
                    key=entry.key,
                    doc_type=entry.doc_type,
                    title=entry.title,
                    url=entry.url,
                    score=round(score, 4),
                    snippet=snippet(entry.body_text, entry.summary, terms),
                    title_html=mark(entry.title, terms),
                    summary=entry.summary,
                    date=entry.date,
                    category_label=entry.category_label,
                    community=entry.community,
                    distance_km=round(distance, 2) if distance is not None else None,
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
            exact = text in (row[1], row[2], row[3])
            starts = row[1].startswith(text) or row[2].startswith(text) or row[3].startswith(text)
            return (not exact, not starts, -row[4], len(row[0]), row[0])

        return [row[0] for row in sorted(rows, key=rank)[:limit]]
