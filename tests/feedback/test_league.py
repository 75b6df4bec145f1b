"""League tables (晾晒评议): every figure, the ranking, the fewer-than-5 rule, periods, caching and the CSV.

The tickets below have known outcomes; each expected figure is worked out by hand in the comments.
Times are Beijing time; two tickets are acknowledged or closed just after midnight Beijing time, when
the UTC date is still the day before, so a date compared in UTC would count them as in time.
"""

import csv
import datetime
import io
import itertools
import re
import zoneinfo

import pytest

from services.feedback import league
from services.feedback.models import Rating, Status, Ticket

from .factories import CategoryFactory, CommunityFactory, DepartmentFactory

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


def at(day, hour=9, minute=0):
    """A Beijing time in 2025: ``at("04-01", 9)``."""
    month, dom = (int(part) for part in day.split("-"))
    return datetime.datetime(2025, month, dom, hour, minute, tzinfo=BEIJING)


def date(day):
    month, dom = (int(part) for part in day.split("-"))
    return datetime.date(2025, month, dom)


def ticket(department, community, submitted, *, closed=None, due=None, status=None, rating="", reopened=0, ack=None):
    """A ticket with the given outcome; ``ack`` = (acknowledge by, acknowledged at or None)."""
    status = status or (Status.CLOSED if closed else Status.PROCESSING)
    fields = {}
    if ack is not None:
        fields = {"dispatched_at": submitted, "acknowledge_by": date(ack[0]), "acknowledged_at": ack[1]}
    return Ticket.objects.create(
        number=f"FK-T{next(_numbers):05d}",
        category=CATEGORY[0],
        community=community,
        department=department,
        description="路灯不亮",
        name="王建国",
        submitted_at=submitted,
        status=status,
        due_date=date(due) if due else None,
        closed_at=closed,
        rating=rating,
        reopen_count=reopened,
        **fields,
    )


CATEGORY = []


@pytest.fixture
def world(db):
    """Four departments and two communities with tickets in Q1 and Q2 2025."""
    CATEGORY[:] = [CategoryFactory(name="路灯", code="lights")]
    a = DepartmentFactory(name="甲部门")
    b = DepartmentFactory(name="乙部门")
    c = DepartmentFactory(name="丙部门")
    d = DepartmentFactory(name="丁部门")
    north = CommunityFactory(name="北苑社区", slug="north")
    south = CommunityFactory(name="南苑社区", slug="south")

    # Q2, 甲: six tickets.
    # A1 closed in 2.0 days by its due date, 满意, acknowledged in time.
    ticket(a, north, at("04-01"), closed=at("04-03"), due="04-08", rating=Rating.SATISFIED,
           ack=("04-02", at("04-01", 15)))  # fmt: skip
    # A2 closed in 4.0 days on time, 基本满意, acknowledged at 23:30 on the deadline day (in time).
    ticket(a, north, at("04-02"), closed=at("04-06"), due="04-09", rating=Rating.BASIC,
           ack=("04-03", at("04-03", 23, 30)))  # fmt: skip
    # A3 closed in 10.0 days, after its due date, reopened once, unrated; acknowledged late.
    ticket(a, north, at("04-03"), closed=at("04-13"), due="04-10", reopened=1, ack=("04-04", at("04-07")))
    # A4 still being handled after its due date (overdue); never acknowledged.
    ticket(a, south, at("04-07"), due="04-14", ack=("04-08", None))
    # A5 replied, awaiting the resident's rating: neither closed nor overdue; acknowledged in time.
    ticket(a, south, at("04-08"), due="04-15", status=Status.REPLIED, ack=("04-09", at("04-09", 8)))
    # A6 closed at 01:00 Beijing time the day after its due date (late; in UTC still the due date),
    # after 1 day 16 hours, 满意; acknowledged at 00:30 the day after its deadline (late).
    ticket(a, south, at("04-09"), closed=at("04-11", 1), due="04-10", rating=Rating.SATISFIED,
           ack=("04-09", at("04-10", 0, 30)))  # fmt: skip
    # 甲 in Q2: 报到率 3/6 = 50.0; on time 2/5 (A1, A2 of A1, A2, A3, A6 closed + A4 overdue) = 40.0;
    # satisfaction: verdicts 满意 A1, A6, 基本满意 A2, 不满意 once for A3 → 3/4 = 75.0; reopen 1/6 = 16.7;
    # median of 1.67, 2, 4, 10 days = 3.0; score (50 + 40 + 75 + 83.3) / 4 = 62.1.

    # Q2, 乙: five tickets, each closed in one day on time, 满意, acknowledged in time: score 100.
    for day in ("04-14", "04-15", "04-16", "04-17", "04-18"):
        ticket(b, north, at(day), closed=at(day) + datetime.timedelta(days=1), due="04-30",
               rating=Rating.SATISFIED, ack=(day, at(day, 10)))  # fmt: skip
    # Q2, 丙: four perfect tickets — fewer than five, so listed but not ranked.
    for day in ("05-06", "05-07", "05-08", "05-09"):
        ticket(c, south, at(day), closed=at(day, 17), due="05-20", rating=Rating.SATISFIED, ack=(day, at(day, 10)))
    # 丁 has no ticket at all. A hidden ticket (spam) of 甲 and one of 甲 in July count nowhere.
    spam = ticket(a, north, at("04-20"), closed=at("04-20", 10), due="04-21", rating=Rating.UNSATISFIED)
    Ticket.objects.filter(pk=spam.pk).update(hidden=True)
    ticket(a, north, at("07-01"), due="07-08")

    # Q1: 甲 five perfect tickets (rank 1), 乙 five tickets half as good (rank 2).
    for day in ("01-06", "01-07", "01-08", "01-09", "01-10"):
        ticket(a, north, at(day), closed=at(day, 18), due="01-20", rating=Rating.SATISFIED, ack=(day, at(day, 10)))
    for day in ("02-10", "02-11", "02-12", "02-13", "02-14"):
        ticket(b, south, at(day), due="02-17", ack=(day, None))  # overdue, never acknowledged
    return {"a": a, "b": b, "c": c, "d": d, "north": north, "south": south}


