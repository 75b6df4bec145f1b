"""Places: streets, communities, grids, grid workers, the party structure, and service stations."""

from .areas import Community, Grid, Street
from .holidays import PublicHoliday, holiday_calendar
from .map_settings import MapSettings
from .organisation import BuildingPartyGroup, GridWorker, PartyMemberHousehold
from .roads import Road
from .station_details import OpeningException, OpeningPeriod, StationActivity, StationPhoto, StationService
from .stations import Facility, HolidayPolicy, StationIndexPage, StationKind, StationPage

__all__ = [
    "BuildingPartyGroup",
    "Community",
    "Facility",
    "Grid",
    "GridWorker",
    "HolidayPolicy",
    "MapSettings",
    "OpeningException",
    "OpeningPeriod",
    "PartyMemberHousehold",
    "PublicHoliday",
    "Road",
    "StationActivity",
    "StationIndexPage",
    "StationKind",
    "StationPage",
    "StationPhoto",
    "StationService",
    "Street",
    "holiday_calendar",
]
