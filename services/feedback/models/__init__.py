"""Models of the feedback loop, one module per concept, re-exported here."""

from .integration import Notification, Open311Key
from .setup import Category, CategoryQuestion, Department, ReplyTemplate
from .tickets import (
    OPEN_STATUSES,
    STAFF_SOURCES,
    DailyCounter,
    Rating,
    Source,
    Status,
    Ticket,
    TicketEvent,
    TicketPhoto,
)
from .wishes import PUBLIC_WISH_STATUSES, Wish, WishClaim, WishStatus

__all__ = [
    "OPEN_STATUSES",
    "PUBLIC_WISH_STATUSES",
    "STAFF_SOURCES",
    "Category",
    "CategoryQuestion",
    "DailyCounter",
    "Department",
    "Notification",
    "Open311Key",
    "Rating",
    "ReplyTemplate",
    "Source",
    "Status",
    "Ticket",
    "TicketEvent",
    "TicketPhoto",
    "Wish",
    "WishClaim",
    "WishStatus",
]
