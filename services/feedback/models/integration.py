"""Open311 API keys and the e-mail outbox."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .setup import Department
from .tickets import Ticket


def hash_key(raw_key):
    return hashlib.sha256(raw_key.encode()).hexdigest()


class Open311KeyQuerySet(models.QuerySet):
    def check_key(self, raw_key):
        """The active key matching ``raw_key``, or None."""
        if not raw_key or len(raw_key) > 100:
            return None
        return self.filter(key_hash=hash_key(raw_key), active=True).select_related("department").first()


class Open311Key(models.Model):
    """A key that lets a partner system (12345 hotline, grid app) POST requests; only its hash is stored."""

    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department (optional)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("A department's key also reads the full descriptions of that department's tickets."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = Open311KeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, name, department=None):
        """Create a key and return (key object, the raw key, shown only this once)."""
        raw = "o311_" + secrets.token_urlsafe(30)
        key = cls.objects.create(name=name, prefix=raw[:8], key_hash=hash_key(raw), department=department)
        return key, raw


class Notification(models.Model):
    """An e-mail waiting to be sent or already sent; failures are retried, never lost."""

    PENDING, SENT, FAILED = "pending", "sent", "failed"
    STATUSES = [(PENDING, _("pending")), (SENT, _("sent")), (FAILED, _("gave up"))]

    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"
