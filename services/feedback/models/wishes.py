"""Micro-wishes (微心愿): small wishes of residents in need, claimed and fulfilled by volunteers."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from portal.ground.privacy import mask_name, mask_phone

from ..panels import ResidentContactPanel
from .tickets import photo_upload_to


class WishStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    OPEN = "open", _("Waiting to be claimed")
    CLAIMED = "claimed", _("Claimed")
    FULFILLED = "fulfilled", _("Fulfilled")
    REJECTED = "rejected", _("Not approved")


PUBLIC_WISH_STATUSES = [WishStatus.OPEN, WishStatus.CLAIMED, WishStatus.FULFILLED]


class Wish(models.Model):
    """One micro-wish; shown on the public board only after a moderator approves it."""

    title = models.CharField(_("wish"), max_length=60)
    description = models.TextField(_("story"), max_length=1000)
    beneficiary = models.CharField(
        _("for whom (public)"), max_length=40, help_text=_("As shown publicly, e.g. 独居老人李阿姨")
    )
    community = models.ForeignKey("places.Community", verbose_name=_("community"), on_delete=models.PROTECT)
    submitter_name = models.CharField(_("submitted by"), max_length=40)
    submitter_phone = models.CharField(_("submitter's mobile"), max_length=11)
    status = models.CharField(_("status"), max_length=10, choices=WishStatus.choices, default=WishStatus.PENDING)
    moderation_note = models.CharField(_("moderation note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("fulfilled"), null=True, blank=True)
    fulfilment_note = models.TextField(_("how it was fulfilled"), max_length=1000, blank=True)
    fulfilment_photo = models.FileField(_("fulfilment photo"), upload_to=photo_upload_to, blank=True, max_length=200)

    panels = [
        FieldPanel("title"),
        FieldPanel("beneficiary"),
        FieldPanel("description"),
        FieldPanel("community"),
        ResidentContactPanel("submitter_name", "submitter_phone"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("moderation_note")], heading=_("Moderation")),
        MultiFieldPanel([FieldPanel("fulfilment_note"), FieldPanel("fulfilment_photo")], heading=_("Fulfilment")),
    ]

    class Meta:
        verbose_name = _("micro-wish")
        verbose_name_plural = _("micro-wishes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def active_claim(self):
        return self.claims.filter(withdrawn=False).order_by("-created_at").first()


class WishClaim(models.Model):
    """A volunteer's promise to fulfil a wish; the phone is kept for the community only."""

    wish = models.ForeignKey(Wish, on_delete=models.CASCADE, related_name="claims")
    name = models.CharField(_("name"), max_length=40)
    phone = models.CharField(_("mobile phone"), max_length=11, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        verbose_name = _("wish claim")
        verbose_name_plural = _("wish claims")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.wish} · {self.name_masked}"

    @property
    def name_masked(self):
        return mask_name(self.name)

    @property
    def phone_masked(self):
        return mask_phone(self.phone)
