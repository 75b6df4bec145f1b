"""Cache-key parts that follow the district's clock: opening statuses change with the minute, hours tables with the day."""

from services.places import hours as hours_logic


def local_minute():
    """The current minute in the district's time ('202611220930'): opening statuses change with it."""
    return hours_logic.local_now().strftime("%Y%m%d%H%M")


def local_day():
    """Today in the district's time ('20261122'): hours tables and activity lists change with it."""
    return hours_logic.local_now().strftime("%Y%m%d")
