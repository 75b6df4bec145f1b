"""The places demo: enough realistic content, loaded twice without duplicates."""

from home import demo as home_demo
from services.places import demo
from services.places.models import (
    Community,
    Grid,
    GridWorker,
    PartyMemberHousehold,
    StationActivity,
    StationKind,
    StationPage,
    Street,
)


def counts():
    return (
        Street.objects.count(),
        Community.objects.count(),
        Grid.objects.count(),
        GridWorker.objects.count(),
        PartyMemberHousehold.objects.count(),
        StationPage.objects.count(),
        StationActivity.objects.count(),
    )


def test_demo_is_complete_and_idempotent(db):
    home = home_demo.ensure_home()
    demo.load(home)
    first = counts()
    demo.load(home)
    assert counts() == first
    streets, communities, grids, _workers, households, stations, _activities = first
    assert streets >= 3 and communities >= 8 and grids >= 30 and stations >= 60 and households > 0
    assert not Grid.objects.filter(workers__isnull=True).exists()
    assert set(StationPage.objects.values_list("kind", flat=True)) == set(StationKind.values)
    assert StationPage.objects.live().count() == stations
    always = [s for s in StationPage.objects.filter(kind="rider") if s.schedule["weekly"][6] == [["00:00", "00:00"]]]
    assert len(always) >= 3
    closed_sunday = [s for s in StationPage.objects.all() if s.schedule["weekly"][6] == []]
    assert len(closed_sunday) >= 10
    for station in StationPage.objects.all():
        assert 30.2 < station.latitude < 30.35 and 120.05 < station.longitude < 120.25
        assert station.activities_in_month().exists(), station.title
        assert station.facilities
    for worker in GridWorker.objects.filter(role="grid_worker"):
        assert worker.work_phone.startswith("0571-")


def test_demo_figures_agree_and_read_current(db):
    from django.db.models import Sum

    from services.places import demo_data

    demo.load(home_demo.ensure_home())
    for community in Community.objects.annotate(grid_households=Sum("grids__households")):
        assert abs(community.grid_households - community.households) <= community.households * 0.05, community.name
        assert community.party_organisation == f"中共{community.name}委员会"
    assert "健康码" not in repr(vars(demo_data))


def test_demo_rosters_committees_and_ratings_are_complete(db, client):
    from django.utils import timezone

    from services.places.demo_roster import past_quarters
    from services.places.models import GridRating, RotatingChair

    demo.load(home_demo.ensure_home())
    today = timezone.localdate()
    for grid in Grid.objects.select_related("community"):
        roles = [w.role for w in grid.workers.all()]
        for role in ("first_secretary", "grid_leader", "grid_worker", "part_time_worker"):
            assert roles.count(role) == 1, (grid, role)
        assert roles.count("micro_grid_worker") == 2
        secretary = grid.workers.get(role="first_secretary")
        assert secretary.sent_from.startswith("区") and secretary.mobile
        leader = grid.workers.get(role="grid_leader").name
        assert grid.community.committee_members.filter(name=leader).exclude(post="part_time").exists()
        rated = set(GridRating.objects.filter(grid=grid).values_list("year", "quarter"))
        assert rated == set(past_quarters(4, today))
    for community in Community.objects.all():
        units = set(community.committee_members.filter(post="part_time").values_list("unit", flat=True))
        assert len(units) >= 3
        chairs = RotatingChair.objects.filter(community=community)
        assert set(chairs.values_list("unit", flat=True)) == units
        assert chairs.filter(year=today.year, month=today.month).exists()
    body = client.get("/community/liuyin/").content.decode()
    current = RotatingChair.objects.get(community__slug="liuyin", year=today.year, month=today.month)
    assert f"{current.name}（{current.unit}）" in body
    assert "1390571" not in body
