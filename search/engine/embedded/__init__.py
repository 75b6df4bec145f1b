"""The embedded engine: the index lives in the site's own database, transactional with content.

``EmbeddedEngine()`` gives the engine for the database in use: ``SqliteEngine`` (FTS5, bm25) or
``PostgresEngine`` (tsvector, GIN, ts_rank). Both share ``base.EmbeddedEngine``: an exact phrase
ranks above the same words scattered apart, and only one page of rows is read.
"""

from search.engine.embedded.base import EmbeddedEngine
from search.engine.embedded.postgres import PostgresEngine
from search.engine.embedded.sqlite import SqliteEngine

__all__ = ["EmbeddedEngine", "PostgresEngine", "SqliteEngine"]
