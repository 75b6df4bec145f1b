"""The embedded engine on SQLite: an FTS5 table over the analysed tokens, ranked by bm25."""

# ruff: noqa: S608 - every name interpolated below is a constant

import json
import os
import time
from pathlib import Path

from search import query as query_compiler
from search.engine import facetmap, fulltext
from search.engine.embedded.base import (
    BODY_WEIGHT,
    ENTRY,
    FTS,
    NARROW_INDEX,
    STAGING,
    TITLE_WEIGHT,
    EmbeddedEngine,
    title_or_body_weight,
)
from search.engine.embedded.match import NARROW_COLUMNS, Candidate, Narrow, Scored

MAX_NEAR_CELLS = 400  # a search near a place narrows by grid cell up to this many (a radius of about 10 km)
SCORE = f"-bm25({FTS}, {TITLE_WEIGHT}, {BODY_WEIGHT}, 0.0)"  # filter tokens weigh nothing
STAGING_SCHEMA = "search_staging"  # the scratch database a rebuild attaches (see ``open_staging``)
CHECKPOINT_TRIES = 100  # passive checkpoints after a rebuild, 50 ms apart, until the log is copied (``after_rebuild``)


class SqliteEngine(EmbeddedEngine):
    """FTS5 (external content over ``search_searchentry``, kept in step by triggers), ranked by bm25.

    Filters are tokens of the FTS table's ``filter_tokens`` column, so bm25 scores only the
    matches that pass them; the entry table is read through the narrow covering index only.
    """

    vendor = "sqlite"
    title_tier_min = 2000  # matches from which the first window may come from title matches alone

    def compile(self, query, relaxed=False):
        return query_compiler.to_fts5(query, relaxed)

    def match_ids(self, match):
        sql = f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s"
        return self._joined_ids(sql, [match.expression])

    def top(self, match, limit, offset, total=0):
        """bm25 has to score every match, so for a very common word (``total`` ≥ ``title_tier_min``)
        the first window is taken from the documents whose *title* matches the whole query, when
        there are enough of them: with the title weighted 8 to 1 these outrank body-only matches
        anyway, and scoring a few hundred titles is much cheaper than thousands of bodies.
        """
        narrowing = "".join(
            f' AND filter_tokens : "{fulltext.filter_token(key, value)}"'
            for key, value in sorted(match.filters.items())
        )
        select = f"SELECT rowid, {SCORE} AS score FROM {FTS} WHERE {FTS} MATCH %s ORDER BY score DESC, rowid LIMIT %s OFFSET %s"
        rows = []
        if offset == 0 and total >= self.title_tier_min:
            rows = self._rows(select, [f"(title_tokens : ({match.expression})){narrowing}", limit, 0])
        if len(rows) < limit:
            rows = self._rows(select, [f"({match.expression}){narrowing}", limit, offset])
        narrow = {row.id: row for row in self.narrow_rows([entry_id for entry_id, _score in rows])}
        return [
            Scored(
                entry_id,
                float(score),
                narrow[entry_id].boost if entry_id in narrow else 1.0,
                narrow[entry_id].title_norm if entry_id in narrow else "",
            )
            for entry_id, score in rows
        ]

    def scores_of(self, match, ids):
        sql = f"SELECT rowid, {SCORE} FROM {FTS} WHERE {FTS} MATCH %s AND rowid IN (SELECT value FROM json_each(%s))"
        return [(entry_id, float(score)) for entry_id, score in self._rows(sql, [match.expression, json.dumps(ids)])]

    def newest_matches(self, query, in_title, limit):
        expression = query_compiler.to_fts5(query)
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rowid DESC LIMIT %s"
        params = [f"title_tokens : ({expression})" if in_title else expression, limit]
        return [row[0] for row in self._rows(sql, params)]

    def narrow_rows(self, ids):
        """Read from the narrow index alone (the columns after the text sit on overflow pages)."""
        if not ids:
            return []
        sql = f"SELECT {NARROW_COLUMNS} FROM {ENTRY} INDEXED BY {NARROW_INDEX} WHERE id IN (SELECT value FROM json_each(%s))"
        return [Narrow(*row) for row in self._rows(sql, [json.dumps(list(ids))])]

    def facet_map_sql(self):
        return f"SELECT {facetmap.COLUMNS} FROM {ENTRY} INDEXED BY {NARROW_INDEX}"

    def near_candidates(self, match, near):
        """The places in the circle come from the geo index (id, lat, lng only); the ids of the
        matches from the full-text index alone; the rest of the few that are both from the narrow
        index. So no row of text is read, and nothing is scored but the matches in the circle:
        by where the query matches (title above body), and later the boost and the phrase bonus.
        """
        south, north, west, east = near.bbox()
        distances = {
            entry_id: distance
            for entry_id, lat, lng in self._rows(
                f"SELECT id, lat, lng FROM {ENTRY} INDEXED BY search_entry_geo "
                "WHERE lat BETWEEN %s AND %s AND lng BETWEEN %s AND %s",
                [south, north, west, east],
            )
            if (distance := near.distance_km(lat, lng)) <= near.radius_km
        }
        ids = distances.keys()
        query = match.query
        if not query.is_empty and ids:
            ids = ids & set(self._match_ids_near(match, (south, north, west, east)))
        if not ids:
            return []
        return [
            Candidate.of(
                row,
                0.0 if query.is_empty else title_or_body_weight(query, match.relaxed, row.title_norm),
                distances[row.id],
            )
            for row in self.narrow_rows(sorted(ids))
        ]

    def _match_ids_near(self, match, bbox):
        """The ids of the matches in the grid cells overlapping ``bbox`` (every match when they are too many)."""
        cells = fulltext.geo_cell_tokens(*bbox)
        if len(cells) > MAX_NEAR_CELLS:
            return self.match_ids(match)
        expression = f"({match.expression}) AND filter_tokens : ({' OR '.join(cells)})"
        return self._joined_ids(f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s", [expression])

    def before_bulk_write(self, cursor):
        for name in fulltext.SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")

    def after_bulk_write(self, cursor):
        for sql in fulltext.SQLITE_TRIGGER_SQL:
            cursor.execute(sql)
        cursor.execute(fulltext.SQLITE_REBUILD)

    def open_staging(self, cursor):
        """Stage the next index in a scratch database file of its own, beside the site's database.

        Staging 100,000 documents writes for minutes; in the site's database every one of those
        commits would grow its write-ahead log, start checkpoints, and make every reader's
        connection throw its page cache away and read the index again, while residents search.
        In a separate file the site's database does not change until the swap. The scratch file
        needs no journal and no flush to disk: it is thrown away after the swap, and a rebuild
        that dies is started again. Inside a transaction (SQLite cannot attach a database there)
        the table stays in the site's database.
        """
        path = self._staging_path(cursor)
        if path is None:
            self.staging = STAGING
            super().open_staging(cursor)
            return
        self._remove_staging_file(path)
        if path:  # readable by this user only, as the site's database is
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        cursor.execute(f"ATTACH DATABASE %s AS {STAGING_SCHEMA}", [path])
        cursor.execute(f"PRAGMA {STAGING_SCHEMA}.journal_mode = OFF")
        cursor.execute(f"PRAGMA {STAGING_SCHEMA}.synchronous = OFF")
        self.staging = f"{STAGING_SCHEMA}.{STAGING}"
        super().open_staging(cursor)

    def close_staging(self, cursor):
        if self.staging == STAGING:
            super().close_staging(cursor)
            return
        cursor.execute("PRAGMA database_list")
        attached = {name: path for _seq, name, path in cursor.fetchall()}
        if STAGING_SCHEMA in attached:
            cursor.execute(f"DETACH DATABASE {STAGING_SCHEMA}")
            self._remove_staging_file(attached[STAGING_SCHEMA])
        self.staging = STAGING

    def _staging_path(self, cursor):
        """The scratch file beside the site's database ('' for a private temporary one when the database is in
        memory), or None inside a transaction."""
        if not self.connection.get_autocommit():
            return None
        cursor.execute("PRAGMA database_list")
        main = next((path for _seq, name, path in cursor.fetchall() if name == "main"), "")
        return f"{main}-{STAGING}" if main else ""

    @staticmethod
    def _remove_staging_file(path):
        for name in (path, f"{path}-journal") if path else ():
            Path(name).unlink(missing_ok=True)

    def after_rebuild(self):
        """Copy the swap's pages from the write-ahead log into the database file, then empty the log.

        The swap rewrites the whole index in one transaction, about as large as the index itself.
        SQLite copies it into the database file at the commit only as far as no searching
        connection still reads the old index, and otherwise leaves it until the next write, which
        may be hours away; meanwhile every search reads the new index's pages out of the log (a
        look-up and a copy for each page) instead of the memory-mapped file. Passive checkpoints
        never make a search wait; they are repeated until the log is copied whole, and the log file
        (the size of the index) is then truncated.
        """
        if self.connection.in_atomic_block:
            return
        with self.connection.cursor() as cursor:
            for _ in range(CHECKPOINT_TRIES):
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
                _busy, logged, copied = cursor.fetchone()
                if copied >= logged:  # both -1 when the database is not in WAL mode
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    return
                time.sleep(0.05)
