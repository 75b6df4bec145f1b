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
