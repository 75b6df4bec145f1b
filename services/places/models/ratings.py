"""Quarterly star ratings of grids (网格星级评定): levels and criteria set by editors, one rating per grid and quarter."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .areas import Grid

QUARTER_CHOICES = [(n, f"第{'一二三四'[n - 1]}季度") for n in range(1, 5)]


def quarter_of(day):
    """(year, quarter) of a date."""
    return day.year, (day.month - 1) // 3 + 1


class GridRatingLevel(models.Model):
    """One level of the rating scheme (e.g. 五星网格) with the criteria a grid must meet, written by editors."""

    stars = models.PositiveSmallIntegerField(
        _("stars"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 to 5")
    )
    name = models.CharField(_("name"), max_length=30, help_text=_("e.g. 五星网格"))
    criteria = models.TextField(
        _("criteria"), help_text=_("What a grid must achieve in the quarter for this level; shown publicly.")
    )

    panels = [FieldRowPanel([FieldPanel("stars"), FieldPanel("name")]), FieldPanel("criteria")]

    class Meta:
        verbose_name = _("grid rating level")
        verbose_name_plural = _("grid rating levels")
        ordering = ["-stars"]

    def __str__(self):
        return self.name

    @property
    def star_text(self):
        """★★★★☆ for four of five stars."""
        return "★" * self.stars + "☆" * (5 - self.stars)


class GridRating(models.Model):
    """The rating of one grid for one quarter, with the reason shown publicly."""

    grid = models.ForeignKey(Grid, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=QUARTER_CHOICES)
    level = models.ForeignKey(
        GridRatingLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="ratings"
    )
    note = models.TextField(_("remarks"), blank=True, max_length=300, help_text=_("Shown publicly with the rating."))

    panels = [
        FieldPanel("grid"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("quarter")]),
        FieldPanel("level"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("grid rating")
        verbose_name_plural = _("grid ratings")
        ordering = ["-year", "-quarter", "grid__community__sort_order", "grid__sort_order"]
        constraints = [models.UniqueConstraint(fields=["grid", "year", "quarter"], name="one_rating_per_grid_quarter")]

    def __str__(self):
        return f"{self.grid} · {self.period_label} · {self.level}"

    @property
    def period_label(self):
        """'2026年第三季度'."""
        return f"{self.year}年{self.get_quarter_display()}"

    def clean(self):
        super().clean()
        if self.year and self.quarter and (self.year, self.quarter) > quarter_of(timezone.localdate()):
            raise ValidationError({"quarter": _("This quarter has not begun yet: a grid is rated after its work.")})
