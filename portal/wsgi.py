"""WSGI entry point for gunicorn (started with ``--preload --config python:portal.gunicorn_conf``)."""

import gc
import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()


def warm_search(lexicon=True):
    """Load the search engine's per-process data and take every step of a search once.

    Called in the master when gunicorn preloads this module (the workers forked from it share
    that data), and again in each worker before it accepts requests (``portal.gunicorn_conf``,
    ``lexicon=False``). The database connection is closed again, so that no worker inherits or
    keeps it.
    """
    from django.db import DatabaseError, connections

    from search import analysis
    from search.correct import corrector
    from search.engine import SearchUnavailable, get_engine

    try:
        analysis.warm()  # jieba's dictionary and the domain terms: half a second per process otherwise
        get_engine().warm()
        if lexicon:  # typo correction's lexicon: seconds at 100,000 documents, read once by the master
            corrector.lexicon(get_engine())
    except (DatabaseError, OSError, SearchUnavailable):  # not migrated yet, or the search cluster is down: warm later
        logging.getLogger(__name__).warning("search engine not warmed at start", exc_info=True)
    finally:
        connections.close_all()


def close_pools():
    """Close the database connection pools (the master's, before it forks: no connection or pool thread may cross)."""
    from django.db import connections

    for connection in connections.all():
        if connection.settings_dict.get("OPTIONS", {}).get("pool"):
            connection.close_pool()


def warm_connections():
    """Open the worker's connection pool and take every step of a search once on each of its connections.

    A new PostgreSQL connection is a new server process, whose first statements read the catalogue
    for every table, index and function they touch: tens of milliseconds for a search. Request
    threads borrow the pool's connections, so the warm-up runs on each of them, in threads of their
    own that hold their connection until every one has its own. Nothing to do without a pool
    (SQLite, DATABASE_POOL=0). Called by ``portal.gunicorn_conf`` in each worker before it accepts
    requests.
    """
    import threading

    from django.db import DatabaseError, connection, connections

    from search.engine import SearchUnavailable, get_engine

    if not connection.settings_dict.get("OPTIONS", {}).get("pool"):
        return
    log = logging.getLogger(__name__)
    try:
        pool = connection.pool
        pool.open(wait=True, timeout=10)
    except Exception:  # the database is down: connections open on demand later
        log.warning("database pool not opened at worker start", exc_info=True)
        return
    holding = threading.Barrier(max(1, pool.min_size), timeout=10)

    def warm_one():
        try:
            get_engine().warm()
            holding.wait()  # keep this connection until every thread has one: each warms its own
        except (DatabaseError, OSError, SearchUnavailable, threading.BrokenBarrierError):
            log.warning("database connection not warmed at worker start", exc_info=True)
        finally:
            connections.close_all()  # back to the pool

    threads = [threading.Thread(target=warm_one) for _ in range(max(1, pool.min_size))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


warm_search()
close_pools()
# Everything loaded so far lives as long as the process: keep it out of the garbage collector's
# full passes (they would walk it on every resident's request) and out of copy-on-write pages.
gc.collect()
gc.freeze()