Q2 = league.Period("quarter", 2025, 2)
TODAY = datetime.date(2026, 1, 15)


def by_name(rows):
    return {row["name"]: row for row in rows}


def test_every_department_figure_is_counted_from_the_tickets(world):
    rows = by_name(league.table("departments", Q2, TODAY)["rows"])
    a = rows["甲部门"]
    assert (a["received"], a["dispatched"], a["acknowledged"], a["ack_rate"]) == (6, 6, 3, 50.0)
    assert (a["due"], a["on_time"], a["on_time_rate"]) == (5, 2, 40.0)
    assert (a["rated"], a["satisfied"], a["satisfaction"]) == (4, 3, 75.0)
    assert (a["reopened"], a["reopen_rate"], a["closed"]) == (1, 16.7, 4)
    assert a["median_days"] == 3.0
    assert a["score"] == 62.1
    b = rows["乙部门"]
    assert (b["received"], b["ack_rate"], b["on_time_rate"], b["satisfaction"], b["reopen_rate"]) == (
        5,
        100.0,
        100.0,
        100.0,
        0.0,
    )
    assert (b["median_days"], b["score"]) == (1.0, 100.0)
    c = rows["丙部门"]
    assert (c["received"], c["score"], c["median_days"]) == (4, 100.0, 0.3)
    d = rows["丁部门"]
    assert d["received"] == 0
    assert [d[key] for key in ("ack_rate", "on_time_rate", "satisfaction", "reopen_rate", "median_days")] == [None] * 5


def test_ranking_leaves_groups_with_fewer_than_five_tickets_unranked(world):
    rows = league.table("departments", Q2, TODAY)["rows"]
    assert [(row["name"], row["rank"]) for row in rows] == [
        ("乙部门", 1),
        ("甲部门", 2),
        ("丙部门", None),  # a perfect score, but only four tickets
        ("丁部门", None),
    ]


