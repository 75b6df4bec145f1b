"""People and party organisation inside a grid: grid workers and the four-level party structure.

The four levels are 社区党组织 (``Community.party_organisation``) → 网格党支部 (``Grid.party_branch``)
→ 楼栋党小组 (:class:`BuildingPartyGroup`) → 党员中心户 (:class:`PartyMemberHousehold`).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from .areas import Grid

WORK_PHONE_PATTERN = re.compile(r"^(0\d{9,11}|400\d{7}|1\d{4,5})$")


def work_phone_validator(value):
    """Accept a landline (0571-8690 1234), a 400 number or a short service number such as 12345.

    An 11-digit mobile number is refused so that nobody publishes a grid worker's private phone by mistake.
    """
    digits = re.sub(r"[\s\-()（）]", "", value or "")
    if not WORK_PHONE_PATTERN.match(digits):
        raise ValidationError(
            _("Enter a work landline such as 0571-86901234 (never a personal mobile number)."), code="invalid"
        )


class GridWorker(Orderable):
    """A grid worker (网格员) or a helper (网格长, 楼长, 单元长) serving one grid."""

    class Role(models.TextChoices):
        GRID_WORKER = "grid_worker", _("Full-time grid worker")
        GRID_LEADER = "grid_leader", _("Grid leader")
        BUILDING_LEADER = "building_leader", _("Building leader")
        UNIT_LEADER = "unit_leader", _("Unit leader")
        PART_TIME_WORKER = "part_time_worker", _("Part-time grid worker")
        MICRO_GRID_WORKER = "micro_grid_worker", _("Micro-grid worker")
        FIRST_SECRETARY = "first_secretary", _("Grid first secretary")

    grid = ParentalKey(Grid, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="workers")
    name = models.CharField(_("name"), max_length=30)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.GRID_WORKER)
    work_phone = models.CharField(
        _("work phone"),
        max_length=30,
        blank=True,
        validators=[work_phone_validator],
        help_text=_("The grid's duty landline. Never enter a personal mobile number: it is shown publicly."),
    )
    duty_hours = models.CharField(_("duty hours"), max_length=80, blank=True, help_text=_("e.g. 工作日 8:30—17:30"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mobile = models.CharField(
        _("contact phone"),
        max_length=30,
        blank=True,
        help_text=_("Only shown masked on public pages (139****0012)."),
    )
    sent_from = models.CharField(
        _("sent from"),
        max_length=80,
        blank=True,
        help_text=_("For a grid first secretary: the district department that sent them, e.g. 区住房和城乡建设局"),
    )
    micro_grid = models.CharField(
        _("micro-grid"),
        max_length=80,
        blank=True,
        help_text=_("For a micro-grid worker: the buildings they look after, e.g. 柳荫花园1—3幢"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("sent_from"),
        FieldPanel("micro_grid"),
        FieldPanel("work_phone"),
        FieldPanel("mobile"),
        FieldPanel("duty_hours"),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("grid worker")
        verbose_name_plural = _("grid workers")

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"

    def clean(self):
        super().clean()
        if self.role == self.Role.FIRST_SECRETARY and not self.sent_from.strip():
            raise ValidationError({"sent_from": _("Enter the department that sent this first secretary.")})
        if self.role == self.Role.MICRO_GRID_WORKER and not self.micro_grid.strip():
            raise ValidationError({"micro_grid": _("Enter the buildings of this micro-grid.")})

    @property
    def masked_mobile(self):
        """The contact phone as the public may see it: never in full."""
        from portal.ground.privacy import mask_phone

        return mask_phone(self.mobile) if self.mobile else ""


# The order a grid's people are listed in publicly: who leads, who works full-time, who helps.
ROSTER_ORDER = [
    GridWorker.Role.FIRST_SECRETARY,
    GridWorker.Role.GRID_LEADER,
    GridWorker.Role.GRID_WORKER,
    GridWorker.Role.PART_TIME_WORKER,
    GridWorker.Role.MICRO_GRID_WORKER,
    GridWorker.Role.BUILDING_LEADER,
    GridWorker.Role.UNIT_LEADER,
]


def roster_groups(workers):
    """[(role label, [workers])] in the public order, leaving out roles nobody holds."""
    workers = list(workers)
    return [
        (role.label, [w for w in workers if w.role == role])
        for role in ROSTER_ORDER
        if any(w.role == role for w in workers)
    ]


class BuildingPartyGroup(ClusterableModel):
    """A building party group (楼栋党小组) under a grid's party branch."""

    grid = models.ForeignKey(Grid, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="party_groups")
    name = models.CharField(_("name"), max_length=60, help_text=_("e.g. 3幢党小组"))
    buildings = models.CharField(_("buildings"), max_length=120, blank=True, help_text=_("e.g. 1—4幢"))
    leader = models.CharField(_("group leader"), max_length=30, blank=True)
    member_count = models.PositiveIntegerField(_("party members"), default=0)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("grid"),
        FieldPanel("name"),
        FieldPanel("buildings"),
        FieldPanel("leader"),
        FieldPanel("member_count"),
        FieldPanel("sort_order"),
        InlinePanel("households", label=_("Party-member households")),
    ]

    class Meta:
        verbose_name = _("building party group")
        verbose_name_plural = _("building party groups")
        ordering = ["grid", "sort_order", "name"]

    def __str__(self):
        return f"{self.grid} · {self.name}"


class PartyMemberHousehold(Orderable):
    """A party-member household (党员中心户) that keeps in touch with about ten neighbouring households.

    The member's name is stored for the community's use; public pages show it masked (张**).
    """

    group = ParentalKey(
        BuildingPartyGroup, verbose_name=_("party group"), on_delete=models.CASCADE, related_name="households"
    )
    unit = models.CharField(_("building and unit"), max_length=60, help_text=_("e.g. 3幢2单元"))
    member_name = models.CharField(
        _("party member"), max_length=30, blank=True, help_text=_("Shown publicly only masked, e.g. 张**")
    )
    households_served = models.PositiveIntegerField(_("households in contact"), default=10)

    panels = [FieldPanel("unit"), FieldPanel("member_name"), FieldPanel("households_served")]

    class Meta(Orderable.Meta):
        verbose_name = _("party-member household")
        verbose_name_plural = _("party-member households")

    def __str__(self):
        return self.unit

    @property
    def masked_name(self):
        """The member's surname followed by asterisks, for public pages."""
        from portal.ground.privacy import mask_name

        return mask_name(self.member_name)
