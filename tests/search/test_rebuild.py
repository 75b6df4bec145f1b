"""A rebuild never takes search away: searches answer from the old index while it runs, writes made
meanwhile survive it, and every server process sees the whole new index once it is swapped in."""

import datetime
import threading
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from search import registry
from search.engine.embedded import EmbeddedEngine
from search.engine.embedded import base as embedded_base
from search.registry import PreparedDocument

pytestmark = pytest.mark.django_db(transaction=True)


def in_other_process(action):
    """Run ``action`` on its own database connection (as another server process would) and return its result."""
    outcome = {}

    def run():
        try:
            outcome["value"] = action()
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def document(n, title, body="", category="notice"):
    return PreparedDocument(
        key=f"test.notice:{n}",
        doc_type="news",
        model_label="test.notice",
        object_id=str(n),
        url=f"/notice/{n}/",
        title=title,
        body_text=body,
        category=category,
    )


CONTENT = [
    document(1, "柳荫社区实行网格化管理", "网格员每天走访居民。", "work"),
    document(2, "网格员招募公告", "招募网格员20名。"),
    document(3, "垃圾分类桶前值守见成效", "志愿者指导居民分类。", "community"),
    document(4, "小蜜蜂驿站为外卖骑手提供歇脚点", "驿站由网格员管理。"),
]


@pytest.fixture
def content(monkeypatch):
    """The public content the registry yields (a list the test may change)."""
    documents = list(CONTENT)
    monkeypatch.setattr(registry, "iter_prepared", lambda: iter(list(documents)))
    return documents


def during_rebuild(monkeypatch, action):
    """Make the next rebuild call ``action`` halfway through reading the content."""
    original = registry.iter_prepared

    def slow_iter_prepared():
        documents = list(original())
        middle = len(documents) // 2
        yield from documents[:middle]
        action()
        yield from documents[middle:]

    monkeypatch.setattr(registry, "iter_prepared", slow_iter_prepared)


def test_searches_answer_from_the_old_index_and_publishes_survive_a_long_rebuild(embedded_engine, content, monkeypatch):
    embedded_engine.rebuild()
    before = embedded_engine.search("网格").total
    assert before == 3
    seen = {}

    def meanwhile():
        started = time.perf_counter()
        seen["total"] = in_other_process(lambda: EmbeddedEngine().search("网格").total)
        seen["search_seconds"] = time.perf_counter() - started
        published = document(5, "网格员夜间值班安排", "今晚起网格员轮流值班。")
        in_other_process(lambda: EmbeddedEngine().index_bulk([published]))
        in_other_process(lambda: EmbeddedEngine().delete("test.notice:3"))

    during_rebuild(monkeypatch, meanwhile)
    embedded_engine.rebuild()
    assert seen["total"] == before  # the old index, whole, while the new one is built
    assert seen["search_seconds"] < 2
    after = embedded_engine.search("网格", per_page=50)
    assert after.total == before + 1
    assert "网格员夜间值班安排" in [hit.title for hit in after.hits]
    assert embedded_engine.search("垃圾分类").total == 0  # deleted while the rebuild ran: stays deleted


def test_a_process_that_first_searched_late_in_a_long_rebuild_counts_the_new_index(
    embedded_engine, content, monkeypatch
):
    embedded_engine.rebuild()
    # Editors recategorise the notices; the next rebuild picks that up.
    content[:] = [
        document(n + 1, d.title, d.body_text, "press" if d.category == "notice" else d.category)
        for n, d in enumerate(content)
    ]
    worker = {}
    start = timezone.now()

    def meanwhile():
        # Five minutes into the rebuild a server process starts and answers its first search.
        monkeypatch.setattr(embedded_base.timezone, "now", lambda: start + datetime.timedelta(minutes=5))
        worker["engine"] = EmbeddedEngine()
        worker["before"] = in_other_process(lambda: worker["engine"].search("网格").total)

    during_rebuild(monkeypatch, meanwhile)
    embedded_engine.rebuild()
    monkeypatch.setattr(embedded_base.timezone, "now", lambda: start + datetime.timedelta(minutes=6))
    seen = in_other_process(lambda: worker["engine"].search("网格", filters={"category": "press"}))
    assert worker["before"] == 3
    assert seen.total == 2
    assert {v.value: v.count for v in seen.facets["category"]} == {"press": 2, "work": 1}
    cache.clear()  # what that process counted was shared: the counts of a fresh process agree
    assert embedded_engine.search("网格", filters={"category": "press"}).total == 2


