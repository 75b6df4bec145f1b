"""A community's joint party committee (大党委): its members, part-time members from units, and monthly chairs."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .areas import Community

MONTH_CHOICES = [(n, f"{n}月") for n in range(1, 13)]


class CommitteeMember(Orderable):
    """A member of the community's joint party committee (大党委), full-time or part-time from a unit."""

    class Post(models.TextChoices):
        SECRETARY = "secretary", _("Secretary")
        DEPUTY = "deputy", _("Deputy secretary")
        MEMBER = "member", _("Committee member")
        PART_TIME = "part_time", _("Part-time committee member")

    community = ParentalKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="committee_members"
    )
    name = models.CharField(_("name"), max_length=30)
    post = models.CharField(_("post on the committee"), max_length=20, choices=Post.choices, default=Post.PART_TIME)
    unit = models.CharField(
        _("unit"),
        max_length=80,
        blank=True,
        help_text=_("For a part-time member: the unit in the area, e.g. 云溪区人民医院"),
    )
    unit_post = models.CharField(_("post in the unit"), max_length=60, blank=True, help_text=_("e.g. 党委副书记"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("post")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_post")]),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("joint committee member")
        verbose_name_plural = _("joint committee members")

    def __str__(self):
        return f"{self.name}（{self.get_post_display()}）"

    def clean(self):
        super().clean()
        if self.post == self.Post.PART_TIME and not self.unit.strip():
            raise ValidationError({"unit": _("A part-time member comes from a unit in the area: enter the unit.")})


class RotatingChair(Orderable):
    """The chair of the joint committee's meeting (轮值主席) for one month, taken in turn by the units."""

    community = ParentalKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="rotating_chairs"
    )
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(_("month"), choices=MONTH_CHOICES)
    name = models.CharField(_("name"), max_length=30)
    unit = models.CharField(_("unit"), max_length=80, help_text=_("e.g. 云溪区人民医院党委"))
    topic = models.CharField(
        _("topic of the month"), max_length=120, blank=True, help_text=_("e.g. 老旧小区加装电梯协调")
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("month")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
        FieldPanel("topic"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rotating chair")
        verbose_name_plural = _("rotating chairs")
        constraints = [
            models.UniqueConstraint(fields=["community", "year", "month"], name="one_rotating_chair_per_month")
        ]

    def __str__(self):
        return f"{self.year}年{self.month}月 {self.name}"

    @property
    def month_label(self):
        """'2026年12月'."""
        return f"{self.year}年{self.month}月"


def this_month(today=None):
    """(year, month) of today in the site's time zone."""
    today = today or timezone.localdate()
    return today.year, today.month


def chairs_by_month(community, today=None):
    """The community's chairs of this year by month, and the current month's chair (or None)."""
    year, month = this_month(today)
    chairs = sorted((c for c in community.rotating_chairs.all() if c.year == year), key=lambda chair: chair.month)
    current = next((c for c in chairs if c.month == month), None)
    return chairs, current


__all__ = ["CommitteeMember", "RotatingChair", "chairs_by_month", "this_month"]
