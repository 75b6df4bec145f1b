"""SQL that creates and inspects the embedded engine's full-text index on SQLite and PostgreSQL."""

# ruff: noqa: S608 - every name interpolated below is a constant of this module

import hashlib
import math

ENTRY_TABLE = "search_searchentry"
FTS_TABLE = "search_fts"
SQLITE_TRIGGERS = ("search_entry_ai", "search_entry_ad", "search_entry_au")

# The indexed columns. Migration 0002 created the first two; 0007 added ``filter_tokens``, which
# holds one opaque token per facet value (see ``filter_tokens``) so that a filtered search is
# narrowed inside the full-text index, and ranked by bm25 over the filtered matches only; 0009 added
# the token of the entry's grid cell, so that a search near a place lists only the matches nearby.
COLUMNS_V1 = ("title_tokens", "body_tokens")
COLUMNS = ("title_tokens", "body_tokens", "filter_tokens")
FILTER_PREFIXES = {"type": "t", "category": "k", "community": "c", "year": "y"}


def filter_token(key, value):
    """The full-text token standing for facet ``key`` having ``value``: letters and digits only."""
    digest = hashlib.sha1(f"{key}\x1f{value}".encode(), usedforsecurity=False).hexdigest()[:12]
    return FILTER_PREFIXES[key] + digest


GEO_CELL_DEGREES = 0.01  # about 1.1 km north-south: a 2 km search near a place covers about 25 cells


def _cell(lat, lng):
    return math.floor((lat + 90) / GEO_CELL_DEGREES), math.floor((lng + 180) / GEO_CELL_DEGREES)


def geo_cell_token(lat, lng):
    """The token of the grid cell holding (lat, lng), so that the full-text index can narrow a match to an area."""
    row, column = _cell(lat, lng)
    return f"g{row}x{column}"


def geo_cell_tokens(south, north, west, east):
    """The tokens of every cell overlapping a bounding box, in order."""
    (low_row, low_column), (high_row, high_column) = _cell(south, west), _cell(north, east)
    return [f"g{r}x{c}" for r in range(low_row, high_row + 1) for c in range(low_column, high_column + 1)]


def filter_tokens(doc_type, category, community, year, lat=None, lng=None):
    """The ``filter_tokens`` text of an entry: its facet values, and its grid cell when it has a place."""
    values = {"type": doc_type, "category": category, "community": community, "year": year}
    tokens = [filter_token(key, value) for key, value in values.items() if value not in (None, "")]
    if lat is not None and lng is not None:
        tokens.append(geo_cell_token(lat, lng))
    return " ".join(tokens)


def sqlite_table(columns=COLUMNS):
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"{', '.join(columns)}, content='{ENTRY_TABLE}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')"
    )


def sqlite_triggers(columns=COLUMNS):
    names, old, new = ", ".join(columns), ", ".join(f"old.{c}" for c in columns), ", ".join(f"new.{c}" for c in columns)
    insert = f"INSERT INTO {FTS_TABLE}(rowid, {names}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {names}) VALUES ('delete', old.id, {old});"
    return [
        f"CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON {ENTRY_TABLE} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON {ENTRY_TABLE} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE OF {names} ON {ENTRY_TABLE} BEGIN "
        f"{delete} {insert} END",
    ]


SQLITE_TRIGGER_SQL = sqlite_triggers()
# Re-read the content table into the index (after bulk writes without triggers).
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"