def test_staging_leaves_the_site_database_unchanged_until_the_swap(embedded_engine, content, monkeypatch):
    """On SQLite the rebuild stages the next index in a scratch file of its own: while it analyses for
    minutes, the site's database (and so every searching connection's page cache and the write-ahead log)
    changes only at the swap, and the scratch file is gone afterwards."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's staging file")
    embedded_engine.rebuild()
    monkeypatch.setattr(embedded_base, "WRITE_BATCH", 1)  # a commit for every document staged
    observer = sqlite3.connect(connection.settings_dict["NAME"])  # a searching process's connection
    observer.execute("SELECT count(*) FROM search_searchentry").fetchone()

    def data_version():
        return observer.execute("PRAGMA data_version").fetchone()[0]

    before, during = data_version(), set()
    original = registry.iter_prepared

    def watched():
        for prepared in original():
            yield prepared
            during.add(data_version())

    staged = {}

    def watched_and_staged():
        staging = Path(f"{connection.settings_dict['NAME']}-search_rebuild")
        staged["mode"] = staging.stat().st_mode & 0o777
        yield from watched()

    monkeypatch.setattr(registry, "iter_prepared", watched_and_staged)
    embedded_engine.rebuild()
    assert staged["mode"] == 0o600  # readable by the site's user only, like the database
    assert during == {before}
    assert data_version() != before  # the swap
    assert not Path(f"{connection.settings_dict['NAME']}-search_rebuild").exists()
    assert embedded_engine.search("网格").total == 3
    observer.close()


def test_after_the_swap_searches_read_the_new_index_from_the_database_file(embedded_engine, content, monkeypatch):
    """The swap rewrites the whole index in one commit. A search that still reads the old index at that
    moment keeps SQLite from copying it into the database file then; the rebuild waits (never making a
    search wait) until it can, so later searches do not read the index out of the write-ahead log, and
    the log, as large as the index, is emptied."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write-ahead log")
    name = connection.settings_dict["NAME"]
    embedded_engine.rebuild()
    reader = sqlite3.connect(name, isolation_level=None, check_same_thread=False)

    def search_in_progress():
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM search_searchentry").fetchone()  # reads the old index
        threading.Timer(0.5, lambda: reader.execute("COMMIT")).start()  # ...and finishes after the swap

    during_rebuild(monkeypatch, search_in_progress)
    embedded_engine.rebuild()
    assert Path(f"{name}-wal").stat().st_size == 0
    assert reader.execute("SELECT count(*) FROM search_searchentry").fetchone() == (len(content),)
    reader.close()


def test_on_postgresql_the_rebuild_lowers_the_priority_of_its_database_process(db):
    """The swap's index writes and the VACUUM run in the server's process: it yields the processor to searches too."""
    import os

    from search.management.commands.rebuild_search_index import lower_database_priority

    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs inside the rebuild's own process, whose priority the command lowers")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    if os.geteuid() != 0 and os.stat(f"/proc/{pid}").st_uid != os.geteuid():
        pytest.skip("the server runs as another user: only root may lower its process's priority")
    before = os.getpriority(os.PRIO_PROCESS, pid)
    try:
        assert lower_database_priority(5) is True
        assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, before + 5)
    finally:
        if os.geteuid() == 0:
            os.setpriority(os.PRIO_PROCESS, pid, before)


def pages_read_by_a_search(word):
    """Pages of the search table a search's listing of ``word`` reads, on a connection of its own."""

    def explain():
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT string_agg(e.id::text, ',') FROM search_searchentry e "
                "CROSS JOIN to_tsquery('simple', %s) q WHERE e.search_vector @@ q",
                [word],
            )
            plan = cursor.fetchone()[0]
        plan = plan[0]["Plan"]  # psycopg reads EXPLAIN's JSON into Python
        return plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]

    return in_other_process(explain)


def test_on_postgresql_searches_never_read_the_next_index_while_it_is_swapped_in(embedded_engine, content, monkeypatch):
    """The next index is a table of its own until the swap renames it into place: a search meanwhile
    reads the live index's pages only (rows written into the live table, even uncommitted, would be
    in its indexes, and every search would visit them: twice the pages, twice the time)."""
    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite stages the next index in a database file of its own (tested above)")
    content[:] = [
        document(n, f"第{n}网格工作日志", f"网格员走访第{n}户居民，记录诉求。" * 20, "work") for n in range(1, 301)
    ]
    embedded_engine.rebuild()
    before = pages_read_by_a_search("网格")
    assert before > 10  # the rows fill many pages
    seen = []

    def carry_over_and_look(*args):
        since = carry_over(*args)
        seen.append(pages_read_by_a_search("网格"))  # inside the swap's transaction, just before the renames
        return since

    # Until the swap, the next index is written to a table of its own (before: to the live one,
    # so a search read twice the pages). The look inside the swap comes after it has carried
    # editors' writes over, just before the live table is taken.
    carry_over = embedded_engine._carry_over
    monkeypatch.setattr(embedded_engine, "_carry_over", carry_over_and_look)
    during_rebuild(monkeypatch, lambda: seen.append(pages_read_by_a_search("网格")))
    embedded_engine.rebuild()
    assert seen == [before, before]
    assert embedded_engine.search("网格").total == 300