def test_change_from_the_previous_period(world):
    rows = by_name(league.table("departments", Q2, TODAY)["rows"])
    # Q1: 甲 100 (rank 1), 乙 (0 + 0 + 100) / 3 = 33.3 (rank 2); 乙 has no rating, so three rates.
    previous = by_name(league.compute("departments", Q2.previous(), TODAY))
    assert (previous["甲部门"]["score"], previous["乙部门"]["score"]) == (100.0, 33.3)
    assert (rows["乙部门"]["change"], rows["乙部门"]["change_text"], rows["乙部门"]["previous_rank"]) == (
        "up",
        "↑ 上升1名",
        2,
    )
    assert (rows["甲部门"]["change"], rows["甲部门"]["change_text"], rows["甲部门"]["previous_rank"]) == (
        "down",
        "↓ 下降1名",
        1,
    )
    assert rows["丙部门"]["change_text"] == "未排名"


def test_community_table_counts_by_the_ticket_community(world):
    rows = by_name(league.table("communities", Q2, TODAY)["rows"])
    # 北苑: A1, A2, A3 and 乙's five = 8 tickets; 南苑: A4, A5, A6 and 丙's four = 7.
    north, south = rows["北苑社区"], rows["南苑社区"]
    assert (north["received"], north["acknowledged"], north["dispatched"], north["ack_rate"]) == (8, 7, 8, 87.5)
    # North: due A1, A2, A3 + five of 乙 = 8, on time 7 = 87.5; verdicts: 7 satisfied (A1, A2, 乙 ×5) and
    # A3's 不满意 → 87.5.
    assert (north["on_time_rate"], north["satisfaction"], north["reopen_rate"]) == (87.5, 87.5, 12.5)
    # North closed in 2, 4, 10, 1, 1, 1, 1, 1 days: the middle two of eight are 1 and 1.
    assert north["median_days"] == 1.0
    # South: dispatched 7, acknowledged in time A5 and 丙's four = 5 → 71.4; due A4, A6, 丙 ×4 = 6,
    # on time 丙 ×4 = 66.7; rated A6, 丙 ×4 = 5 satisfied; closed A6 (1.67) and 丙 ×4 (0.33): 0.3.
    assert (south["received"], south["ack_rate"], south["on_time_rate"], south["satisfaction"]) == (
        7,
        71.4,
        66.7,
        100.0,
    )
    assert (south["reopen_rate"], south["median_days"]) == (0.0, 0.3)
    assert [row["name"] for row in league.table("communities", Q2, TODAY)["rows"]][:2] == ["北苑社区", "南苑社区"]


def test_month_and_year_periods(world):
    april = by_name(league.table("departments", league.Period("month", 2025, 4), TODAY)["rows"])
    assert (april["甲部门"]["received"], april["乙部门"]["received"], april["丙部门"]["received"]) == (6, 5, 0)
    year = by_name(league.table("departments", league.Period("year", 2025), TODAY)["rows"])
    assert (year["甲部门"]["received"], year["乙部门"]["received"]) == (12, 10)  # Q1 + Q2 + July


@pytest.mark.parametrize(
    ("value", "code"),
    [("2025", "2025"), ("2025-Q2", "2025-Q2"), ("2025-q4", "2025-Q4"), ("2025-04", "2025-04"), (None, "2026")],
)
def test_periods_parse(value, code):
    assert league.parse_period(value, TODAY).code == code


@pytest.mark.parametrize("value", ["2025-13", "2025-Q5", "2025-00", "1999", "abc", "2026-02", "2025-4", "9" * 50])
def test_bad_periods_are_refused_with_a_message(value):
    with pytest.raises(league.PeriodError) as error:
        league.parse_period(value, TODAY)
    assert re.search(r"[\u4e00-\u9fff]", str(error.value))


def test_period_navigation():
    assert league.Period("month", 2025, 1).previous().code == "2024-12"
    assert league.Period("quarter", 2025, 1).previous().code == "2024-Q4"
    assert league.Period("quarter", 2025, 4).next().code == "2026-Q1"
    assert league.Period("year", 2025).previous().code == "2024"
    assert league.Period("month", 2025, 12).end == datetime.date(2026, 1, 1)


