"""Party members' check-in (在职党员双报到): a registration with the home community, the service posts claimed
from the community's needs and projects (三单制), and the service hours the community confirms."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.ground.privacy import mask_name


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class Registration(models.Model):
    """A signed-in resident's declaration of party membership and check-in with the community they live in."""

    resident = models.OneToOneField(
        "participation.Resident", on_delete=models.PROTECT, related_name="party_registration"
    )
    name = models.CharField(_("member's name"), max_length=20)
    work_unit = models.CharField(_("work unit"), max_length=80)
    branch = models.CharField(_("party organisation"), max_length=80)
    community = models.ForeignKey(
        "places.Community",
        verbose_name=_("community of residence"),
        on_delete=models.PROTECT,
        related_name="party_registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.CharField(_("reason for declining"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("party member registration")
        verbose_name_plural = _("party member registrations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{mask_name(self.name)} · {self.community}"

    @property
    def editable(self):
        """The member may change the declaration until the community confirms it."""
        return self.status != Status.CONFIRMED


class PostClaim(models.Model):
    """A service post (认领岗位) a member took on: a need (需求清单) or a project (项目清单) of their community."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="posts")
    need = models.ForeignKey(
        "catalog.Need", null=True, blank=True, on_delete=models.CASCADE, related_name="party_claims"
    )
    project = models.ForeignKey(
        "catalog.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="party_claims"
    )
    title = models.CharField(_("post"), max_length=80)
    created_at = models.DateTimeField(_("claimed on"), auto_now_add=True)

    class Meta:
        verbose_name = _("claimed post")
        verbose_name_plural = _("claimed posts")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=False, project__isnull=True) | Q(need__isnull=True, project__isnull=False),
                name="party_post_is_need_or_project",
            ),
            models.UniqueConstraint(fields=["registration", "need"], name="party_unique_need_claim"),
            models.UniqueConstraint(fields=["registration", "project"], name="party_unique_project_claim"),
        ]

    def __str__(self):
        return self.title


class ServiceRecord(models.Model):
    """Hours a member served; the community confirms them, and confirming awards points once."""

    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="services")
    claim = models.ForeignKey(
        PostClaim, null=True, blank=True, on_delete=models.SET_NULL, related_name="services", verbose_name=_("post")
    )
    post = models.CharField(_("post"), max_length=80)
    date = models.DateField(_("date of service"))
    hours = models.DecimalField(_("hours served"), max_digits=3, decimal_places=1)
    description = models.CharField(_("what was done"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.CharField(_("reason for declining"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    entry = models.OneToOneField(
        "participation.PointEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="party_service"
    )

    class Meta:
        verbose_name = _("service hours")
        verbose_name_plural = _("service hours")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=Decimal("0"), hours__lte=Decimal("12")), name="party_service_hours_range"
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.post} {self.hours}"


class CommunityStaff(models.Model):
    """A staff user working for a community: sees and confirms only that community's party members."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="communities_staffed"
    )
    community = models.ForeignKey(
        "places.Community", verbose_name=_("community"), on_delete=models.CASCADE, related_name="party_staff"
    )

    panels = [FieldPanel("user"), FieldPanel("community")]

    class Meta:
        verbose_name = _("community staff member")
        verbose_name_plural = _("community staff")
        constraints = [models.UniqueConstraint(fields=["user", "community"], name="party_unique_community_staff")]

    def __str__(self):
        return f"{self.user} · {self.community}"
