"""The embedded engine: the index lives in the site's own database, transactional with content.

SQLite: FTS5 over analysed tokens, ranked by bm25 with the title weighted above the body.
PostgreSQL: a ``simple`` tsvector with a GIN index, ranked by ts_rank with the same weighting.
Both add a bonus when the query appears as one unbroken phrase, then load only one page of rows.
"""

import logging

from django.db import DatabaseError, connections, transaction
from django.db.models import Q

from search import analysis, registry
from search import query as query_compiler
from search.engine import fulltext
from search.engine.base import (
    FILTER_FIELDS,
    RERANK_WINDOW,
    Hit,
    SearchEngine,
    SearchResults,
    facets_from_combos,
    phrase_factor,
    total_from_combos,
)
from search.highlight import mark, snippet
from search.models import SearchEntry, Suggestion
from search.suggest import Vocabulary, clean_prefix

logger = logging.getLogger(__name__)

TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0
ENTRY = fulltext.ENTRY_TABLE
FTS = fulltext.FTS_TABLE
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
]


def entry_from(prepared):
    """A SearchEntry (unsaved) from a PreparedDocument, with its tokens analysed."""
    title_tokens, body_tokens = prepared.tokens()
    return SearchEntry(
        key=prepared.key,
        doc_type=prepared.doc_type,
        model_label=prepared.model_label,
        object_id=prepared.object_id,
        title=prepared.title,
        url=prepared.url,
        summary=prepared.summary,
        body_text=prepared.body_text,
        title_norm=prepared.title_norm[:300],
        title_tokens=title_tokens,
        body_tokens=body_tokens,
        category=prepared.category,
        category_label=prepared.category_label,
        community=prepared.community,
        year=prepared.year,
        date=prepared.date,
        lat=prepared.lat,
        lng=prepared.lng,
        boost=prepared.boost,
        checksum=prepared.checksum,
    )