def test_on_postgresql_the_swapped_in_table_is_the_live_one_in_every_way(embedded_engine, content):
    """Index and constraint names (later migrations refer to them), the id sequence, the title trigger and
    other roles' privileges are those of the table it replaces; publishing afterwards works as before."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's rebuild keeps its table")

    def shape():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchentry'")
            indexes = sorted(cursor.fetchall())
            cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'search_searchentry'::regclass")
            constraints = sorted(row[0] for row in cursor.fetchall())
            cursor.execute(
                "SELECT pg_get_serial_sequence('search_searchentry', 'id'), "
                "has_table_privilege('search_reader', 'search_searchentry', 'SELECT'), "
                "(SELECT count(*) FROM pg_trigger WHERE tgrelid = 'search_searchentry'::regclass AND NOT tgisinternal)"
            )
            return indexes, constraints, *cursor.fetchone()

    with connection.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS search_reader")
        cursor.execute("CREATE ROLE search_reader")
        cursor.execute("GRANT SELECT ON search_searchentry TO search_reader")
    try:
        embedded_engine.rebuild()
        before = shape()
        assert before[3] is True and before[4] == 1
        embedded_engine.rebuild()
        assert shape() == before
        published = document(9, "网格员夜间值班安排", "今晚起网格员轮流值班。")
        embedded_engine.index_bulk([published])
        titles = [hit.title for hit in embedded_engine.search("值班").hits]
        assert titles == ["网格员夜间值班安排"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT max(id) FROM search_searchentry")
            newest = cursor.fetchone()[0]
            cursor.execute("SELECT id, title_vector IS NOT NULL FROM search_searchentry WHERE key = 'test.notice:9'")
            assert cursor.fetchone() == (newest, True)  # ids go on rising; the trigger fills the title's vector
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP OWNED BY search_reader")
            cursor.execute("DROP ROLE search_reader")


def test_on_postgresql_the_swap_waits_for_a_long_reader_without_holding_up_searches_or_publishes(
    embedded_engine, content, monkeypatch
):
    """A backup reads the search table for minutes: the swap tries again and again to take the table,
    each try short, so searches and editors' publishes meanwhile answer at once; it swaps once the
    reader is done, with what was published meanwhile."""
    from django.db import transaction

    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite's swap waits on its write lock (its busy timeout)")
    embedded_engine.rebuild()
    monkeypatch.setattr(embedded_engine, "swap_lock_timeout_ms", 50)
    monkeypatch.setattr(embedded_engine, "swap_retry_seconds", 0.05)
    reading, retried, release = threading.Event(), threading.Event(), threading.Event()
    tries, seen = [], {}

    def backup():
        try:
            with transaction.atomic(), connections["default"].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM search_searchentry")
                reading.set()
                release.wait(30)
        finally:
            connections.close_all()

    def resident_and_editor():
        retried.wait(30)
        started = time.perf_counter()
        seen["total"] = in_other_process(lambda: EmbeddedEngine().search("网格").total)
        seen["search_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        in_other_process(lambda: EmbeddedEngine().index_bulk([document(5, "网格员夜间值班安排", "轮流值班。")]))
        seen["publish_seconds"] = time.perf_counter() - started
        release.set()

    carry_over = embedded_engine._carry_over

    def counting_carry_over(*args):
        tries.append(1)
        if len(tries) == 2:
            retried.set()
        return carry_over(*args)

    monkeypatch.setattr(embedded_engine, "_carry_over", counting_carry_over)
    threads = [threading.Thread(target=backup), threading.Thread(target=resident_and_editor)]
    threads[0].start()
    assert reading.wait(10)
    threads[1].start()
    embedded_engine.rebuild()
    for thread in threads:
        thread.join(30)
    assert len(tries) >= 2
    assert seen["total"] == 3  # the old index, whole
    assert seen["search_seconds"] < 1 and seen["publish_seconds"] < 1
    assert "网格员夜间值班安排" in [hit.title for hit in embedded_engine.search("网格", per_page=50).hits]
