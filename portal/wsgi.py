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


warm_search()
# Everything loaded so far lives as long as the process: keep it out of the garbage collector's
# full passes (they would walk it on every resident's request) and out of copy-on-write pages.
gc.collect()
gc.freeze()
