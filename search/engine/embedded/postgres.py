"""The embedded engine on PostgreSQL: ``simple`` tsvectors with GIN indexes, ranked by ts_rank.

A GIN index gives row addresses only, and ts_rank reads each match's whole (TOASTed) tsvector, so
the ids of the matches come from the GIN indexes and the facet map, and the first window of a
common word is ranked within a bounded set chosen by a pre-rank that reads no TOASTed value.
"""

# ruff: noqa: S608 - every name interpolated below is a constant

import heapq
import logging
import re
import threading
import time

from django.db import OperationalError, transaction

from search import query as query_compiler
from search.engine.base import FILTER_FIELDS
from search.engine.embedded.base import (
    ENTRY,
    ROW_COLUMNS,
    SAMPLE_BUCKETS,
    VERSION,
    EmbeddedEngine,
    title_or_body_weight,
)
from search.engine.embedded.match import NARROW_COLUMNS, Candidate, Narrow, Scored

MATCH = f"FROM {ENTRY} e CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q"
SCORE = "ts_rank('{0.1, 0.2, 0.1, 1.0}', e.search_vector, q, 1)"
# log(1 + a document's length in tokens), ts_rank's normalisation 1, from the size of its token
# columns: about 6.5 bytes a token (a two-character word and a space). octet_length of a TOASTed
# value reads its size from the TOAST pointer, not the value. In float8: ln() of a numeric (what
# the bare literals would make) costs three times the rest of the pre-rank.
PRE_RANK_LENGTH = "ln(2.0::float8 + 0.15::float8 * (octet_length(e.title_tokens) + octet_length(e.body_tokens)))"
# The table's name in the definitions PostgreSQL writes out for its indexes and triggers.
ON_ENTRY = re.compile(rf" ON (?:\w+\.)?{ENTRY} ")
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout ran out
log = logging.getLogger(__name__)