POSTGRES_INSTALL = [
    f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_tokens, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_tokens, '')), 'B')) STORED",
    f"CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON {ENTRY_TABLE} USING GIN (search_vector)",
]
# Migration 0008: the title's tokens alone, so that title matches come from their own GIN index (a
# weight-restricted query on search_vector would re-check every row); and a narrow heap. A GIN index
# gives row addresses only, so listing the ids of 10,000 matches visits their heap pages: long
# values go to TOAST (toast_tuple_target), while the title's vector and text stay in the row.
# Search keeps answering while it is added: a plain nullable column (no table rewrite), kept in
# step by a trigger, filled in batches of short transactions, indexed CONCURRENTLY; rows take the
# narrow layout when they are next written (a rebuild rewrites them all). See "Migrations" in
# search/README.md.
POSTGRES_TITLE_VECTOR_FUNCTION = "search_entry_title_vector"
POSTGRES_TITLE_VECTOR = [
    f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS title_vector tsvector",
    f"CREATE OR REPLACE FUNCTION {POSTGRES_TITLE_VECTOR_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN NEW.title_vector := to_tsvector('simple'::regconfig, coalesce(NEW.title_tokens, '')); RETURN NEW; END $$",
    f"DROP TRIGGER IF EXISTS {POSTGRES_TITLE_VECTOR_FUNCTION} ON {ENTRY_TABLE}",
    f"CREATE TRIGGER {POSTGRES_TITLE_VECTOR_FUNCTION} BEFORE INSERT OR UPDATE OF title_tokens ON {ENTRY_TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {POSTGRES_TITLE_VECTOR_FUNCTION}()",
    f"ALTER TABLE {ENTRY_TABLE} SET (toast_tuple_target = 128)",
    f"ALTER TABLE {ENTRY_TABLE} ALTER COLUMN title_vector SET STORAGE MAIN, ALTER COLUMN title_norm SET STORAGE MAIN",
]
# One batch of the fill (ids in a range, so each UPDATE is a short transaction of its own).
POSTGRES_TITLE_VECTOR_FILL = (
    f"UPDATE {ENTRY_TABLE} SET title_vector = to_tsvector('simple'::regconfig, coalesce(title_tokens, '')) "
    "WHERE id > %s AND id <= %s AND title_vector IS NULL"
)
POSTGRES_TITLE_VECTOR_INDEX = (
    f"CREATE INDEX {{concurrently}}IF NOT EXISTS search_entry_title_gin ON {ENTRY_TABLE} USING GIN (title_vector)"
)
POSTGRES_TITLE_VECTOR_DROP = [
    "DROP INDEX IF EXISTS search_entry_title_gin",
    f"DROP TRIGGER IF EXISTS {POSTGRES_TITLE_VECTOR_FUNCTION} ON {ENTRY_TABLE}",
    f"DROP FUNCTION IF EXISTS {POSTGRES_TITLE_VECTOR_FUNCTION}()",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS title_vector",
    f"ALTER TABLE {ENTRY_TABLE} RESET (toast_tuple_target)",
]
# Migration 0011: each entry's sample bucket, so that counting a sample of a large match set reads
# only the sample's rows (see ``EmbeddedEngine._counted_ids``). The expression must stay the one
# the engine's statements use, ``(id % SAMPLE_BUCKETS)``.
SAMPLE_BUCKETS = 64
POSTGRES_BUCKET_INDEX = (
    f"CREATE INDEX {{concurrently}}IF NOT EXISTS search_entry_bucket ON {ENTRY_TABLE} ((id % {SAMPLE_BUCKETS}))"
)
POSTGRES_BUCKET_INDEX_DROP = "DROP INDEX IF EXISTS search_entry_bucket"
POSTGRES_COLUMNS = ("search_vector", "title_vector")


def install_fulltext(connection, columns=COLUMNS, title_vector=True):
    """Create the full-text index for this connection's database (idempotent).

    ``columns`` (SQLite) and ``title_vector`` (PostgreSQL) are for migrations, which must keep
    creating the index their schema had.
    """
    sqlite = [sqlite_table(columns), *sqlite_triggers(columns), SQLITE_REBUILD]
    postgres = POSTGRES_INSTALL + (
        [*POSTGRES_TITLE_VECTOR, POSTGRES_TITLE_VECTOR_INDEX.format(concurrently="")] if title_vector else []
    )
    statements = {"sqlite": sqlite, "postgresql": postgres}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def remove_fulltext(connection):
    """Drop what ``install_fulltext`` created."""
    if connection.vendor == "sqlite":
        statements = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
        statements.append(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif connection.vendor == "postgresql":
        statements = [
            *POSTGRES_TITLE_VECTOR_DROP,
            "DROP INDEX IF EXISTS search_entry_vector_gin",
            f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector",
        ]
    else:
        statements = []
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def fulltext_problems(connection):
    """What is missing from the full-text set-up (empty when healthy)."""
    problems = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE (type='table' AND name=%s) OR (type='trigger' AND name IN (%s, %s, %s))",
                [FTS_TABLE, *SQLITE_TRIGGERS],
            )
            present = {row[0] for row in cursor.fetchall()}
            problems += [f"missing {name}" for name in (FTS_TABLE, *SQLITE_TRIGGERS) if name not in present]
            if FTS_TABLE in present:
                cursor.execute(f"SELECT * FROM {FTS_TABLE} LIMIT 0")
                columns = tuple(d[0] for d in cursor.description)
                if columns != COLUMNS:
                    problems.append(f"{FTS_TABLE} has columns {', '.join(columns)}, not {', '.join(COLUMNS)}")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name=%s AND column_name IN (%s, %s)",
                [ENTRY_TABLE, *POSTGRES_COLUMNS],
            )
            present = {row[0] for row in cursor.fetchall()}
            problems += [f"missing {name} column" for name in POSTGRES_COLUMNS if name not in present]
        else:
            problems.append(f"unsupported database {connection.vendor}")
    return problems
