"""The embedded engine on PostgreSQL: ``simple`` tsvectors with GIN indexes, ranked by ts_rank.

A GIN index gives row addresses only, and ts_rank reads each match's whole (TOASTed) tsvector, so
the ids of the matches come from the GIN indexes and the facet map, and the first window of a
common word is ranked within a bounded set.
"""

# ruff: noqa: S608 - every name interpolated below is a constant

import heapq

from django.db import transaction

from search import query as query_compiler
from search.engine.base import FILTER_FIELDS
from search.engine.embedded.base import ENTRY, EmbeddedEngine
from search.engine.embedded.match import NARROW_COLUMNS, Candidate, Narrow, Scored

MATCH = f"FROM {ENTRY} e CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q"
SCORE = "ts_rank('{0.1, 0.2, 0.1, 1.0}', e.search_vector, q, 1)"


class PostgresEngine(EmbeddedEngine):
    """tsvector ``search_vector`` (title weight A, body B) and ``title_vector``, each with a GIN index."""

    vendor = "postgresql"
    phrase_function = "strpos"
    rank_all = 1000  # past this many matches the first window ranks a bounded set (see ``top``)

    def compile(self, query, relaxed=False):
        return query_compiler.to_tsquery(query, relaxed)

    def _search(self, query, filters, facets, near, page, per_page):
        # PostgreSQL's planner does not count the cost of reading each match's TOASTed tsvector:
        # for a word in a quarter of the documents it picks a sequential scan that reads every
        # tsvector (0.7 s at 100,000 documents) over the GIN index (40 ms). Searches run with
        # sequential scans off, for their own statements only.
        # (If the search fails, rolling back its savepoint restores the setting too.)
        with transaction.atomic(using=self.using):
            previous = self._rows(
                "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)", []
            )
            results = super()._search(query, filters, facets, near, page, per_page)
            self._rows("SELECT set_config('enable_seqscan', %s, true)", [previous[0][0]])
        return results

    def match_ids(self, match):
        return self._joined_ids(f"SELECT string_agg(e.id::text, ',') {MATCH}", [match.expression])

    def _ids_where(self, column, tsquery):
        """The ids of the entries whose ``column`` (a tsvector) matches ``tsquery``, from its GIN index."""
        sql = f"SELECT string_agg(id::text, ',') FROM {ENTRY} WHERE {column} @@ to_tsquery('simple', %s)"
        return self._joined_ids(sql, [tsquery])

    @staticmethod
    def _filter_sql(filters):
        sql = "".join(f" AND e.{FILTER_FIELDS[key]} = %s" for key in filters)
        return sql, list(filters.values())

    def top(self, match, limit, offset, total=0):
        """Past ``rank_all`` matches the first window is ranked within a bounded set: the
        ``rank_all`` newest documents whose title matches and the ``rank_all`` newest matches (with
        the title weighted above the body, title matches rank first anyway). The ids come from the
        GIN indexes and the facet map, so no tsvector is read but those of the set. Later pages,
        and smaller match sets, rank every match.
        """
        score_select = f"SELECT e.id, {SCORE} AS score, e.boost, e.title_norm FROM {ENTRY} e "
        if offset == 0 and total > self.rank_all:
            if match.ids is None:
                match.ids = self.match_ids(match)
            facet_map = self._facet_map_of(match.ids, match.version)
            in_title = facet_map.filter(self._ids_where("title_vector", match.expression), match.filters)
            ids = set(heapq.nlargest(self.rank_all, in_title))
            ids.update(heapq.nlargest(self.rank_all, facet_map.filter(match.ids, match.filters)))
            rows = self._rows(
                f"{score_select}CROSS JOIN to_tsquery('simple', %s) q WHERE e.id = ANY(%s) "
                "ORDER BY score DESC, e.id LIMIT %s",
                [match.expression, sorted(ids), limit],
            )
        else:
            filter_sql, filter_params = self._filter_sql(match.filters)
            rows = self._rows(
                f"{score_select}CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q{filter_sql} "
                "ORDER BY score DESC, e.id LIMIT %s OFFSET %s",
                [match.expression, *filter_params, limit, offset],
            )
        return [Scored(entry_id, float(score), boost, title_norm) for entry_id, score, boost, title_norm in rows]

    def scores_of(self, match, ids):
        sql = f"SELECT e.id, {SCORE} FROM {ENTRY} e CROSS JOIN to_tsquery('simple', %s) q WHERE e.id = ANY(%s)"
        return [(entry_id, float(score)) for entry_id, score in self._rows(sql, [match.expression, ids])]

    def newest_matches(self, query, in_title, limit):
        # The newest picked here: with ORDER BY id DESC LIMIT the planner walks the primary key
        # backwards and tests each row's tsvector, reading thousands of rows for a rare word.
        column = "title_vector" if in_title else "search_vector"
        return heapq.nlargest(limit, self._ids_where(column, query_compiler.to_tsquery(query)))

    def narrow_rows(self, ids):
        if not ids:
            return []
        return [
            Narrow(*row) for row in self._rows(f"SELECT {NARROW_COLUMNS} FROM {ENTRY} WHERE id = ANY(%s)", [list(ids)])
        ]

    def near_candidates(self, match, near):
        south, north, west, east = near.bbox()
        columns = f"e.lat, e.lng, {', '.join('e.' + name for name in Narrow._fields)}"
        in_box = "e.lat BETWEEN %s AND %s AND e.lng BETWEEN %s AND %s"
        if match.query.is_empty:
            sql, params = f"SELECT {columns}, 0.0 FROM {ENTRY} e WHERE e.lat IS NOT NULL AND {in_box}", []
        else:
            sql, params = f"SELECT {columns}, {SCORE} {MATCH} AND {in_box}", [match.expression]
        candidates = []
        for lat, lng, *narrow, score in self._rows(sql, [*params, south, north, west, east]):
            if (distance := near.distance_km(lat, lng)) <= near.radius_km:
                candidates.append(Candidate.of(Narrow(*narrow), score, distance))
        return candidates

    def after_rebuild(self):
        if not self.connection.in_atomic_block:
            # The old rows are dead tuples and the GIN indexes hold a pending list: clean both and
            # give the planner fresh statistics, or the first searches read twice the table.
            with self.connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {ENTRY}")
