"""The server loads the search engine's facet map once at start, before any resident searches."""

import importlib
import sys

import pytest

from tests.support.production import production_env

pytestmark = pytest.mark.django_db


def test_loading_the_wsgi_application_warms_the_search_engine(embedded_engine, corpus, monkeypatch):
    from django.db import connections

    from search import analysis

    embedded_engine.rebuild()
    assert embedded_engine._facet_maps == {}
    analysis.dictionary.invalidate()  # as in a process that has not analysed anything yet
    closed = []
    # The server closes the connection so no forked worker shares it; the test keeps its own open.
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    sys.modules.pop("portal.wsgi", None)
    try:
        importlib.import_module("portal.wsgi")
    finally:
        import gc

        gc.unfreeze()
    assert closed
    assert analysis.dictionary._loaded_version is not None  # jieba and the domain terms are loaded
    state = embedded_engine._facet_maps["state"]
    assert state["version"] == embedded_engine.version()
    # The first search counts from the loaded map: no full read of the table.
    reads = []
    batches = embedded_engine._row_batches
    monkeypatch.setattr(embedded_engine, "_row_batches", lambda sql, params: reads.append(sql) or batches(sql, params))
    assert embedded_engine.search("网格").facets["category"]
    assert reads == []


def test_warming_answers_searches_without_counting_them_or_changing_results(embedded_engine, corpus):
    """The warm-up's searches are the server's own: no statistics, and residents get the same answers."""
    from search.models import QueryStat

    embedded_engine.rebuild()
    before = [(r.key, r.score) for r in embedded_engine.search("网格").hits]
    searched = []
    original = embedded_engine.search
    embedded_engine.search = lambda query, **options: searched.append(query) or original(query, **options)
    try:
        embedded_engine.warm()
    finally:
        del embedded_engine.search
    assert searched == [query for query, _options in embedded_engine.WARM_SEARCHES]
    assert not QueryStat.objects.exists()
    assert [(r.key, r.score) for r in embedded_engine.search("网格").hits] == before


def full_text_statements(statements):
    return [q["sql"] for q in statements if "search_fts MATCH" in q["sql"] or "search_vector" in q["sql"]]


def test_warming_takes_every_step_even_when_the_shared_cache_holds_the_results(embedded_engine, corpus):
    """A server restarted within the cache's lifetime finds the warm-up's results of its previous run in the
    shared cache; the warm-up still runs the full-text statements, else every step it is for stays cold."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    embedded_engine.rebuild()
    embedded_engine.warm()  # the previous run of the server: the results are now in the cache
    with CaptureQueriesContext(connection) as statements:
        embedded_engine.warm()
    assert len(full_text_statements(statements)) >= len(embedded_engine.WARM_SEARCHES)
    # A resident's repeated search still counts from the cache.
    embedded_engine.search("服务")
    with CaptureQueriesContext(connection) as statements:
        embedded_engine.search("服务")
    assert [sql for sql in full_text_statements(statements) if "group_concat" in sql] == []


def test_each_gunicorn_worker_warms_the_search_engine_before_it_accepts_requests(embedded_engine, corpus, monkeypatch):
    """gunicorn calls post_worker_init in every worker it forks (also long after the master started, after
    --max-requests) before the worker serves; the hook reads what changed in the index since the master's
    warm-up and answers the warm-up searches in that worker, leaving no database connection open."""
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext

    from portal import gunicorn_conf

    embedded_engine.rebuild()
    embedded_engine.warm()  # the master's warm-up, before the fork
    embedded_engine.rebuild()  # days later: a new index generation, every id new
    closed = []
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    with CaptureQueriesContext(connection) as statements:
        gunicorn_conf.post_worker_init(worker=None)
    assert len(full_text_statements(statements)) >= len(embedded_engine.WARM_SEARCHES)
    assert closed
    assert embedded_engine._facet_maps["state"]["version"] == embedded_engine.version()
    # The resident's first search in that worker counts from the map read at its start.
    reads = []
    batches = embedded_engine._row_batches
    monkeypatch.setattr(embedded_engine, "_row_batches", lambda sql, params: reads.append(sql) or batches(sql, params))
    assert embedded_engine.search("网格").facets["category"]
    assert reads == []


@pytest.mark.parametrize("launcher", ["scripts/serve.sh", "scripts/stack.py", "deploy/systemd/portal-web.service"])
def test_every_way_of_serving_the_portal_loads_the_gunicorn_hooks(launcher):
    """The hooks only run when gunicorn is told to load them: each command line that starts it says so."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / launcher).read_text(encoding="utf-8")
    assert "gunicorn" in text
    assert "python:portal.gunicorn_conf" in text
    assert "--preload" in text


WORKER = r"""
import json, os, sys, threading
import psycopg
import portal.wsgi  # the master: Django, the warm-up, the pool closed before the fork
from django.db import connection

url = os.environ["DATABASE_URL"]


def backends(observer):
    rows = observer.execute(
        "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    ).fetchall()
    return {pid: query for pid, query in rows}


read, write = os.pipe()
if os.fork() == 0:  # a worker, started as gunicorn starts one
    from portal import gunicorn_conf
    from search.engine import get_engine

    gunicorn_conf.post_worker_init(None)
    with psycopg.connect(url, autocommit=True) as observer:
        ready = backends(observer)
        used = []

        def request():  # a request thread of a gthread worker
            get_engine().search("社区服务")
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                used.append(cursor.fetchone()[0])

        thread = threading.Thread(target=request)
        thread.start()
        thread.join()
        os.write(write, json.dumps({"ready": ready, "used": used[0]}).encode())
    os._exit(0)
os.close(write)
print(os.fdopen(read).read())
os.wait()
"""


@pytest.mark.postgres
def test_a_new_workers_first_search_runs_on_a_connection_opened_and_warmed_before_it_served(
    transactional_db, corpus, tmp_path
):
    """A new PostgreSQL connection is a new server process whose first statements read the catalogue: tens
    of milliseconds on a resident's first search in each worker (and, with connections closed after
    CONN_MAX_AGE, every minute). Each worker's pool opens its connections and searches on each before the
    worker accepts requests; a request thread borrows one of them."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("connection pools are for PostgreSQL (SQLite opens a file)")
    from search.engine.embedded import EmbeddedEngine

    EmbeddedEngine().rebuild()
    settings = connection.settings_dict
    url = f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = production_env(tmp_path / "state", url, ALLOWED_HOSTS="127.0.0.1", ELASTICSEARCH_URL="")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    ready = {int(pid): query for pid, query in report["ready"].items()}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        ready.pop(cursor.fetchone()[0], None)  # this test's own connection
    assert report["used"] in ready  # no connection opened for the resident's search
    assert len(ready) >= 2 and all(ready.values())  # the pool's, each of which has run statements (a search)
