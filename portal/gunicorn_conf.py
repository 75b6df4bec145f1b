"""gunicorn's hooks for the portal: every way of serving it passes ``--config python:portal.gunicorn_conf``
(scripts/serve.sh, scripts/stack.py, deploy/systemd/portal-web.service); the other options stay on those
command lines.
"""


def post_worker_init(worker):
    """Warm the search engine in each worker before it accepts requests (a few tens of milliseconds).

    The master warmed it before forking (``--preload`` loads ``portal.wsgi``), but gunicorn forks
    workers again long after that (``--max-requests``, a worker that died): by then the index may
    have been rebuilt, and the worker's first search would read the whole facet map again (about
    0.2 s at 100,000 documents) and take its other steps for the first time. This does it at the
    worker's start instead. Typo correction's lexicon is left to the request that needs it: building
    it again after a rebuild takes seconds, which could exceed gunicorn's worker timeout at start.
    """
    from portal.wsgi import warm_connections, warm_search

    warm_search(lexicon=False)
    warm_connections()  # each connection of the worker's database pool (PostgreSQL)