def test_the_page_shows_the_ranked_table_and_navigation(client, home_page, world, settings):
    response = client.get("/figures/departments/?period=2025-Q2")
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    assert table.index("乙部门") < table.index("甲部门") < table.index("丙部门")
    assert "62.1" in table and "40.0%" in table and "3/6" in table and "3/4" in table
    assert "↑ 上升1名" in table and "↓ 下降1名" in table
    assert 'href="?period=2025-Q1"' in html and 'href="?period=2025-Q3"' in html
    assert 'href="?period=2025-04"' in html and 'href="?period=2025"' in html
    assert "少于5件" in html
    assert 'class="bar-chart"' in html and "<svg" in html


@pytest.mark.parametrize("path", ["/figures/departments/", "/figures/communities/", "/figures/departments.csv"])
def test_a_bad_period_gets_a_clear_message_not_an_error(client, home_page, db, path):
    response = client.get(path, {"period": "2025-13"})
    assert response.status_code == 400
    assert "月份" in response.content.decode()


def test_the_tables_are_linked_from_the_figures_page(client, home_page, db):
    html = client.get("/figures/").content.decode()
    assert 'href="/figures/departments/"' in html and 'href="/figures/communities/"' in html


def test_the_cache_is_renewed_when_a_ticket_of_the_period_changes(world, django_assert_max_num_queries):
    first = league.cached_table("departments", Q2, TODAY)
    with django_assert_max_num_queries(1):  # the content version only
        assert league.cached_table("departments", Q2, TODAY)["counted_at"] == first["counted_at"]
    reopened = Ticket.objects.get(department=world["c"], submitted_at=at("05-06"))
    reopened.reopen_count = 1
    reopened.save()
    rows = by_name(league.cached_table("departments", Q2, TODAY)["rows"])
    assert rows["丙部门"]["reopen_rate"] == 25.0
    # A fifth ticket makes 丙 rankable.
    ticket(world["c"], world["south"], at("05-12"), closed=at("05-12", 17), due="05-20", rating=Rating.SATISFIED)
    rows = by_name(league.cached_table("departments", Q2, TODAY)["rows"])
    assert rows["丙部门"]["received"] == 5 and rows["丙部门"]["rank"] is not None


def test_a_change_in_the_previous_period_renews_the_change_column(world):
    assert by_name(league.cached_table("departments", Q2, TODAY)["rows"])["乙部门"]["previous_rank"] == 2
    for old in Ticket.objects.filter(department=world["a"], submitted_at__lt=at("04-01")):
        old.status, old.closed_at, old.rating, old.reopen_count = Status.REOPENED, None, Rating.UNSATISFIED, 1
        old.save()
    # Q1 甲 now: acknowledged 100, on time 0 (five open after 01-20), satisfied 0, reopened 100 → 25,
    # below 乙's 33.3: 乙 was first in the previous period.
    assert by_name(league.cached_table("departments", Q2, TODAY)["rows"])["乙部门"]["previous_rank"] == 1


