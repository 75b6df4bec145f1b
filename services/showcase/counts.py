"""Counts of things the portal itself lists (stations, grids, households…) that a figure may show live.

A before/after figure whose "now" value is one of these is never typed in: it is counted when the page
is rendered, so a brand or case page always agrees with the station map and the community pages.
"""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from services.places.models import BuildingPartyGroup, Community, Grid, PartyMemberHousehold, StationKind, StationPage


def _stations(kind=None):
    stations = StationPage.objects.live().public()
    return (stations.filter(kind=kind) if kind else stations).count()


def _compounds():
    return sum(len(grid.compound_list()) for grid in Grid.objects.only("compounds"))


LIVE_COUNTS = {
    "stations": (_("Service stations on the map"), _stations),
    "rider_stations": (_("Stations for couriers and riders (小蜜蜂驿站)"), lambda: _stations(StationKind.RIDER)),
    "centres": (_("Community party-and-masses service centres"), lambda: _stations(StationKind.CENTRE)),
    "communities": (_("Communities"), lambda: Community.objects.count()),
    "grids": (_("Grids"), lambda: Grid.objects.count()),
    "households": (
        _("Households in all communities"),
        lambda: Community.objects.aggregate(n=Sum("households"))["n"] or 0,
    ),
    "compounds": (_("Residential compounds in all grids"), _compounds),
    "party_member_households": (_("Party-member households"), lambda: PartyMemberHousehold.objects.count()),
    "party_groups": (_("Building party groups"), lambda: BuildingPartyGroup.objects.count()),
}


def count_choices():
    """(key, label) for the figure block's choice of a live count."""
    return [(key, label) for key, (label, _count) in LIVE_COUNTS.items()]


def live_count(key):
    """The current value of a live count (KeyError for an unknown key)."""
    return LIVE_COUNTS[key][1]()
