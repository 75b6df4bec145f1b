"""Residents signed in by phone, sign-in codes, and the volunteer points ledger with its exchange catalogue."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from portal.ground.privacy import mask_name, mask_phone


class Resident(models.Model):
    """A resident who verified a mobile number. Not a Django user: residents never reach the admin."""

    phone = models.CharField(_("mobile phone"), max_length=11, unique=True)
    display_name = models.CharField(
        _("name"), max_length=20, blank=True, help_text=_("Shown masked (张**) on the honour roll, if allowed.")
    )
    on_honour_roll = models.BooleanField(_("show on the honour roll"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    last_signed_in = models.DateTimeField(_("last signed in"), null=True, blank=True)
    # Bumped at the start of every ledger change: the write takes the row (PostgreSQL) or the database
    # (SQLite) lock, so two spends of one balance run one after the other.
    ledger_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self):
        return self.phone_masked

    @property
    def phone_masked(self):
        return mask_phone(self.phone)

    @property
    def name_masked(self):
        return mask_name(self.display_name) or mask_phone(self.phone)


class SignInCode(models.Model):
    """A one-time code sent to a number; only its keyed hash is stored."""

    phone = models.CharField(max_length=11, db_index=True)
    code_hash = models.CharField(max_length=64)
    client_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")

    def __str__(self):
        return mask_phone(self.phone)


class RuleKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity attended (confirmed by station staff)")
    WISH = "wish", _("Micro-wish fulfilled")
    REPORT = "report", _("Report verified as useful")
    SERVICE = "service", _("Volunteer service hours")
    OTHER = "other", _("Other")


class EarningRule(models.Model):
    """How points are earned; editors define the rules, staff award by them."""

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices, default=RuleKind.ACTIVITY)
    points = models.PositiveIntegerField(_("points"))
    description = models.TextField(_("how to earn"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("points"),
        FieldPanel("description"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("earning rule")
        verbose_name_plural = _("earning rules")
        ordering = ["kind", "-points"]

    def __str__(self):
        return f"{self.name}（{self.points}）"


class ExchangeItem(AdminSearchable, index.Indexed, models.Model):
    """Something offered for points at a named station (积分超市), with its stock."""

    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    points = models.PositiveIntegerField(_("points needed"))
    station = models.ForeignKey(
        "places.StationPage", verbose_name=_("station"), on_delete=models.PROTECT, related_name="exchange_items"
    )
    stock = models.PositiveIntegerField(_("in stock"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("points"),
        FieldPanel("station"),
        FieldPanel("stock"),
        FieldPanel("active"),
    ]
    # Its text: ExchangeItemDocument (services/participation/documents.py).
    search_fields = admin_search.fields(index.FilterField("active"))

    class Meta:
        verbose_name = _("exchange item")
        verbose_name_plural = _("exchange items")
        ordering = ["points", "name"]

    def __str__(self):
        return f"{self.name}（{self.station.title}）"


class StationStaff(models.Model):
    """A staff user working at a station: sees and confirms only that station's redemptions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.CASCADE,
        related_name="stations_staffed",
    )
    station = models.ForeignKey(
        "places.StationPage", verbose_name=_("station"), on_delete=models.CASCADE, related_name="staff"
    )

    panels = [FieldPanel("user"), FieldPanel("station")]

    class Meta:
        verbose_name = _("station staff member")
        verbose_name_plural = _("station staff")
        constraints = [models.UniqueConstraint(fields=["user", "station"], name="unique_station_staff")]

    def __str__(self):
        return f"{self.user} · {self.station.title}"


def redemption_code():
    """Eight characters a resident reads out at the counter: no 0/O or 1/I to mix up."""
    return "".join(secrets.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _n in range(8))


class RedemptionStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to be collected")
    COLLECTED = "collected", _("Collected")
    CANCELLED = "cancelled", _("Cancelled")


class Redemption(models.Model):
    """An item a resident exchanged points for; station staff check the code when it is collected."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="redemptions")
    item = models.ForeignKey(ExchangeItem, on_delete=models.PROTECT, related_name="redemptions")
    points = models.PositiveIntegerField(_("points"))
    code = models.CharField(_("code"), max_length=8, unique=True, default=redemption_code)
    status = models.CharField(
        _("status"), max_length=12, choices=RedemptionStatus.choices, default=RedemptionStatus.WAITING
    )
    created_at = models.DateTimeField(_("redeemed"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.code


class PointEntry(models.Model):
    """One line of the append-only points ledger: never changed or deleted; a correction is a new entry."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="entries")
    points = models.IntegerField(_("points"))
    reason = models.CharField(_("reason"), max_length=200)
    rule = models.ForeignKey(EarningRule, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("rule"))
    station = models.ForeignKey(
        "places.StationPage", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("station")
    )
    redemption = models.OneToOneField(Redemption, null=True, blank=True, on_delete=models.PROTECT, related_name="entry")
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("corrects")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    # What an automatic award was for ("wish:12", "ticket:34"): one entry per source, however often the
    # event is seen (a wish saved twice, a ticket closed again after reopening, a catch-up at sign-in).
    source = models.CharField(_("awarded for"), max_length=40, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("points entry")
        verbose_name_plural = _("points ledger")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source"], condition=~Q(source=""), name="unique_point_entry_source")
        ]

    def __str__(self):
        return f"{self.points:+d} {self.reason}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Ledger entries cannot be changed; add a correcting entry instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Ledger entries cannot be deleted; add a correcting entry instead."))

    @property
    def entered_by(self):
        """Who made the entry: the staff member, the resident (an exchange), or the rules (automatic)."""
        if self.created_by_id:
            return self.created_by.get_full_name() or self.created_by.get_username()
        if self.redemption_id:
            return _("The resident (exchange)")
        return _("Automatic, by the rules") if self.source else _("System")
