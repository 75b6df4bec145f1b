"""SQL that creates and inspects the embedded engine's full-text index on SQLite and PostgreSQL."""

# ruff: noqa: S608 - every name interpolated below is a constant of this module

ENTRY_TABLE = "search_searchentry"
FTS_TABLE = "search_fts"
SQLITE_TRIGGERS = ("search_entry_ai", "search_entry_ad", "search_entry_au")

SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"title_tokens, body_tokens, content='{ENTRY_TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_TRIGGER_SQL = [
    f"CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON {ENTRY_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); "
    "END",
    f"CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON {ENTRY_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); END",
    f"CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE OF title_tokens, body_tokens ON {ENTRY_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); "
    f"INSERT INTO {FTS_TABLE}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); "
    "END",
]
# Re-read the content table into the index (after bulk writes without triggers).
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"
SQLITE_INSTALL = [SQLITE_TABLE, *SQLITE_TRIGGER_SQL, SQLITE_REBUILD]

POSTGRES_INSTALL = [
    f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_tokens, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_tokens, '')), 'B')) STORED",
    f"CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON {ENTRY_TABLE} USING GIN (search_vector)",
]


def install_fulltext(connection):
    """Create the full-text index for this connection's database (idempotent)."""
    statements = {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRES_INSTALL}.get(connection.vendor, [])
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
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name=%s AND column_name='search_vector'",
                [ENTRY_TABLE],
            )
            if cursor.fetchone() is None:
                problems.append("missing search_vector column")
        else:
            problems.append(f"unsupported database {connection.vendor}")
    return problems
