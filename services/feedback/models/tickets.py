"""A resident's ticket (诉求), its photos and its audit trail."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.ground.privacy import mask_name, mask_phone

from .setup import Category, Department


class Status(models.TextChoices):
    """The closed loop: 收到 → 受理 → 已派单 → 办理中 → 已答复 → 已办结, and 重新办理 after 不满意."""

    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    DISPATCHED = "dispatched", _("Dispatched")
    PROCESSING = "processing", pgettext_lazy("ticket status", "In progress")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", pgettext_lazy("ticket status", "Closed")
    REOPENED = "reopened", _("Reopened")


OPEN_STATUSES = [Status.RECEIVED, Status.ACCEPTED, Status.DISPATCHED, Status.PROCESSING, Status.REOPENED]


class Rating(models.TextChoices):
    """The resident's verdict on the reply."""

    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Source(models.TextChoices):
    """The channel a report came in by; phone and walk-in reports are entered by the acceptance centre."""

    WEB = "web", _("Website form")
    OPEN311 = "open311", _("Open311 API")
    PHONE = "phone", _("Phone (12345 hotline)")
    WALK_IN = "walkin", pgettext_lazy("feedback channel", "Walk-in")


STAFF_SOURCES = [Source.PHONE, Source.WALK_IN]


def new_tracking_token():
    """An unguessable token for the private tracking link (192 bits)."""
    return secrets.token_urlsafe(24)


def new_api_token():
    """The Open311 token returned on POST (lets a client look up the request id)."""
    return secrets.token_hex(16)


# The columns the league tables count, besides the group and submitted_at (see Ticket.Meta.indexes).
LEAGUE_COLUMNS = [
    "hidden",
    "status",
    "due_date",
    "closed_at",
    "rating",
    "reopen_count",
    "dispatched_at",
    "acknowledge_by",
    "acknowledged_at",
]


class Ticket(models.Model):
    """One report from a resident, followed from receipt to closure; never deleted, only closed or hidden."""

    number = models.CharField(_("ticket number"), max_length=20, unique=True, editable=False)
    tracking_token = models.CharField(max_length=40, unique=True, default=new_tracking_token, editable=False)
    api_token = models.CharField(max_length=40, unique=True, default=new_api_token, editable=False)
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="tickets")
    community = models.ForeignKey(
        "places.Community", verbose_name=_("community"), null=True, blank=True, on_delete=models.PROTECT
    )
    grid = models.ForeignKey("places.Grid", verbose_name=_("grid"), null=True, blank=True, on_delete=models.PROTECT)
    station_page_id = models.PositiveIntegerField(null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=2000)
    attributes = models.JSONField(_("answers to category questions"), default=dict, blank=True)

    name = models.CharField(_("name"), max_length=40)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    name_public = models.BooleanField(_("name may be shown publicly"), default=False)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # Set at each dispatch: when, and by which working day the department must acknowledge (签收) it;
    # a re-dispatch starts over (acknowledged_at back to None).
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True, db_index=True)
    acknowledge_by = models.DateField(_("acknowledge by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(default=0)
    # A department's pending request for more time (申请延期); the deadline moves only when the
    # acceptance centre approves it. 0 days = no request pending.
    extension_requested_days = models.PositiveSmallIntegerField(_("extension requested (working days)"), default=0)
    extension_request_reason = models.CharField(_("reason for the extension"), max_length=500, blank=True)
    extension_requested_at = models.DateTimeField(null=True, blank=True)
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    first_replied_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)

    published = models.BooleanField(_("published on the public list"), default=False)
    public_text = models.TextField(
        _("public summary"), blank=True, help_text=_("Shown on the public list instead of the resident's own words.")
    )
    hidden = models.BooleanField(_("hidden (spam or duplicate)"), default=False)

    class Meta:
        verbose_name = _("feedback ticket")
        verbose_name_plural = _("feedback tickets")
        ordering = ["-submitted_at"]
        permissions = [
            ("manage_tickets", "Can accept, dispatch and close any ticket (acceptance centre)"),
            ("view_personal_data", "Can see residents' full phone numbers"),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["department", "status"]),
            # The league tables (services/feedback/league.py) read a period's tickets group by group
            # from these alone: every column they count is in the index, so no ticket row is read
            # and the rows come in group order (no sort).
            models.Index(fields=["department", "submitted_at", *LEAGUE_COLUMNS], name="feedback_league_department"),
            models.Index(fields=["community", "submitted_at", *LEAGUE_COLUMNS], name="feedback_league_community"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def extension_pending(self):
        return self.extension_requested_days > 0

    @property
    def phone_masked(self):
        """138****5678: enough for a person to recognise, useless to a stranger."""
        return mask_phone(self.phone)

    @property
    def name_masked(self):
        return mask_name(self.name)

    @property
    def shows_place_publicly(self):
        """False for sensitive categories: a complaint made at home must not point to the home."""
        return not self.category.sensitive

    @property
    def public_name(self):
        """The name as the public may see it: only with consent, otherwise 匿名居民."""
        return self.name if self.name_public and self.name else str(_("Anonymous resident"))

    @property
    def acknowledged_in_time(self):
        """True when the department acknowledged the current dispatch by its working-day deadline."""
        if self.acknowledged_at is None or self.acknowledge_by is None:
            return False
        return timezone.localdate(self.acknowledged_at) <= self.acknowledge_by

    @property
    def awaiting_acknowledgement(self):
        """Dispatched to a department that has not acknowledged it yet."""
        return bool(self.department_id and self.dispatched_at and self.acknowledged_at is None and self.is_open)

    def acknowledgement_state(self, today=None):
        """'' when nothing is awaited or it came in time; 'late' when acknowledged after the deadline;
        'overdue' when still not acknowledged after it."""
        if self.acknowledge_by is None:
            return ""
        if self.acknowledged_at is not None:
            return "" if self.acknowledged_in_time else "late"
        if not self.awaiting_acknowledgement:
            return ""
        today = today or timezone.localdate()
        return "overdue" if today > self.acknowledge_by else ""

    @property
    def deadline_estimated(self):
        """True when the due date or the acknowledgement deadline lies in a year without a holiday calendar."""
        from ..calendar import is_estimated

        return (self.is_open and is_estimated(self.due_date)) or (
            self.awaiting_acknowledgement and is_estimated(self.acknowledge_by)
        )

    def deadline_state(self, today=None):
        """'overdue', 'due_soon' or '' for open tickets with a due date."""
        from ..calendar import deadline_state

        if not self.is_open or not self.due_date:
            return ""
        return deadline_state(self.due_date, today)

    def get_tracking_url(self):
        from django.urls import reverse

        return reverse("feedback:track_token", args=[self.tracking_token])


def photo_upload_to(instance, filename):
    """Photos live under an unguessable name; the original file name is never kept."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"feedback/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}.{ext}"


class TicketPhoto(models.Model):
    """A photo attached by the resident, re-encoded without any metadata."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=photo_upload_to, max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.image.name


class TicketEvent(models.Model):
    """One entry of the audit trail: who did what, when, and the status before and after."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=80, blank=True)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True, help_text="Shown on the resident's tracking page")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.ticket_id} {self.action}"


class DailyCounter(models.Model):
    """The last ticket number handed out on one day; rows are locked while a number is drawn."""

    day = models.DateField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.day}: {self.last}"