def test_csv_has_every_figure_with_a_bom_and_no_formulas(client, home_page, world):
    world["d"].name = "=HYPERLINK(1)"
    world["d"].save()
    response = client.get("/figures/departments.csv", {"period": "2025-Q2"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, first, second = rows[0], rows[1], rows[2]
    assert header[:3] == ["统计期间", "名次", "名称"]
    record = dict(zip(header, second, strict=True))
    assert record["名称"] == "甲部门" and record["名次"] == "2"
    assert (record["收件数"], record["报到率(%)"], record["按期办结率(%)"], record["满意率(%)"]) == (
        "6",
        "50.0",
        "40.0",
        "75.0",
    )
    assert (record["重办率(%)"], record["办结用时中位数(天)"], record["综合得分"], record["上期名次"]) == (
        "16.7",
        "3.0",
        "62.1",
        "1",
    )
    assert first[2] == "乙部门"
    assert rows[-1][2] == "'=HYPERLINK(1)"


@pytest.mark.django_db
def test_the_demo_gives_the_tables_believable_content(home_page):
    from django.utils import timezone

    from services.feedback import demo
    from services.places import demo as places_demo

    places_demo.load(home_page)
    demo.load(home_page)
    today = timezone.localdate()
    quarter = league.Period("quarter", today.year, (today.month - 1) // 3 + 1).previous()
    rows = league.table("departments", quarter, today)["rows"]
    ranked = [row for row in rows if row["rank"]]
    assert len(ranked) >= 6, [(row["name"], row["received"]) for row in rows]
    scores = [row["score"] for row in ranked]
    assert len(set(scores)) == len(scores) and 60 < min(scores) < max(scores) < 100, scores
    for key in ("ack_rate", "on_time_rate", "satisfaction"):
        values = [row[key] for row in ranked]
        assert all(0 < value <= 100 for value in values) and len(set(values)) > 2, (key, values)
    assert all(row["median_days"] and 0.5 < row["median_days"] < 20 for row in ranked)
    assert {row["change"] for row in ranked} & {"up", "down"}, "ranks move between quarters"
    month = league.table("departments", league.Period("month", quarter.year, 3 * quarter.number - 2), today)
    assert any(row["rank"] is None and row["received"] for row in month["rows"]), "a month leaves someone unranked"
    for recent in Ticket.objects.filter(
        dispatched_at__isnull=False, submitted_at__gte=timezone.now() - datetime.timedelta(days=56)
    ):
        dispatches = list(recent.events.filter(action="dispatch").values_list("created_at", flat=True))
        assert recent.dispatched_at == dispatches[-1], "the acknowledgement deadline runs from the demo's own dispatch"
        if recent.acknowledged_at:
            assert recent.acknowledged_at == list(recent.events.filter(action="acknowledged"))[-1].created_at
    communities = league.table("communities", quarter, today)["rows"]
    assert sum(1 for row in communities if row["rank"]) >= 4
    for row in ranked:
        print(
            row["rank"],
            row["name"],
            row["received"],
            row["ack_rate"],
            row["on_time_rate"],
            row["satisfaction"],
            row["reopen_rate"],
            row["median_days"],
            row["score"],
            row["change_text"],
        )
    for row in communities:
        print(row["rank"], row["name"], row["received"], row["score"])


def test_the_community_table_shows_the_quarters_grid_ratings(client, home_page, world):
    from services.places.models import GridRating, GridRatingLevel

    from .factories import GridFactory

    five = GridRatingLevel.objects.create(stars=5, name="五星网格", criteria="群众满意度95%以上")
    three = GridRatingLevel.objects.create(stars=3, name="三星网格", criteria="完成基本任务")
    first = GridFactory(community=world["north"], name="北苑一网格", code="BY-01")
    second = GridFactory(community=world["north"], name="北苑二网格", code="BY-02")
    GridRating.objects.create(grid=first, year=2025, quarter=2, level=five)
    GridRating.objects.create(grid=second, year=2025, quarter=2, level=three)
    GridRating.objects.create(grid=second, year=2025, quarter=3, level=five)  # another quarter
    html = client.get("/figures/communities/", {"period": "2025-Q2"}).content.decode()
    section = html[html.index('id="league-grids-title"') :]
    row = section[section.index("北苑社区") : section.index("</tr>", section.index("北苑社区"))]
    assert '<td class="num">2</td>' in row and '<td class="num">4.0</td>' in row
    assert "北苑一网格</a> 五星网格" in row and "北苑二网格</a> 三星网格" in row
    assert "南苑社区" not in section[: section.index("</table>")], "a community without ratings has no row"
    assert "不计入综合得分" in section


def test_a_renamed_department_or_community_shows_at_once(world, django_capture_on_commit_callbacks):
    assert "甲部门" in by_name(league.cached_table("departments", Q2, TODAY)["rows"])
    world["a"].name = "甲执法中队"
    world["a"].save()
    assert "甲执法中队" in by_name(league.cached_table("departments", Q2, TODAY)["rows"])
    assert "北苑社区" in by_name(league.cached_table("communities", Q2, TODAY)["rows"])
    with django_capture_on_commit_callbacks(execute=True):  # the content version moves after the commit
        world["north"].name = "北苑新村社区"
        world["north"].save()
    assert "北苑新村社区" in by_name(league.cached_table("communities", Q2, TODAY)["rows"])


def test_an_inactive_department_and_tickets_without_a_group_are_counted_where_they_belong(world):
    # 丙 is no longer a listed department, but its four Q2 tickets still count under its name.
    world["c"].active = False
    world["c"].save()
    # A ticket not yet given to a department (nor to a community) counts in neither table.
    ticket(None, None, at("05-10"), due="05-20")
    # One of 乙 without a community counts for 乙 only: 乙 six received, the communities still 8 and 7.
    ticket(world["b"], None, at("05-11"), closed=at("05-12"), due="05-20", rating=Rating.SATISFIED)
    rows = by_name(league.table("departments", Q2, TODAY)["rows"])
    assert (rows["丙部门"]["received"], rows["丙部门"]["median_days"], rows["丙部门"]["rank"]) == (4, 0.3, None)
    assert (rows["乙部门"]["received"], rows["乙部门"]["closed"], rows["乙部门"]["median_days"]) == (6, 6, 1.0)
    assert sum(row["received"] for row in rows.values()) == 6 + 6 + 4
    communities = by_name(league.table("communities", Q2, TODAY)["rows"])
    assert (communities["北苑社区"]["received"], communities["南苑社区"]["received"]) == (8, 7)


def test_the_tables_are_read_from_their_covering_index(world):
    """At a million tickets only the index is fast enough: each counting query reads the group's own
    covering index range by range (no ticket row, no sort), even before the database has statistics."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans by its statistics (a parallel scan of a small table is its fastest)")
    for kind, index in (("departments", "feedback_league_department"), ("communities", "feedback_league_community")):
        with CaptureQueriesContext(connection) as captured:
            league.table(kind, Q2, TODAY)
        counting = [query["sql"] for query in captured if 'FROM "feedback_ticket"' in query["sql"]]
        assert len(counting) == 3, counting  # this period, its median, the previous period
        with connection.cursor() as cursor:
            for sql in counting:
                plan = " / ".join(row[-1] for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
                assert f"USING COVERING INDEX {index}" in plan, plan
                assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "America/Bogota"])
def test_on_or_before_a_local_day_holds_to_the_last_microsecond(db, settings, zone):
    """A deadline day ends at local midnight, in a zone ahead of UTC, at UTC, or behind it."""
    from django.utils import timezone

    settings.TIME_ZONE = zone
    local = zoneinfo.ZoneInfo(zone)
    CATEGORY[:] = [CategoryFactory(name="路灯", code="lights")]
    deadline = datetime.date(2025, 4, 10)
    moments = [
        datetime.datetime(2025, 4, 9, 23, 59, 59, tzinfo=local),
        datetime.datetime(2025, 4, 10, 0, 0, tzinfo=local),
        datetime.datetime(2025, 4, 10, 7, 59, 59, 999999, tzinfo=local),
        datetime.datetime(2025, 4, 10, 23, 59, 59, 999999, tzinfo=local),
        datetime.datetime(2025, 4, 11, 0, 0, tzinfo=local),
        datetime.datetime(2025, 4, 11, 0, 0, 0, 1, tzinfo=local),
        datetime.datetime(2025, 4, 11, 15, 30, tzinfo=local),
    ]
    for moment in moments:
        made = ticket(None, None, moment, closed=moment, due="04-10")
        Ticket.objects.filter(pk=made.pk).update(due_date=deadline)
    found = dict(
        Ticket.objects.annotate(in_time=league.OnOrBeforeLocalDay("closed_at", "due_date")).values_list(
            "closed_at", "in_time"
        )
    )
    assert [found[moment] for moment in moments] == [True, True, True, True, False, False, False]
    assert [timezone.localtime(moment).date() <= deadline for moment in moments] == [found[m] for m in moments]