class EmbeddedEngine(SearchEngine):
    """Full-text search inside the site's database (SQLite FTS5 or PostgreSQL tsvector)."""

    name = "embedded"

    def __init__(self, using="default"):
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    @property
    def vendor(self):
        return self.connection.vendor

    # -- writing -------------------------------------------------------------------------
    def index_bulk(self, documents):
        prepared = [d if isinstance(d, registry.PreparedDocument) else registry.prepare(d) for d in documents]
        entries = {p.key: entry_from(p) for p in prepared if p is not None}
        if not entries:
            return 0
        with transaction.atomic(using=self.using):
            existing = dict(
                SearchEntry.objects.using(self.using).filter(key__in=list(entries)).values_list("key", "id")
            )
            updates = []
            for key, entry in entries.items():
                if key in existing:
                    entry.pk = existing[key]
                    updates.append(entry)
            creates = [e for k, e in entries.items() if k not in existing]
            if updates:
                SearchEntry.objects.using(self.using).bulk_update(updates, ENTRY_FIELDS, batch_size=200)
            if creates:
                SearchEntry.objects.using(self.using).bulk_create(creates, batch_size=200)
            vocabulary = Vocabulary()
            for p in prepared:
                if p is not None:
                    vocabulary.add(p.title, 10 * p.boost, "title")
            self._store_suggestions(vocabulary, replace=False)
        return len(entries)

    def delete(self, key_or_obj):
        key = key_or_obj if isinstance(key_or_obj, str) else registry.entry_key(key_or_obj)
        entries = SearchEntry.objects.using(self.using).filter(key=key)
        titles = list(entries.values_list("title", flat=True))
        entries.delete()
        for title in titles:
            if not SearchEntry.objects.using(self.using).filter(title=title).exists():
                Suggestion.objects.using(self.using).filter(text=title, source="title").delete()

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
        """Replace the whole index in one transaction: readers see the old index until it commits."""
        vocabulary = Vocabulary()
        count = 0
        with transaction.atomic(using=self.using):
            with self.connection.cursor() as cursor:
                if self.vendor == "sqlite":
                    # Writing without per-row triggers, then one FTS rebuild, is much faster.
                    for name in fulltext.SQLITE_TRIGGERS:
                        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"DELETE FROM {ENTRY}")  # noqa: S608 - constant table name
            batch = []
            for prepared in registry.iter_prepared():
                entry = entry_from(prepared)
                vocabulary.add_document(prepared, entry.body_tokens)
                batch.append(entry)
                count += 1
                if len(batch) >= 500:
                    SearchEntry.objects.using(self.using).bulk_create(batch)
                    batch = []
                if progress:
                    progress(1)
            if batch:
                SearchEntry.objects.using(self.using).bulk_create(batch)
            if self.vendor == "sqlite":
                with self.connection.cursor() as cursor:
                    for sql in fulltext.SQLITE_TRIGGER_SQL:
                        cursor.execute(sql)
                    cursor.execute(fulltext.SQLITE_REBUILD)
            vocabulary.add_terms()
            vocabulary.add_frequent_words()
            self._store_suggestions(vocabulary, replace=True)
        return count

    def indexed_checksums(self):
        return dict(SearchEntry.objects.using(self.using).values_list("key", "checksum"))

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
        """(FROM … WHERE … SQL, params, score SQL) selecting the entries that match ``query``."""
        if query.is_empty:
            return f"FROM {ENTRY} e WHERE e.lat IS NOT NULL", [], "0.0"
        if self.vendor == "postgresql":
            return (
                f"FROM {ENTRY} e CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q",
                [query_compiler.to_tsquery(query, relaxed)],
                "ts_rank('{0.1, 0.2, 0.1, 1.0}', e.search_vector, q, 1)",
            )
        return (
            f"FROM {FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s",
            [query_compiler.to_fts5(query, relaxed)],
            f"-bm25({FTS}, {TITLE_WEIGHT}, {BODY_WEIGHT})",
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

    def _search(self, query, filters, facets, near, page, per_page):
        relaxed = False
        while True:
            match_sql, match_params, score_sql = self._match(query, relaxed)
            if near is None:
                combos = self._rows(
                    f"SELECT e.doc_type, e.category, e.category_label, e.community, e.year, COUNT(*) {match_sql} "  # noqa: S608
                    "GROUP BY e.doc_type, e.category, e.category_label, e.community, e.year",
                    match_params,
                )
                candidates = None
            else:
                candidates, combos = self._near_candidates(match_sql, match_params, score_sql, near)
            if combos or relaxed or len(query.clauses) < 2:
                break
            relaxed = True  # nothing has every word: show what has some of them
        total = total_from_combos(combos, filters)
        results = SearchResults(
            query=query,
            total=total,
            page=page,
            per_page=per_page,
            facets=facets_from_combos(combos, filters, facets),
            relaxed=relaxed,
        )
        if total == 0 or page > results.num_pages:
            return results
        if candidates is None:
            ranked = self._ranked(query, match_sql, match_params, score_sql, filters, page, per_page)
        else:
            ranked = self._ranked_near(query, candidates, filters, page, per_page)
        results.hits = self._hits(query, ranked)
        return results

    def _near_candidates(self, match_sql, match_params, score_sql, near):
        filter_sql, filter_params = self._filter_sql({}, near)
        rows = self._rows(
            f"SELECT e.id, {score_sql}, e.doc_type, e.category, e.category_label, e.community, e.year, e.lat, e.lng, "  # noqa: S608
            f"e.title_norm, e.boost {match_sql}{filter_sql}",
            match_params + filter_params,
        )
        candidates, combos = [], {}
        for row in rows:
            distance = near.distance_km(row[7], row[8])
            if distance <= near.radius_km:
                candidates.append((*row, distance))
                combo = row[2:7]
                combos[combo] = combos.get(combo, 0) + 1
        return candidates, [(*combo, n) for combo, n in combos.items()]

    def _ranked(self, query, match_sql, match_params, score_sql, filters, page, per_page):
        """[(entry id, score, distance)] for the requested page, best first."""
        filter_sql, filter_params = self._filter_sql(filters, None)
        start, end = (page - 1) * per_page, page * per_page
        select = f"SELECT e.id, {score_sql} AS score, e.title_norm, e.boost {match_sql}{filter_sql}"  # noqa: S608
        if end > RERANK_WINDOW:
            rows = self._rows(
                f"{select} ORDER BY score DESC, e.id LIMIT %s OFFSET %s",
                [*match_params, *filter_params, per_page, start],
            )
            return [(r[0], float(r[1]) * r[3], None) for r in rows]
        rows = self._rows(
            f"{select} ORDER BY score DESC, e.id LIMIT %s", [*match_params, *filter_params, RERANK_WINDOW]
        )
        in_body = self._phrase_in_body(query, [r[0] for r in rows])
        scored = [
            (r[0], float(r[1]) * r[3] * phrase_factor(query, r[2], query.phrase if r[0] in in_body else ""), None)
            for r in rows
        ]
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[start:end]

    def _ranked_near(self, query, candidates, filters, page, per_page):
        columns = {"type": 2, "category": 3, "community": 5, "year": 6}
        kept = [c for c in candidates if all(c[columns[k]] == v for k, v in filters.items())]
        if query.is_empty:
            kept.sort(key=lambda c: (c[11], c[0]))  # nearest first
            ranked = [(c[0], 0.0, c[11]) for c in kept]
        else:
            in_body = self._phrase_in_body(query, [c[0] for c in kept[:RERANK_WINDOW]])
            ranked = [
                (c[0], float(c[1]) * c[10] * phrase_factor(query, c[9], query.phrase if c[0] in in_body else ""), c[11])
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
