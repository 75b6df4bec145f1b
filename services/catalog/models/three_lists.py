"""三单制: residents' needs, resources offered by units in the area, and projects that match the two."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable


class ProgressStatus(models.TextChoices):
    """Where a need or project stands: collecting, claimed, under way, done."""

    OPEN = "open", _("Collecting")
    CLAIMED = "claimed", _("Claimed")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Completed")


STATUS_RANK = {value: rank for rank, value in enumerate(ProgressStatus.values)}


class Moderation(models.TextChoices):
    """Whether an editor has let a resident's submission be shown publicly."""

    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", pgettext_lazy("catalog", "Published")
    REJECTED = "rejected", _("Not published")


class NeedCategory(models.TextChoices):
    """What a need is about."""

    ELDERLY = "elderly", _("Elderly care")
    CHILDREN = "children", _("Children and youth")
    DISABILITY = "disability", _("Disability support")
    ENVIRONMENT = "environment", _("Living environment")
    CULTURE = "culture", _("Culture and sport")
    EMPLOYMENT = "employment", _("Jobs and skills")
    HEALTH = "health", _("Health")
    OTHER = "other", _("Other")


class NeedSource(models.TextChoices):
    RESIDENT = "resident", _("Submitted by a resident")
    COMMUNITY = "community", _("Collected by the community")
    GRID = "grid", _("Found on grid visits")


class ResourceKind(models.TextChoices):
    """What a unit offers."""

    VENUE = "venue", _("Venue")
    VOLUNTEERS = "volunteers", _("Volunteer service")
    PROFESSIONAL = "professional", _("Professional service")
    GOODS = "goods", _("Goods")
    FUNDS = "funds", _("Funds")


class Need(AdminSearchable, index.Indexed, models.Model):
    """需求清单: something residents need; public only once an editor has approved it."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=60)
    description = models.TextField(_("description"), max_length=1000)
    community = models.ForeignKey(
        "places.Community", verbose_name=_("community"), on_delete=models.PROTECT, related_name="needs"
    )
    category = models.CharField(_("category"), max_length=20, choices=NeedCategory.choices, default="other")
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices, default="open")
    moderation = models.CharField(_("moderation"), max_length=20, choices=Moderation.choices, default="pending")
    moderation_note = models.CharField(_("note to the resident"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=NeedSource.choices, default="community")
    # Private: only editors see these, never a public page or API.
    contact_name = models.CharField(_("contact name"), max_length=30, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("community"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("source")]),
        MultiFieldPanel([FieldPanel("moderation"), FieldPanel("moderation_note")], heading=_("Moderation")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone")], heading=_("Contact (never published)")
        ),
    ]
    admin_search_fields = ("search_text", "reference")
    # Filters: those of the admin's list (NeedViewSet.list_filter), which a search keeps.
    search_fields = admin_search.fields(
        *(index.FilterField(name) for name in ("moderation", "status", "category", "source", "community"))
    )

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = self.next_reference()
        super().save(*args, **kwargs)

    @classmethod
    def next_reference(cls):
        """XQ + date + a serial number within the day, e.g. XQ202612010003."""
        prefix = "XQ" + timezone.localdate().strftime("%Y%m%d")
        last = cls.objects.filter(reference__startswith=prefix).order_by("-reference").first()
        serial = int(last.reference[len(prefix) :]) + 1 if last else 1
        return f"{prefix}{serial:04d}"

    def search_text(self):
        """Public fields only (never the contact details), for the search index."""
        return "\n".join([self.title, self.description, self.community.name, self.get_category_display()])

    def is_reviewed(self):
        """False while the need awaits review: until then it changes nothing public (see CatalogConfig.ready)."""
        return self.moderation != Moderation.PENDING

    @classmethod
    def public(cls):
        """Needs an editor approved, without the private fields loaded."""
        return cls.objects.filter(moderation=Moderation.APPROVED).defer("contact_name", "contact_phone")


class Resource(AdminSearchable, index.Indexed, models.Model):
    """资源清单: what a unit in the area (agency, firm, school, hospital, social organisation) offers."""

    title = models.CharField(_("title"), max_length=60)
    description = models.TextField(_("description"), max_length=1000)
    provider = models.CharField(_("provider unit"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    community = models.ForeignKey(
        "places.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="resources",
        null=True,
        blank=True,
        help_text=_("Leave empty for a resource open to the whole district."),
    )
    availability = models.CharField(_("availability"), max_length=100, blank=True, help_text=_("e.g. 每周六上午"))
    public_contact = models.CharField(
        _("public contact"), max_length=60, blank=True, help_text=_("An office phone or department, never a person.")
    )
    is_available = models.BooleanField(_("accepting requests"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("provider"), FieldPanel("kind")]),
        FieldPanel("community"),
        FieldRowPanel([FieldPanel("availability"), FieldPanel("public_contact")]),
        FieldPanel("is_available"),
    ]
    admin_search_fields = ("search_text",)
    search_fields = admin_search.fields(*(index.FilterField(name) for name in ("kind", "is_available", "community")))

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.title}（{self.provider}）"

    def search_text(self):
        """Title, description, provider and kind, for the search index."""
        return "\n".join([self.title, self.description, self.provider, str(self.get_kind_display())])


class Project(AdminSearchable, index.Indexed, models.Model):
    """项目清单: a need matched to a resource, followed from collecting to completed."""

    title = models.CharField(_("title"), max_length=60)
    summary = models.TextField(_("summary"), max_length=1000)
    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.SET_NULL, null=True, blank=True, related_name="projects"
    )
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.SET_NULL, null=True, blank=True, related_name="projects"
    )
    community = models.ForeignKey(
        "places.Community", verbose_name=_("community"), on_delete=models.PROTECT, related_name="projects"
    )
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices, default="open")
    lead_unit = models.CharField(_("lead unit"), max_length=80, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    beneficiaries = models.PositiveIntegerField(_("people served"), default=0)
    outcome = models.TextField(_("outcome"), blank=True, max_length=1000)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("need"), FieldPanel("resource")]),
        FieldRowPanel([FieldPanel("community"), FieldPanel("status")]),
        FieldPanel("lead_unit"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("beneficiaries")]),
        FieldPanel("outcome"),
    ]
    admin_search_fields = ("search_text",)
    search_fields = admin_search.fields(index.FilterField("status"), index.FilterField("community"))

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        previous = Project.objects.filter(pk=self.pk).values_list("status", flat=True).first() if self.pk else None
        super().save(*args, **kwargs)
        if previous != self.status:
            ProjectStatusChange.objects.create(project=self, status=self.status)
        self.advance_need()

    def search_text(self):
        """Title, summary, lead unit and outcome, for the search index."""
        return "\n".join(p for p in [self.title, self.summary, self.lead_unit, self.outcome] if p)

    def advance_need(self):
        """A need moves forward with the project that answers it (never backwards)."""
        need = self.need
        if need and STATUS_RANK[self.status] > STATUS_RANK[need.status]:
            Need.objects.filter(pk=need.pk).update(status=self.status)
            need.status = self.status


class ProjectStatusChange(models.Model):
    """When a project reached a status (recorded on every save that changes it), for its public history."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("project status change")
        verbose_name_plural = _("project status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.project_id}: {self.status}"