class PostgresEngine(EmbeddedEngine):
    """tsvector ``search_vector`` (title weight A, body B) and ``title_vector``, each with a GIN index."""

    vendor = "postgresql"
    phrase_function = "strpos"
    rank_all = 500  # past this many matches the first window ranks a bounded set (see ``top``)
    rank_candidates = 300  # the size of that set (for each of titles and every match)
    # Listing a match reads its row (a GIN index gives row addresses only): about 2 µs a heap page
    # (most matches are on a page of their own), 12 ms for the 6,000 pages of a word in a quarter
    # of 100,000 documents. Past this many matches the counts come from a sample.
    count_exact_max = 3000
    newest_span = 4096  # a one-character query looks for body matches among this many newest entries first
    _read = threading.local()  # what a search running in this thread has read already

    def compile(self, query, relaxed=False):
        return query_compiler.to_tsquery(query, relaxed)

    def _search(self, query, filters, facets, near, page, per_page):
        # PostgreSQL's planner does not count the cost of reading each match's TOASTed tsvector:
        # for a word in a quarter of the documents it picks a sequential scan that reads every
        # tsvector (0.7 s at 100,000 documents) over the GIN index (40 ms). Searches run with
        # sequential scans off, for their own statements only: the setting ends with the search's
        # transaction, or is put back when the search runs inside a caller's transaction.
        # (If the search fails, rolling back its savepoint restores the setting too.)
        # The same statement reads the index version, one round trip for both.
        nested = self.connection.in_atomic_block
        with transaction.atomic(using=self.using):
            previous, _off, token = self._rows(
                "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true), "
                f"(SELECT token FROM {VERSION} WHERE id = 1)",
                [],
            )[0]
            self._read.version = token or ""
            try:
                results = super()._search(query, filters, facets, near, page, per_page)
            finally:
                self._read.version = None
            if nested:
                self._rows("SELECT set_config('enable_seqscan', %s, true)", [previous])
        return results

    def version(self):
        version = getattr(self._read, "version", None)  # read with the search's first statement
        return super().version() if version is None else version

    def match_ids(self, match):
        return self._joined_ids(f"SELECT string_agg(e.id::text, ',') {MATCH}", [match.expression])

    def sample_ids(self, match, first, last):
        # The bucket's own index (migration 0011) and the GIN index are intersected as bitmaps
        # (BitmapAnd), so only the sample's rows are read.
        sql = f"SELECT string_agg(e.id::text, ',') {MATCH} AND (e.id %% {SAMPLE_BUCKETS}) >= %s AND (e.id %% {SAMPLE_BUCKETS}) < %s"
        return self._joined_ids(sql, [match.expression, first, last])

    def filtered_ids(self, match):
        # Each filter column has an index of its own: the planner intersects it with the GIN index.
        filter_sql, filter_params = self._filter_sql(match.filters)
        return self._joined_ids(
            f"SELECT string_agg(e.id::text, ',') {MATCH}{filter_sql}", [match.expression, *filter_params]
        )

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
        ``rank_candidates`` best title matches by a pre-rank that reads no TOASTed value (see
        ``_candidates``), and when fewer than ``limit`` titles match, the best of every match by the
        same pre-rank too. ts_rank then orders that set exactly. Later pages, and smaller match
        sets, rank every match.
        """
        score_select = f"SELECT e.id, {SCORE} AS score, e.boost, e.title_norm FROM {ENTRY} e "
        if offset == 0 and total > self.rank_all:
            ids = self._candidates(match, in_title=True)
            if len(ids) < limit:
                ids = sorted(set(ids).union(self._candidates(match, in_title=False)))
            rows = self._rows(
                f"{score_select}CROSS JOIN to_tsquery('simple', %s) q WHERE e.id = ANY(%s) "
                "ORDER BY score DESC, e.id LIMIT %s",
                [match.expression, ids, limit],
            )
        else:
            filter_sql, filter_params = self._filter_sql(match.filters)
            rows = self._rows(
                f"{score_select}CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q{filter_sql} "
                "ORDER BY score DESC, e.id LIMIT %s OFFSET %s",
                [match.expression, *filter_params, limit, offset],
            )
        return [Scored(entry_id, float(score), boost, title_norm) for entry_id, score, boost, title_norm in rows]

    def _candidates(self, match, in_title):
        """Ids of the ``rank_candidates`` matches (whose title matches, or any) that the pre-rank puts first.

        ts_rank (normalisation 1) is the query's weighted occurrences divided by log2(1 + the
        document's length), and a title occurrence weighs ten body ones. The pre-rank takes the
        same shape from what the row holds: the title's occurrences (ts_rank over ``title_vector``,
        which is stored in the row), the length from the size of the token columns (read from
        their TOAST pointers, not their values), the boost and the title phrase bonus. The body's
        occurrences are left out, so reading no TOASTed tsvector but those of the set ts_rank orders.
        """
        filter_sql, filter_params = self._filter_sql(match.filters)
        bonus = match.query.phrase or match.query.bonus_text
        phrase_sql, phrase_params = "1.0::float8", []
        if len(bonus) >= 2:  # as ``phrase_factor`` rewards a title holding the query
            phrase_sql = (
                "(CASE WHEN strpos(e.title_norm, %s) = 0 THEN 1.0 WHEN e.title_norm = %s THEN 2.5 ELSE 2.0 END)::float8"
            )
            phrase_params = [bonus, bonus]
        column, occurrences = "search_vector", "1.0::float8"
        if in_title:
            column, occurrences = "title_vector", "ts_rank('{1, 1, 1, 1}', e.title_vector, q, 0)"
        sql = (
            f"SELECT e.id FROM {ENTRY} e CROSS JOIN to_tsquery('simple', %s) q WHERE e.{column} @@ q{filter_sql} "
            f"ORDER BY {occurrences} * e.boost * {phrase_sql} / {PRE_RANK_LENGTH} DESC, e.id DESC LIMIT %s"
        )
        params = [match.expression, *filter_params, *phrase_params, self.rank_candidates]
        return [row[0] for row in self._rows(sql, params)]

    def scores_of(self, match, ids):
        sql = f"SELECT e.id, {SCORE} FROM {ENTRY} e CROSS JOIN to_tsquery('simple', %s) q WHERE e.id = ANY(%s)"
        return [(entry_id, float(score)) for entry_id, score in self._rows(sql, [match.expression, ids])]

    def newest_matches(self, query, in_title, limit):
        # The newest picked here: with ORDER BY id DESC LIMIT the planner walks the primary key
        # backwards and tests each row's tsvector, reading thousands of rows for a rare word.
        # A character begins a word in many titles and most texts (社: 60,000 titles of 100,000;
        # 选: 17,000 texts): rather than read every match's row, look among the newest
        # ``newest_span`` entries first, then 8 times as many, and so on. Every match newer than
        # the range's start is in it, so once it holds ``limit`` matches they are the newest.
        column = "title_vector" if in_title else "search_vector"
        tsquery = query_compiler.to_tsquery(query)
        (newest,) = self._rows(f"SELECT coalesce(max(id), 0) FROM {ENTRY}", [])[0]
        span = self.newest_span
        while span < newest:
            ids = self._newest_ids_where(column, tsquery, newest - span)
            if len(ids) >= limit:
                return heapq.nlargest(limit, ids)
            span *= 8
        return heapq.nlargest(limit, self._ids_where(column, tsquery))

    def _newest_ids_where(self, column, tsquery, above):
        """The ids above ``above`` of the entries whose ``column`` matches ``tsquery``: the GIN index and
        the primary key intersected as bitmaps, so only those rows are read.

        Index scans are off for this one statement: the planner would walk the primary key and test
        each row's tsvector (reading it from TOAST, a cost it does not count: 30 ms for 4,096 rows).
        """
        previous = self._rows(
            "SELECT current_setting('enable_indexscan'), set_config('enable_indexscan', 'off', true)", []
        )
        sql = f"SELECT string_agg(id::text, ',') FROM {ENTRY} WHERE {column} @@ to_tsquery('simple', %s) AND id > %s"
        try:
            return self._joined_ids(sql, [tsquery, above])
        finally:
            self._rows("SELECT set_config('enable_indexscan', %s, true)", [previous[0][0]])

    def narrow_rows(self, ids):
        if not ids:
            return []
        return [
            Narrow(*row) for row in self._rows(f"SELECT {NARROW_COLUMNS} FROM {ENTRY} WHERE id = ANY(%s)", [list(ids)])
        ]

    def near_candidates(self, match, near):
        """The matches in ``near``'s box (the geo index and the GIN index together), scored as on SQLite by
        where the query matches (title above body, from the in-row normalised title), and later the boost
        and the phrase bonus: ts_rank would read the TOASTed tsvector of every match in the box.
        """
        south, north, west, east = near.bbox()
        columns = f"e.lat, e.lng, {', '.join('e.' + name for name in Narrow._fields)}"
        in_box = "e.lat BETWEEN %s AND %s AND e.lng BETWEEN %s AND %s"
        query = match.query
        if query.is_empty:
            sql, params = f"SELECT {columns} FROM {ENTRY} e WHERE e.lat IS NOT NULL AND {in_box}", []
        else:
            sql, params = f"SELECT {columns} {MATCH} AND {in_box}", [match.expression]
        candidates = []
        for lat, lng, *narrow in self._rows(sql, [*params, south, north, west, east]):
            if (distance := near.distance_km(lat, lng)) <= near.radius_km:
                row = Narrow(*narrow)
                score = 0.0 if query.is_empty else title_or_body_weight(query, match.relaxed, row.title_norm)
                candidates.append(Candidate.of(row, score, distance))
        return candidates

    # -- rebuilding: a whole new table, swapped in by renaming ------------------------------
    # Rows inserted into the live table, even uncommitted, are in its GIN indexes: every search
    # would visit them and test their visibility (a swap of 100,000 rows inside the live table
    # took a minute, during which searches took twice as long, 44 ms p95). So the next index is a
    # table of its own, with the live table's columns, triggers and indexes, which searches never
    # read until the swap renames it into place in a transaction of a few milliseconds.
    swap_lock_timeout_ms = 200  # each try to take the live table from searches; they queue meanwhile
    swap_retry_seconds = 1.0  # between those tries, while a long reader (a backup) holds the table
    swap_lock_tries = 600  # about ten minutes of them

    def open_staging(self, cursor):
        cursor.execute(f"DROP TABLE IF EXISTS {self.staging}")
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [ENTRY])
        options = cursor.fetchone()[0]
        cursor.execute(
            f"CREATE TABLE {self.staging} (LIKE {ENTRY} INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY "
            "INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)"
            + (f" WITH ({', '.join(options)})" if options else "")
        )
        # Ids go on rising from the live table's: the engine reads a higher id as a newer entry.
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {ENTRY}")
        cursor.execute(f"ALTER TABLE {self.staging} ALTER COLUMN id RESTART WITH {int(cursor.fetchone()[0])}")
        cursor.execute(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [ENTRY]
        )
        for (definition,) in cursor.fetchall():
            cursor.execute(ON_ENTRY.sub(f" ON {self.staging} ", definition, count=1))

    def finish_staging(self):
        """Index the staged table as the live one is (each index built once, over every row), then analyse it.

        The indexes get names of their own until the swap gives them the live ones'.
        """
        self._index_names = {}
        with self.connection.cursor() as cursor:
            for number, (name, definition, constraint, kind) in enumerate(self._entry_indexes(cursor)):
                temporary = f"{self.staging}_{number}"
                definition = definition.replace(f"INDEX {name} ON ", f"INDEX {temporary} ON ", 1)
                cursor.execute(ON_ENTRY.sub(f" ON {self.staging} ", definition, count=1))
                if constraint:
                    key = "PRIMARY KEY" if kind == "p" else "UNIQUE"
                    cursor.execute(
                        f"ALTER TABLE {self.staging} ADD CONSTRAINT {temporary} {key} USING INDEX {temporary}"
                    )
                self._index_names[temporary] = (name, constraint)
            # What other roles (a read-only reporting one) may do with the live table.
            cursor.execute(
                "SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END "
                "FROM pg_class c CROSS JOIN aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee "
                "WHERE c.oid = %s::regclass AND a.grantee <> c.relowner",
                [ENTRY],
            )
            for privilege, grantee in cursor.fetchall():
                cursor.execute(f"GRANT {privilege} ON {self.staging} TO {grantee}")
            cursor.execute(f"ANALYZE {self.staging}")

    @staticmethod
    def _entry_indexes(cursor):
        """(name, definition, constraint name or None, constraint kind) of each index of the live table."""
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid), c.conname, c.contype FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid "
            "WHERE x.indrelid = %s::regclass ORDER BY i.relname",
            [ENTRY],
        )
        return cursor.fetchall()

    def _swap(self, cursor, started, keys_at_start):
        """Bring the staged table up to date and rename it into place (inside the rebuild's transaction).

        Each try locks the live table against writing (not reading), carries over what editors
        wrote or deleted since ``started``, then takes the table from searches too, waiting at most
        ``swap_lock_timeout_ms`` for those reading it to finish: the drop and the renames then take
        milliseconds. Behind a reader that holds the table longer (a backup), the try is undone,
        which lets writers and searches go on, and made again a second later (``swap_retry_seconds``).
        """
        for attempt in range(self.swap_lock_tries):
            try:
                with transaction.atomic(using=self.using):
                    cursor.execute(f"LOCK TABLE {ENTRY} IN SHARE ROW EXCLUSIVE MODE")
                    self._carry_over(cursor, started, keys_at_start)
                    cursor.execute(
                        "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
                        [f"{int(self.swap_lock_timeout_ms)}ms"],
                    )
                    previous = cursor.fetchone()[0]
                    cursor.execute(f"LOCK TABLE {ENTRY} IN ACCESS EXCLUSIVE MODE")
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])
                break
            except OperationalError as exc:
                if (
                    getattr(exc.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE
                    or attempt + 1 == self.swap_lock_tries
                ):
                    raise
                if attempt == 0:
                    log.warning("search rebuild: the swap waits for a long reader of %s (a backup?)", ENTRY)
                time.sleep(self.swap_retry_seconds)
        cursor.execute(
            f"SELECT pg_get_serial_sequence('{ENTRY}', 'id'), pg_get_serial_sequence('{self.staging}', 'id')"
        )
        live_sequence, staged_sequence = cursor.fetchone()
        cursor.execute(f"DROP TABLE {ENTRY}")
        cursor.execute(f"ALTER TABLE {self.staging} RENAME TO {ENTRY}")
        for temporary, (name, constraint) in self._index_names.items():
            if constraint:
                cursor.execute(f"ALTER TABLE {ENTRY} RENAME CONSTRAINT {temporary} TO {constraint}")
            else:
                cursor.execute(f"ALTER INDEX {temporary} RENAME TO {name}")
        if live_sequence and staged_sequence:
            cursor.execute(f"ALTER SEQUENCE {staged_sequence} RENAME TO {live_sequence.split('.')[-1]}")

    def _carry_over(self, cursor, started, keys_at_start):
        """As the base does, then copy the entries editors wrote since ``started`` into the staged table."""
        since = super()._carry_over(cursor, started, keys_at_start)
        cursor.execute(
            f"INSERT INTO {self.staging} ({ROW_COLUMNS}) SELECT {ROW_COLUMNS} FROM {ENTRY} WHERE indexed_at >= %s",
            [since],
        )
        return since

    def after_rebuild(self):
        if not self.connection.in_atomic_block:
            # Mark the new table's pages all-visible (and any rows the swap carried over), so that
            # searches need not check each row's visibility.
            with self.connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {ENTRY}")
