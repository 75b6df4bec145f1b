"""Counting searches for the editors' report never makes a resident wait."""

import sqlite3
import time

import pytest
from django.db import connection

from search import stats
from search.models import QueryStat

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_search_answers_while_another_connection_holds_the_write_lock(client, embedded_engine):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite has one write lock for the whole database")
    embedded_engine.rebuild()
    client.get("/search/", {"q": "驿站"})  # the site's settings rows exist, as on any running site
    stats.flush()
    other = sqlite3.connect(connection.settings_dict["TEST"]["NAME"] or connection.settings_dict["NAME"], timeout=1)
    try:
        other.execute("BEGIN IMMEDIATE")  # a writer (a rebuild, an editor) holds the lock
        started = time.perf_counter()
        response = client.get("/search/", {"q": "网格员招募"})
        took = time.perf_counter() - started
        assert response.status_code == 200
        assert took < 2, f"the search waited {took:.1f} s for the write lock"
    finally:
        other.rollback()
        other.close()
    assert stats.flush() == 1
    stat = QueryStat.objects.get(query="网格员招募")
    assert (stat.searches, stat.zero_results) == (1, 1)


def test_counts_that_cannot_be_written_wait_for_the_next_flush(embedded_engine):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite has one write lock for the whole database")
    stats.record("驿站", 3)
    stats.record("驿站", 0)
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=1)
    try:
        other.execute("BEGIN IMMEDIATE")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 100")
        assert stats.flush() == 0
    finally:
        other.rollback()
        other.close()
    assert stats.flush() == 1
    stat = QueryStat.objects.get(query="驿站")
    assert (stat.searches, stat.zero_results, stat.last_total) == (2, 1, 0)
