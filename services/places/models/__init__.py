"""Places: streets, communities (with their joint committees), grids, grid workers and ratings, the party
structure, and service stations."""

from .areas import Community, Grid, Street
from .committee import CommitteeMember, RotatingChair, chairs_by_month
from .holidays import PublicHoliday, holiday_calendar
from .map_settings import MapSettings
from .organisation import BuildingPartyGroup, GridWorker, PartyMemberHousehold
from .ratings import GridRating, GridRatingLevel, quarter_of
from .roads import Road
from .station_details import OpeningException, OpeningPeriod, StationActivity, StationPhoto, StationService
from .station_index import StationIndexPage
from .stations import Facility, HolidayPolicy, StationKind, StationPage

__all__ = [
    "BuildingPartyGroup",
    "CommitteeMember",
    "Community",
    "Facility",
    "Grid",
    "GridRating",
    "GridRatingLevel",
    "GridWorker",
    "HolidayPolicy",
    "MapSettings",
    "OpeningException",
    "OpeningPeriod",
    "PartyMemberHousehold",
    "PublicHoliday",
    "Road",
    "RotatingChair",
    "StationActivity",
    "StationIndexPage",
    "StationKind",
    "StationPage",
    "StationPhoto",
    "StationService",
    "Street",
    "chairs_by_month",
    "holiday_calendar",
    "quarter_of",
]
